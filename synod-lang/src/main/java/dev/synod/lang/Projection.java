package dev.synod.lang;

/**
 * The local contract of one role: what it produces, receives, reviews, takes over and decides,
 * in the order of the choreography. Printed by {@code synod project} and used by the runtime to
 * build each agent's instructions.
 */
public final class Projection {
    private final String role;

    Projection(String role) {
        this.role = role;
    }

    /** The role or replica projected on, as written ({@code dev[2]}). */
    public String role() {
        return role;
    }

    /** The contract as text for people and agents. */
    public String toText() {
        throw new UnsupportedOperationException("projection text: not yet implemented");
    }

    /** The contract as a JSON document. */
    public String toJson() {
        throw new UnsupportedOperationException("projection json: not yet implemented");
    }
}
