package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance tests of {@code synod check} that run the checker. */
@Tag("needs-lang")
class CheckCommandLangTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void a_valid_team_is_ok_and_exit_0() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("check", team.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(team + ": ok" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void a_hand_off_without_gate_is_S020_with_source_line_caret_and_summary() {
        Path team = Teams.write(dir, "team.synod", Teams.MISSING_GATE);

        Run run = Run.synod("check", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        String[] lines = run.out().lines().toArray(String[]::new);
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).matches("\\Q" + team + "\\E:9:\\d+: error\\[S020\\]: .+");
        assertThat(lines[1]).isEqualTo("  writer -> reader : notes \"docs/notes.md\"");
        assertThat(lines[2]).matches(" *\\^+");
        int column = Integer.parseInt(lines[0].substring(team.toString().length()).split(":")[2]);
        assertThat(lines[2].indexOf('^')).isEqualTo(column - 1);
        assertThat(lines[3]).isEqualTo(team + ": 1 error");
    }

    @Test
    void json_has_one_object_per_file() throws Exception {
        Path team = Teams.write(dir, "team.synod", Teams.MISSING_GATE);

        Run run = Run.synod("check", "--format", "json", team.toString());

        assertThat(run.err()).as(run.toString()).isEmpty();
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("file").asText()).isEqualTo(team.toString());
        JsonNode diagnostic = report.get("diagnostics").get(0);
        assertThat(diagnostic.get("code").asText()).isEqualTo("S020");
        assertThat(diagnostic.get("severity").asText()).isEqualTo("error");
        assertThat(diagnostic.get("line").asInt()).isEqualTo(9);
        assertThat(diagnostic.get("column").asInt()).isPositive();
        assertThat(diagnostic.get("message").asText()).isNotBlank();
    }

    @Test
    void json_for_several_files_is_an_array() throws Exception {
        Path good = Teams.write(dir, "good.synod", Teams.VALID);
        Path bad = Teams.write(dir, "bad.synod", Teams.MISSING_GATE);

        Run run = Run.synod("check", "--format", "json", good.toString(), bad.toString());

        assertThat(run.err()).as(run.toString()).isEmpty();
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        JsonNode reports = JSON.readTree(run.out());
        assertThat(reports.isArray()).isTrue();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).get("file").asText()).isEqualTo(good.toString());
        assertThat(reports.get(0).get("diagnostics")).isEmpty();
        assertThat(reports.get(1).get("diagnostics").get(0).get("code").asText()).isEqualTo("S020");
    }

    @Test
    void several_files_each_get_a_summary_and_one_error_fails_all() {
        Path good = Teams.write(dir, "good.synod", Teams.VALID);
        Path bad = Teams.write(dir, "bad.synod", Teams.MISSING_GATE);

        Run run = Run.synod("check", good.toString(), bad.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains(good + ": ok", bad + ": 1 error");
    }

    @Test
    void warnings_alone_are_exit_0() {
        Path team = Teams.write(dir, "team.synod", Teams.UNDECIDED_QUESTION);

        Run run = Run.synod("check", team.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("\\Q" + team + "\\E:9:\\d+: warning\\[S056\\]: ");
        assertThat(run.out()).contains(team + ": 1 warning");
    }

    @Test
    void strict_reports_warnings_as_errors_and_fails() {
        Path team = Teams.write(dir, "team.synod", Teams.UNDECIDED_QUESTION);

        Run run = Run.synod("check", "--strict", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).containsPattern(":9:\\d+: error\\[S056\\]: ").doesNotContain("warning[");
        assertThat(run.out()).contains(team + ": 1 error");
    }

    @Test
    void strict_json_reports_warnings_as_errors() throws Exception {
        Path team = Teams.write(dir, "team.synod", Teams.UNDECIDED_QUESTION);

        Run run = Run.synod("check", "--strict", "--format", "json", team.toString());

        assertThat(run.err()).as(run.toString()).isEmpty();
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        JsonNode diagnostic = JSON.readTree(run.out()).get("diagnostics").get(0);
        assertThat(diagnostic.get("code").asText()).isEqualTo("S056");
        assertThat(diagnostic.get("severity").asText()).isEqualTo("error");
    }

    @Test
    void without_synod_yaml_model_aliases_are_not_checked() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("check", team.toString());

        assertThat(run.out()).doesNotContain("S012");
    }

    @Test
    void synod_yaml_beside_the_file_is_used_for_model_aliases() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);
        Teams.write(dir, "synod.yaml", "models:\n  critic: { provider: anthropic, model: claude-sonnet-4-5 }\n");

        Run run = Run.synod("check", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("error[S012]").contains("default");
    }

    @Test
    void config_option_replaces_the_synod_yaml_beside_the_file() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);
        Teams.write(dir, "synod.yaml", "models:\n  critic: { provider: anthropic, model: claude-sonnet-4-5 }\n");
        Path config = Teams.write(dir, "conf/models.yaml", "models:\n  default: { provider: openai, model: gpt-4.1-mini }\n");

        Run run = Run.synod("check", "--config", config.toString(), team.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
    }

    @Test
    void a_gate_defined_in_synod_yaml_is_known() {
        Path team = Teams.write(dir, "team.synod", Teams.CUSTOM_GATE);
        Path withoutConfig = Teams.write(dir, "plain/team.synod", Teams.CUSTOM_GATE);
        Teams.write(dir, "synod.yaml", "models:\n  default: { provider: openai, model: gpt-4.1-mini }\n"
                + "gates:\n  typecheck: { sh: \"npx tsc --noEmit\" }\n");

        assertThat(Run.synod("check", team.toString()).exit()).isZero();
        Run unknown = Run.synod("check", withoutConfig.toString());
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.out()).contains("error[S010]").contains("typecheck");
    }

    @Test
    void a_syntax_error_is_S001_and_exit_1() {
        Path team = Teams.write(dir, "team.synod", Teams.SYNTAX_ERROR);

        Run run = Run.synod("check", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains(team + ":6:8: error[S001]: ", "  role gate model default", "       ^^^^");
    }
}
