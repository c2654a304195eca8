package dev.synod.lang.internal.graph;

/**
 * An artifact as drawn: {@code api}, {@code impl[dev2]} (a replica's artifact, its loop variable
 * replaced by the replica's flat name), {@code impl[*]} or {@code impl[d]} (when {@code d} is unbound).
 *
 * @param index null for a plain artifact
 */
record Artifact(String base, String index) {

    String name() {
        return index == null ? base : base + "[" + index + "]";
    }

    boolean isStar() {
        return "*".equals(index);
    }
}
