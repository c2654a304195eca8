package dev.synod.lang.model;

import java.util.Optional;

/**
 * A concrete artifact: {@code api}, or one replica's instance of a per-replica artifact such as
 * {@code impl[dev2]} (declared as {@code impl[d]} in {@code for d in dev[*]}).
 */
public record ArtifactId(String name, Optional<RoleId> replica) {

    public static ArtifactId of(String name) {
        return new ArtifactId(name, Optional.empty());
    }

    public String display() {
        return replica.map(r -> name + "[" + r.bare() + "]").orElse(name);
    }

    @Override
    public String toString() {
        return display();
    }
}
