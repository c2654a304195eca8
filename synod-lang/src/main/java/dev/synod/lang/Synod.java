package dev.synod.lang;

import dev.synod.lang.internal.format.Formatter;
import dev.synod.lang.internal.graph.DotExporter;
import dev.synod.lang.internal.graph.MermaidExporter;
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

    /**
     * The canonical form of a parsed file (LANGUAGE.md §8), comments kept.
     *
     * @throws IllegalArgumentException when the file has syntax errors (S001): there is no tree to print
     */
    public static String format(ParseResult parsed) {
        return Formatter.format(parsed);
    }

    /** A Mermaid {@code sequenceDiagram} of the choreography (LANGUAGE.md §9). */
    public static String mermaid(ParseResult parsed) {
        return MermaidExporter.export(parsed.file());
    }

    /** A Graphviz DOT graph of roles and artifacts (LANGUAGE.md §9). */
    public static String dot(ParseResult parsed) {
        return DotExporter.export(parsed.file());
    }

    /**
     * The local contract of one role (LANGUAGE.md §7), from a file that checked without errors.
     *
     * @param role a role ({@code lead}, {@code team.member}) or a replica ({@code dev[2]})
     * @throws IllegalArgumentException when the team has no such role; the message lists the roles it has
     */
    public static Projection project(CheckResult checked, String role) {
        throw new UnsupportedOperationException("project: not yet implemented");
    }
}
