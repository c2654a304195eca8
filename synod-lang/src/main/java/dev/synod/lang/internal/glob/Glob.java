package dev.synod.lang.internal.glob;

import java.util.List;
import java.util.Objects;

/**
 * A compiled path glob: a write scope such as {@code src/main/java/bank/api/**}, matched against
 * whole repository-relative paths.
 *
 * <p>A path is one or more non-empty segments separated by {@code /}, with no leading or trailing
 * {@code /}. In a pattern:
 *
 * <ul>
 *   <li>{@code *} matches zero or more characters within one segment, {@code ?} exactly one; a
 *       segment that is only {@code *} matches any one (non-empty) segment;
 *   <li>{@code **} as a whole segment matches zero or more whole segments: {@code a/**} matches
 *       {@code a/x} and {@code a/x/y} but not {@code a}; {@code **}/b matches {@code b} and
 *       {@code x/b}; {@code **} alone matches every path. Elsewhere, as in {@code a**b}, it is
 *       an ordinary {@code *};
 *   <li>{@code [abc]}, {@code [a-z]}, {@code [!a]} and {@code [^a]} match one character of (or
 *       not of) the class, never {@code /}; a {@code ]} first in the class is literal, as is a
 *       {@code -} first or last; {@code /} may not appear in a class;
 *   <li>{@code {a,b}} is a union: the pattern matches if any expansion does. Braces nest and may
 *       contain {@code /}; a {@code ,} outside braces is literal, a stray <code>&#125;</code> is
 *       an error; expansion is capped at 1024 patterns;
 *   <li>{@code \} makes the next character literal, inside classes too (an escaped {@code /}
 *       is still a separator, since no segment can contain one);
 *   <li>the pattern is normalized: repeated {@code /} collapse, {@code .} segments (such as a
 *       leading {@code ./}) are dropped, and a trailing {@code /} stands for {@code /**}, so
 *       {@code dir/} is {@code dir/**}. A leading {@code /} and {@code ..} segments are errors.
 * </ul>
 *
 * <p>The pattern is compiled once into an automaton that {@link #matches} and
 * {@link GlobOverlap} share. Globs are immutable, thread-safe values, equal when their pattern
 * strings are equal.
 */
public final class Glob {
    private final String pattern;
    private final Automaton automaton;
    private final Automaton preferred;
    private final String fixedPrefix;

    private Glob(String pattern, Automaton automaton, Automaton preferred) {
        this.pattern = pattern;
        this.automaton = automaton;
        this.preferred = preferred;
        this.fixedPrefix = fixedPrefix(pattern);
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws IllegalArgumentException if the pattern is malformed (an unclosed {@code [} or
     *     <code>&#123;</code>, a dangling {@code \}, a reversed range, a leading {@code /}, ...); the
     *     message quotes the pattern and says what was expected, what was found, and the index
     */
    public static Glob compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        List<List<Segment>> alternatives = GlobParser.parse(pattern);
        Automaton exact = Automaton.of(alternatives, false);
        boolean refinable = alternatives.stream()
                .flatMap(List::stream)
                .anyMatch(s -> s instanceof Segment.Part part && part.startsWithStarDot());
        return new Glob(pattern, exact, refinable ? Automaton.of(alternatives, true) : exact);
    }

    /** The pattern exactly as given to {@link #compile}. */
    public String pattern() {
        return pattern;
    }

    /**
     * Whether the whole of {@code path} matches. The path is taken as is, not normalized: one
     * with an empty segment ({@code a//b}, a leading or trailing {@code /}) never matches.
     */
    public boolean matches(String path) {
        return automaton.matches(Objects.requireNonNull(path, "path"));
    }

    /** The automaton recognizing exactly the matching paths. */
    Automaton automaton() {
        return automaton;
    }

    /**
     * An automaton recognizing a subset of the matching paths, those in which a segment's
     * leading {@code *} before a literal {@code .} matches at least one character, so that no
     * segment is a hidden file it did not have to be; witnesses are sought here first. The same
     * instance as {@link #automaton()} when the pattern has no such star.
     */
    Automaton preferred() {
        return preferred;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob other && pattern.equals(other.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }

    /**
     * The characters every matching path starts with: the pattern up to its first special
     * character. Empty where normalization would change the pattern's start ({@code ./},
     * {@code //}, a {@code .} segment), so the prefix is never wrong, only sometimes short.
     */
    private static String fixedPrefix(String pattern) {
        if (pattern.startsWith(".") || pattern.contains("//") || pattern.contains("/./") || pattern.endsWith("/.")) {
            return "";
        }
        int end = 0;
        while (end < pattern.length() && "*?[{\\".indexOf(pattern.charAt(end)) < 0) {
            end++;
        }
        return pattern.substring(0, end);
    }

    /**
     * False when no path can match both globs because their fixed prefixes differ: the cheap
     * test that settles most pairs of write scopes before any automaton is searched.
     */
    static boolean prefixesAgree(Glob a, Glob b) {
        return a.fixedPrefix.startsWith(b.fixedPrefix) || b.fixedPrefix.startsWith(a.fixedPrefix);
    }
}
