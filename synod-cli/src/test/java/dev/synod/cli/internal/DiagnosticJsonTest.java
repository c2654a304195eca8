package dev.synod.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synod.lang.Diagnostic;
import dev.synod.lang.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SourceFile SOURCE = new SourceFile("team.synod", "synod 1\nteam demo {\n}\n");

    @Test
    void one_file_is_one_object_with_the_fields_in_the_documented_order() throws Exception {
        Diagnostic d = Diagnostic.warning("S056", SOURCE.span(8, 12), "question 'style' is never decided");

        String text = DiagnosticJson.render(List.of(DiagnosticJson.FileReport.of("team.synod", List.of(d))));

        JsonNode report = JSON.readTree(text);
        assertThat(report.isObject()).isTrue();
        assertThat(report.get("file").asText()).isEqualTo("team.synod");
        JsonNode entry = report.get("diagnostics").get(0);
        assertThat(entry.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("code", "severity", "line", "column", "message");
        assertThat(entry.get("code").asText()).isEqualTo("S056");
        assertThat(entry.get("severity").asText()).isEqualTo("warning");
        assertThat(entry.get("line").asInt()).isEqualTo(2);
        assertThat(entry.get("column").asInt()).isEqualTo(1);
        assertThat(entry.get("message").asText()).isEqualTo("question 'style' is never decided");
    }

    @Test
    void several_files_are_an_array_and_a_clean_file_has_an_empty_list() throws Exception {
        String text = DiagnosticJson.render(List.of(
                DiagnosticJson.FileReport.of("a.synod", List.of()),
                DiagnosticJson.FileReport.of("b.synod", List.of())));

        JsonNode reports = JSON.readTree(text);
        assertThat(reports.isArray()).isTrue();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(1).get("file").asText()).isEqualTo("b.synod");
        assertThat(reports.get(0).get("diagnostics").isArray()).isTrue();
        assertThat(reports.get(0).get("diagnostics")).isEmpty();
    }
}
