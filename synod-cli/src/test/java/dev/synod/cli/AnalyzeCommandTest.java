package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    private static final String BANK = Path.of("..", "examples", "bank", "team.synod").toString();

    @TempDir
    Path dir;

    @Test
    void the_bank_team_explains_its_decide_and_its_frozen_fan_out() {
        Run run = Run.synod("analyze", BANK);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("accuracy default per agent (default 0.7), correlation 0.3")
                .contains("decide money, errors by ben_or among dev[1], dev[2], dev[3] (models default, critic, default)")
                .contains("par with 4 branches: settled and frozen before it:")
                .contains("summary: ");
        // The risks in words: a wrong decision is frozen for every later step, and the largest risk is named.
        assertThat(run.out()).containsPattern("  risk: 0\\.\\d{3} that it settles some question on an unintended option,"
                        + " which is frozen and every later step builds on \\(by question: money right 0\\.\\d{3},"
                        + " errors right 0\\.\\d{3}\\)")
                .containsPattern("the largest risk is decide money, errors wrong \\(0\\.\\d{3}\\)");
    }

    @Test
    void a_more_accurate_model_raises_the_estimate() throws Exception {
        JsonNode low = analyze("--accuracy", "default=0.6", "--accuracy", "critic=0.6");
        JsonNode high = analyze("--accuracy", "default=0.9", "--accuracy", "critic=0.9");

        double pLow = low.get("decides").get(0).get("p_correct").asDouble();
        double pHigh = high.get("decides").get(0).get("p_correct").asDouble();
        assertThat(pHigh).isGreaterThan(pLow + 0.1);
        assertThat(high.get("fanouts").get(0).get("unsettled")).isEmpty();
        assertThat(high.get("fanouts").get(0).get("p_consistent").asDouble()).isEqualTo(1.0);
    }

    @Test
    void synod_yaml_gives_the_teams_defaults_and_the_command_line_overrides_them() throws Exception {
        java.nio.file.Files.copy(Path.of(BANK), dir.resolve("team.synod"));
        java.nio.file.Files.writeString(dir.resolve("synod.yaml"), """
                models:
                  default: { provider: ollama, model: qwen2.5-coder:7b }
                  critic: { provider: ollama, model: llama3 }
                analyze:
                  accuracy: { default: 0.9, critic: 0.9 }
                  correlation: 0.1
                """);
        String team = dir.resolve("team.synod").toString();

        JsonNode fromYaml = new ObjectMapper().readTree(Run.synod("analyze", "--json", team).out());
        JsonNode overridden = new ObjectMapper().readTree(Run.synod("analyze", "--json", "--accuracy", "default=0.6",
                "--accuracy", "critic=0.6", "--correlation", "0.3", team).out());

        assertThat(fromYaml.get("correlation").asDouble()).isEqualTo(0.1);
        assertThat(fromYaml.get("accuracy").get("critic").asDouble()).isEqualTo(0.9);
        assertThat(overridden.get("correlation").asDouble()).isEqualTo(0.3);
        assertThat(fromYaml.get("decides").get(0).get("p_correct").asDouble())
                .isGreaterThan(overridden.get("decides").get(0).get("p_correct").asDouble() + 0.1);

        java.nio.file.Files.writeString(dir.resolve("synod.yaml"), "analyze: { accuracy: { default: 1.5 } }\n");
        Run bad = Run.synod("analyze", team);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("analyze.accuracy.default: expected a probability strictly between 0 and 1");
    }

    @Test
    void a_team_with_errors_is_refused_in_one_line() {
        Path team = Teams.write(dir, "team.synod", Teams.SYNTAX_ERROR);

        Run run = Run.synod("analyze", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("synod: cannot analyze a team that does not check clean: ");
    }

    @Test
    void an_accuracy_that_is_not_alias_equals_probability_is_named_once_in_the_message() {
        Run run = Run.synod("analyze", "--accuracy", "foo", BANK);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errLines()[0])
                .isEqualTo("synod: Value for option '--accuracy' (ALIAS=P) should be in KEY=VALUE format but was foo");
    }

    private JsonNode analyze(String... accuracy) throws Exception {
        String[] args = new String[accuracy.length + 3];
        args[0] = "analyze";
        System.arraycopy(accuracy, 0, args, 1, accuracy.length);
        args[accuracy.length + 1] = "--json";
        args[accuracy.length + 2] = BANK;
        Run run = Run.synod(args);
        assertThat(run.exit()).as(run.toString()).isZero();
        return new ObjectMapper().readTree(run.out());
    }
}
