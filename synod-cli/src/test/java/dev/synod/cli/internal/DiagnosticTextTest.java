package dev.synod.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.lang.Diagnostic;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Span;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticTextTest {
    private static final SourceFile SOURCE = new SourceFile("team.synod", """
            synod 1
            team demo {
              writer -> reader : notes "docs/notes.md"
            \trole\tgate model default
            }
            """);

    @Test
    void prints_location_severity_code_message_source_line_and_carets() {
        int start = SOURCE.text().indexOf("notes");
        Diagnostic d = Diagnostic.error("S020", SOURCE.span(start, start + "notes".length()),
                "hand-off of 'notes' has no deterministic gate");

        assertThat(render(List.of(d))).isEqualTo("""
                team.synod:3:22: error[S020]: hand-off of 'notes' has no deterministic gate
                  writer -> reader : notes "docs/notes.md"
                                     ^^^^^
                team.synod: 1 error
                """);
    }

    @Test
    void an_empty_span_still_gets_one_caret() {
        int start = SOURCE.text().indexOf("writer");
        Diagnostic d = Diagnostic.warning("S062", SOURCE.span(start, start), "m");

        assertThat(DiagnosticText.caretLine(SOURCE.line(3), d.span())).isEqualTo("  ^");
    }

    @Test
    void a_span_over_several_lines_is_underlined_to_the_end_of_its_first_line() {
        int start = SOURCE.text().indexOf("writer");
        int end = SOURCE.text().indexOf("}", start);
        Span span = SOURCE.span(start, end);

        assertThat(DiagnosticText.caretLine(SOURCE.line(3), span))
                .isEqualTo("  " + "^".repeat("writer -> reader : notes \"docs/notes.md\"".length()));
    }

    @Test
    void tabs_before_the_column_are_kept_so_carets_line_up() {
        int start = SOURCE.text().indexOf("gate");

        assertThat(DiagnosticText.caretLine(SOURCE.line(4), SOURCE.span(start, start + 4))).isEqualTo("\t    \t^^^^");
    }

    @Test
    void a_diagnostic_without_a_place_has_no_source_line() {
        Diagnostic d = Diagnostic.error("S002", Span.NONE, "missing header");

        assertThat(render(List.of(d))).isEqualTo("team.synod: error[S002]: missing header\nteam.synod: 1 error\n");
    }

    @Test
    void summary_says_ok_or_counts_errors_and_warnings() {
        Diagnostic error = Diagnostic.error("S020", SOURCE.span(0, 1), "e");
        Diagnostic warning = Diagnostic.warning("S056", SOURCE.span(0, 1), "w");

        assertThat(DiagnosticText.summary("t.synod", List.of())).isEqualTo("t.synod: ok");
        assertThat(DiagnosticText.summary("t.synod", List.of(warning))).isEqualTo("t.synod: 1 warning");
        assertThat(DiagnosticText.summary("t.synod", List.of(error, error))).isEqualTo("t.synod: 2 errors");
        assertThat(DiagnosticText.summary("t.synod", List.of(error, error, warning)))
                .isEqualTo("t.synod: 2 errors, 1 warning");
        assertThat(DiagnosticText.summary("t.synod", List.of(error, warning, warning)))
                .isEqualTo("t.synod: 1 error, 2 warnings");
    }

    private static String render(List<Diagnostic> diagnostics) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            DiagnosticText.print(out, SOURCE, diagnostics);
        }
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
