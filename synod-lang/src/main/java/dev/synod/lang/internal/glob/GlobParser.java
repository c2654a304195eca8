package dev.synod.lang.internal.glob;

import dev.synod.lang.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a glob into its alternatives, each a list of {@link Segment}s, by recursive descent
 * with one method per rule:
 *
 * <pre>
 *   sequence     = { item } ;
 *   item         = "\" any | "*" | "?" | "/" | class | alternatives | other ;
 *   class        = "[" [ "!" | "^" ] classItem { classItem } "]" ;   (a leading "]" is literal)
 *   classItem    = classChar [ "-" classChar ] ;
 *   alternatives = "{" sequence { "," sequence } "}" ;
 * </pre>
 *
 * <p>Braces are expanded textually into a union of patterns, so a brace may contain {@code /}
 * and {@code {**,a}/b} is {@code **}/b or a/b. Each expansion is then split at {@code /} and
 * normalized: repeated {@code /} collapse, {@code .} segments are dropped (so a leading
 * {@code ./} is), and a trailing {@code /} means {@code /**}. A leading {@code /} and {@code ..}
 * segments are rejected, since write scopes are relative paths inside the repository.
 */
final class GlobParser {
    /** Brace expansion is a product, so it is capped to keep automata small. */
    static final int MAX_ALTERNATIVES = 1024;

    /** Paths are far shorter; the bound keeps a hostile file from stalling the checker. */
    static final int MAX_LENGTH = 1024;

    /** The characters of all expansions together, for the same reason. */
    static final int MAX_EXPANDED = 32 * 1024;

    private final String pattern;
    private int pos;
    private int firstBrace = -1;

    private GlobParser(String pattern) {
        this.pattern = pattern;
    }

    /**
     * The alternatives of {@code pattern}, each a non-empty list of segments.
     *
     * @throws IllegalArgumentException if the pattern is malformed; the message quotes the
     *     pattern and says what was expected, what was found, and at which index
     */
    static List<List<Segment>> parse(String pattern) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("invalid glob \"\": expected a path glob, found an empty pattern");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("invalid glob of " + pattern.length() + " characters: expected at most "
                    + MAX_LENGTH);
        }
        GlobParser parser = new GlobParser(pattern);
        List<Node> sequence = parser.sequence(false);
        List<List<Token>> expansions = parser.expand(sequence);
        long expanded = expansions.stream().mapToLong(List::size).sum();
        if (expanded > MAX_EXPANDED) {
            throw parser.error(0, "too complex: expected braces to expand to at most " + MAX_EXPANDED
                    + " characters in all, found " + expanded);
        }
        List<List<Segment>> alternatives = new ArrayList<>();
        for (List<Token> tokens : expansions) {
            alternatives.add(parser.segments(tokens));
        }
        return List.copyOf(alternatives);
    }

    private enum Kind { STAR, ONE, SLASH }

    private sealed interface Node {
    }

    /** A lexical item; {@code literal} is the code point of a literal character, else -1. */
    private record Token(Kind kind, CharSet set, int literal, int index) implements Node {
    }

    private record Alternatives(List<List<Node>> options, int index) implements Node {
    }

    private List<Node> sequence(boolean inBraces) {
        List<Node> items = new ArrayList<>();
        while (pos < pattern.length()) {
            int at = pos;
            int c = pattern.codePointAt(pos);
            if (inBraces && (c == ',' || c == '}')) {
                break;
            }
            pos += Character.charCount(c);
            items.add(switch (c) {
                case '\\' -> literal(escaped(at), at);
                case '*' -> new Token(Kind.STAR, null, -1, at);
                case '?' -> new Token(Kind.ONE, CharSet.ANY_IN_SEGMENT, -1, at);
                case '/' -> new Token(Kind.SLASH, CharSet.SLASH, -1, at);
                case '[' -> characterClass(at);
                case '{' -> alternatives(at);
                case '}' -> throw error(at, "unmatched '}': expected it only to close a '{' (write '\\}' for a literal brace)");
                default -> literal(c, at);
            });
        }
        return items;
    }

    private static Token literal(int c, int at) {
        return c == '/' ? new Token(Kind.SLASH, CharSet.SLASH, -1, at) : new Token(Kind.ONE, CharSet.single(c), c, at);
    }

    /** The character after a backslash at {@code at}; {@code pos} is just past the backslash. */
    private int escaped(int at) {
        if (pos >= pattern.length()) {
            throw error(at, "dangling '\\': expected a character to escape, found the end of the pattern");
        }
        int c = pattern.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    private Token characterClass(int open) {
        boolean negated = pos < pattern.length() && (pattern.charAt(pos) == '!' || pattern.charAt(pos) == '^');
        if (negated) {
            pos++;
        }
        List<int[]> ranges = new ArrayList<>();
        while (true) {
            if (pos >= pattern.length()) {
                throw error(open, "unclosed '[': expected ']' before the end of the pattern");
            }
            int at = pos;
            if (pattern.charAt(pos) == ']' && !ranges.isEmpty()) {
                pos++;
                break;
            }
            int lo = classChar(open);
            int hi = lo;
            if (pos + 1 < pattern.length() && pattern.charAt(pos) == '-' && pattern.charAt(pos + 1) != ']') {
                pos++;
                hi = classChar(open);
                if (hi < lo) {
                    throw error(at, "invalid range '" + pattern.substring(at, pos) + "' in '[...]': expected the lower bound first");
                }
            }
            if (lo <= '/' && '/' <= hi) {
                throw error(at, "'/' in '[...]': expected characters within a segment, as a class never matches '/'");
            }
            ranges.add(new int[] {lo, hi});
        }
        return new Token(Kind.ONE, CharSet.ofClass(ranges, negated), -1, open);
    }

    private int classChar(int open) {
        int at = pos;
        int c = pattern.codePointAt(pos);
        pos += Character.charCount(c);
        if (c != '\\') {
            return c;
        }
        if (pos >= pattern.length()) {
            throw error(open, "unclosed '[': expected ']' before the end of the pattern");
        }
        return escaped(at);
    }

    private Alternatives alternatives(int open) {
        if (firstBrace < 0) {
            firstBrace = open;
        }
        List<List<Node>> options = new ArrayList<>();
        options.add(sequence(true));
        while (pos < pattern.length() && pattern.charAt(pos) == ',') {
            pos++;
            options.add(sequence(true));
        }
        if (pos >= pattern.length()) {
            throw error(open, "unclosed '{': expected '}' before the end of the pattern");
        }
        pos++; // the '}' that sequence(true) stopped at
        return new Alternatives(options, open);
    }

    /** Every choice of one option per brace group, in order; a product, hence capped. */
    private List<List<Token>> expand(List<Node> sequence) {
        List<List<Token>> results = new ArrayList<>();
        results.add(new ArrayList<>());
        for (Node node : sequence) {
            switch (node) {
                case Token token -> results.forEach(r -> r.add(token));
                case Alternatives group -> {
                    List<List<Token>> options = new ArrayList<>();
                    for (List<Node> option : group.options()) {
                        options.addAll(expand(option));
                    }
                    if ((long) results.size() * options.size() > MAX_ALTERNATIVES) {
                        throw error(group.index(), "too many alternatives: expected braces to expand to at most "
                                + MAX_ALTERNATIVES + " patterns, found " + (long) results.size() * options.size());
                    }
                    List<List<Token>> next = new ArrayList<>();
                    for (List<Token> prefix : results) {
                        for (List<Token> suffix : options) {
                            List<Token> joined = new ArrayList<>(prefix);
                            joined.addAll(suffix);
                            next.add(joined);
                        }
                    }
                    results = next;
                }
            }
        }
        return results;
    }

    /** Splits one expansion at '/' and normalizes it into segments. */
    private List<Segment> segments(List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw error(firstBrace, "empty alternative: expected every expansion of the braces to be a path, found ''");
        }
        if (tokens.get(0).kind() == Kind.SLASH) {
            throw error(tokens.get(0).index(), "leading '/': expected a path relative to the repository root");
        }
        List<List<Token>> raw = new ArrayList<>();
        raw.add(new ArrayList<>());
        for (Token token : tokens) {
            if (token.kind() == Kind.SLASH) {
                raw.add(new ArrayList<>());
            } else {
                raw.get(raw.size() - 1).add(token);
            }
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            List<Token> part = raw.get(i);
            if (part.isEmpty()) {
                // "a//b" is "a/b"; a trailing "/" names a directory, so "dir/" is "dir/**".
                if (i == raw.size() - 1) {
                    segments.add(new Segment.Globstar());
                }
            } else if (isDots(part, 2)) {
                throw error(part.get(0).index(), "'..' segment: expected a path inside the repository, found a step to the parent");
            } else if (!isDots(part, 1)) {
                segments.add(segment(part));
            }
        }
        if (segments.isEmpty()) {
            throw error(0, "expected a path glob, found only '.', which names no file (write '**' for every file)");
        }
        return segments;
    }

    private static boolean isDots(List<Token> part, int count) {
        return part.size() == count && part.stream().allMatch(t -> t.literal() == '.');
    }

    private static Segment segment(List<Token> part) {
        if (part.size() == 2 && part.get(0).kind() == Kind.STAR && part.get(1).kind() == Kind.STAR) {
            return new Segment.Globstar();
        }
        List<Segment.Atom> atoms = new ArrayList<>();
        for (Token token : part) {
            if (token.kind() == Kind.ONE) {
                atoms.add(new Segment.Atom.One(token.set()));
            } else if (atoms.isEmpty() || !(atoms.get(atoms.size() - 1) instanceof Segment.Atom.Star)) {
                // A '**' that is not a whole segment is an ordinary '*'.
                atoms.add(new Segment.Atom.Star());
            }
        }
        return new Segment.Part(atoms);
    }

    private IllegalArgumentException error(int index, String message) {
        return new IllegalArgumentException("invalid glob " + Diagnostic.quote(pattern) + " at index " + index + ": " + message);
    }
}
