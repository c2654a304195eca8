package dev.synod.lang.internal.format;

/**
 * One line of canonical output before comments are placed: its depth of indentation, its text,
 * and the source offsets {@code [from, to)} of the tokens it prints ({@code from < 0} for a line
 * that has no source, such as a header the file lacked).
 *
 * @param before whether a blank line precedes this line (or the comments placed before it)
 */
record Line(int depth, String text, int from, int to, Kind kind, Gap before) {

    /** What a line is, which decides where the comments placed before it go. */
    enum Kind {
        /** The first line of a declaration, a statement, a block or the header. */
        HEAD,
        /** A line that continues the construct above it: a clause, a question's options. */
        CONTINUATION,
        /** The {@code '}'} that closes a block; comments before it stay inside the block. */
        CLOSE
    }

    /** What stands between a line and whatever precedes it. */
    enum Gap {
        /** Never a blank line. */
        NONE,
        /** Always exactly one blank line. */
        BLANK,
        /** One blank line if the source had at least one there, else none. */
        PRESERVE
    }

    boolean hasSource() {
        return from >= 0;
    }
}
