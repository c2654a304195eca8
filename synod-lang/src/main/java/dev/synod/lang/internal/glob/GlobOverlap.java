package dev.synod.lang.internal.glob;

import java.util.Optional;

/** PLACEHOLDER: a prefix approximation, replaced by the automaton product on the glob branch. */
public final class GlobOverlap {
    private GlobOverlap() {
    }

    public static Optional<String> witness(Glob a, Glob b) {
        String pa = a.pattern.replace("**", "");
        String pb = b.pattern.replace("**", "");
        return a.pattern.startsWith(pb) || b.pattern.startsWith(pa) ? Optional.of(a.pattern.replace("*", "x"))
                : Optional.empty();
    }
}
