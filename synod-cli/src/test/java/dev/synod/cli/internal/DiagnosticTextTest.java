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
    void a_long_line_is_shown_as_a_window_around_the_span_and_says_how_long_it_was() {
        String glob = "src/[" + "x".repeat(5_000_000);
        SourceFile source = new SourceFile("team.synod", "synod 1\nteam t {\n  role a model m\n  a -> human : x \"" + glob
                + "\"\n}\n");
        List<Diagnostic> found = dev.synod.lang.Synod.check(source, dev.synod.lang.CheckOptions.none()).diagnostics();

        String[] printed = render(source, found).split("\n");

        assertThat(printed).hasSize(4);
        assertThat(printed[0]).startsWith("team.synod:4:18: error[S001]: expected a path glob: ").hasSizeLessThan(300);
        assertThat(printed[1]).isEqualTo("  a -> human : x \"src/[" + "x".repeat(137) + "… (5000024 characters)");
        assertThat(printed[2]).isEqualTo(" ".repeat(17) + "^".repeat(160 - 17));
        assertThat(printed[3]).isEqualTo("team.synod: 1 error");
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
        return render(SOURCE, diagnostics);
    }

    private static String render(SourceFile source, List<Diagnostic> diagnostics) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            DiagnosticText.print(out, source, diagnostics);
        }
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
