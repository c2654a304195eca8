package dev.synod.lang.model;

/**
 * A concrete participant: a role ({@code lead}, {@code core.lead}), one replica of a replicated
 * role ({@code dev[2]}), or the built-in {@code human}.
 *
 * @param name    the qualified name, nested teams joined with '.'
 * @param replica the 1-based replica number, or 0 for a role without replicas
 */
public record RoleId(String name, int replica) implements Comparable<RoleId> {
    /** The person answering through the CLI. */
    public static final RoleId HUMAN = new RoleId("human", 0);

    public RoleId {
        if (replica < 0) {
            throw new IllegalArgumentException("replica must not be negative, found " + replica);
        }
    }

    public boolean isHuman() {
        return equals(HUMAN);
    }

    /** The name as written in a file: {@code dev[2]}. */
    public String display() {
        return replica == 0 ? name : name + "[" + replica + "]";
    }

    /**
     * The name without brackets or team prefix, as {@code {v}} interpolates it into strings:
     * {@code dev[2]} becomes {@code dev2}.
     */
    public String bare() {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return replica == 0 ? last : last + replica;
    }

    @Override
    public int compareTo(RoleId o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : Integer.compare(replica, o.replica);
    }

    @Override
    public String toString() {
        return display();
    }
}
