package dev.synod.lang;

import dev.synod.lang.internal.parse.Parser;

/**
 * Entry point of the language: parse, check, format, project and draw a choreography.
 * Nothing here throws for bad input; every problem comes back as a {@link Diagnostic}.
 */
public final class Synod {
    /** The language version this implementation reads. */
    public static final int LANGUAGE_VERSION = 1;

    private Synod() {
    }

    /** Lexes and parses a file; S001 and S002 come back with the tree. */
    public static ParseResult parse(SourceFile source) {
        return Parser.parse(source);
    }

    /**
     * Parses and checks a file (LANGUAGE.md §6). When the file has a syntax error, only its
     * S001 diagnostics are returned.
     */
    public static CheckResult check(SourceFile source, CheckOptions options) {
        throw new UnsupportedOperationException("check: not yet implemented");
    }
}
