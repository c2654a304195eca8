package dev.synod.lang.internal.glob;

import java.util.Objects;
import java.util.Optional;

/**
 * Exact overlap of two globs (LANGUAGE.md §6, checks S042 and S043): whether some path matches
 * both, decided on the patterns by a breadth-first search of the product of their automata,
 * never by listing files. The search is polynomial in the pattern sizes and takes microseconds
 * for typical write scopes.
 */
public final class GlobOverlap {
    private GlobOverlap() {
    }

    /** Whether some path matches both {@code a} and {@code b}. */
    public static boolean overlap(Glob a, Glob b) {
        return shortest(a, b).isPresent();
    }

    /**
     * A path matching both globs, or empty if there is none. The example is short and readable,
     * for error messages such as {@code "src/**" overlaps "src/a/**" (both match src/a/x)}:
     * characters the patterns force are kept, and free positions read {@code x}. It is a
     * shortest common path in which a segment's leading {@code *} before a literal {@code .}
     * matches at least one character ({@code *.java} and {@code **}/{@code *.java} give
     * {@code x.java}, not the hidden file {@code .java}); when no such path exists, it is a
     * shortest common path.
     */
    public static Optional<String> witness(Glob a, Glob b) {
        Optional<String> exact = shortest(a, b);
        if (exact.isEmpty() || (a.preferred() == a.automaton() && b.preferred() == b.automaton())) {
            return exact;
        }
        return toString(ProductSearch.shortestCommonPath(a.preferred(), b.preferred())).or(() -> exact);
    }

    /** A shortest path matching both globs, or empty if there is none. */
    static Optional<String> shortest(Glob a, Glob b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (!Glob.prefixesAgree(a, b)) {
            return Optional.empty();
        }
        return toString(ProductSearch.shortestCommonPath(a.automaton(), b.automaton()));
    }

    private static Optional<String> toString(int[] codePoints) {
        return codePoints == null ? Optional.empty() : Optional.of(new String(codePoints, 0, codePoints.length));
    }
}
