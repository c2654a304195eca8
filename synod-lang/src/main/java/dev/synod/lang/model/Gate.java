package dev.synod.lang.model;

import java.util.Optional;

/** A gate of a hand-off with its argument interpolated ({@code test "src/test/java/bank/dev2/**"}). */
public record Gate(String name, Optional<String> argument) {
    /** The gates Synod knows without a {@code synod.yaml}. */
    public static final java.util.Set<String> BUILT_IN = java.util.Set.of("exists", "compile", "test", "lint", "sh");
}
