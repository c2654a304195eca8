package dev.synod.lang;

/**
 * A region of a source file: character offsets {@code [start, end)} and the 1-based line and
 * column of its start. Every AST node and every diagnostic carries one.
 */
public record Span(int start, int end, int line, int column) {

    /** A span for things that have no place in a file (synthesised nodes). */
    public static final Span NONE = new Span(0, 0, 0, 0);

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start <= end, found [" + start + ", " + end + ")");
        }
    }

    /** The smallest span that covers this one and {@code other}. */
    public Span to(Span other) {
        if (other == NONE) {
            return this;
        }
        if (this == NONE) {
            return other;
        }
        Span first = start <= other.start ? this : other;
        return new Span(first.start, Math.max(end, other.end), first.line, first.column);
    }
}
