package dev.synod.lang;

import java.util.List;

/** The parse of a file and every diagnostic the checker found, sorted by position. */
public record CheckResult(ParseResult parse, List<Diagnostic> diagnostics) {
    public CheckResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public boolean hasWarnings() {
        return diagnostics.stream().anyMatch(d -> !d.isError());
    }
}
