package dev.synod.cli.internal;

import dev.synod.lang.Diagnostic;
import dev.synod.lang.ParseResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import java.io.PrintWriter;
import java.util.Optional;

/** Parsing for the commands that work on the tree alone ({@code fmt}, {@code graph}). */
final class Parsed {
    private Parsed() {
    }

    /**
     * The parse of {@code source}, or empty after printing its diagnostics to {@code err} when it
     * has any error. A wrong header (S002) counts too: rewriting or drawing a file written for
     * another language version would silently change its meaning.
     */
    static Optional<ParseResult> orReport(SourceFile source, PrintWriter err) {
        ParseResult parsed = Synod.parse(source);
        if (parsed.diagnostics().stream().anyMatch(Diagnostic::isError)) {
            DiagnosticText.print(err, source, parsed.diagnostics());
            return Optional.empty();
        }
        return Optional.of(parsed);
    }
}
