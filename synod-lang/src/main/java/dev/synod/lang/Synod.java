package dev.synod.lang;

import dev.synod.lang.internal.check.Checker;
import dev.synod.lang.internal.format.Formatter;
import dev.synod.lang.internal.graph.DotExporter;
import dev.synod.lang.internal.graph.MermaidExporter;
import dev.synod.lang.internal.parse.Parser;
import dev.synod.lang.internal.project.Projector;
import dev.synod.lang.model.TeamModel;
import java.util.Objects;

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
        return Checker.check(parse(source), options);
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
     * The local contract of one participant (LANGUAGE.md §7), derived from the checked flow. Meant
     * for a file that checked without errors; a file with other errors than syntax errors is
     * projected as far as its names resolved.
     *
     * <p>{@code role} names one agent: a role without replicas ({@code lead}, {@code core.lead}), one
     * replica ({@code dev[2]}, {@code core.dev[1]}) or {@code human}, which reviews, approves and
     * receives like any role. A replicated role without an index ({@code dev} or {@code dev[*]}) is
     * refused, because each replica has a contract of its own (its own artifact and write scope);
     * the message lists the replicas to choose from. A participant that takes part in no step gets a
     * contract with no entries, not an error.
     *
     * @param role a role ({@code lead}, {@code team.member}), a replica ({@code dev[2]}) or {@code human}
     * @throws IllegalArgumentException when the file has syntax errors; when the team has no such role
     *                                  (the message lists its participants); when a replicated role has no
     *                                  index or one out of range, or a role without replicas has one
     */
    public static Projection project(CheckResult checked, String role) {
        Objects.requireNonNull(role, "role");
        TeamModel model = checked.model().orElseThrow(() -> new IllegalArgumentException(checked.parse().source().name()
                + " has syntax errors, so it has no roles to project; fix the errors 'synod check' reports first"));
        return Projector.project(model, role);
    }
}
