package dev.synod.lang;

import dev.synod.lang.model.TeamModel;
import java.util.List;
import java.util.Optional;

/**
 * The parse of a file, every diagnostic the checker found (sorted by position), and the
 * resolved model, present whenever the file had no syntax error.
 */
public record CheckResult(ParseResult parse, List<Diagnostic> diagnostics, Optional<TeamModel> model) {
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
