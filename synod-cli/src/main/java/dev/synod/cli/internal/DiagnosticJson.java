package dev.synod.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.synod.lang.Diagnostic;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Diagnostics for programs (LANGUAGE.md §6):
 * {@code {"file": …, "diagnostics": [{"code", "severity", "line", "column", "message"}]}}.
 */
final class DiagnosticJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiagnosticJson() {
    }

    /** The diagnostics of one file. */
    record FileReport(String file, List<Entry> diagnostics) {
        FileReport {
            diagnostics = List.copyOf(diagnostics);
        }

        static FileReport of(String file, List<Diagnostic> diagnostics) {
            return new FileReport(file, diagnostics.stream().map(Entry::of).toList());
        }
    }

    /** One diagnostic as it appears in JSON. */
    record Entry(String code, String severity, int line, int column, String message) {
        static Entry of(Diagnostic d) {
            return new Entry(d.code(), d.severity().word(), d.span().line(), d.span().column(), d.message());
        }
    }

    /** One object for one file, an array of objects for several. */
    static String render(List<FileReport> reports) {
        try {
            return JSON.writeValueAsString(reports.size() == 1 ? reports.get(0) : reports);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write diagnostics as JSON", e);
        }
    }
}
