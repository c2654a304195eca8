package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SimCommandTest {

    @Test
    void vote_json_agrees_with_condorcet_computed_by_hand() throws Exception {
        Run run = Run.synod("sim", "vote", "--voters", "3", "--accuracy", "0.7", "--correlation", "0",
                "--trials", "200000", "--seed", "3", "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        // Condorcet for n = 3, p = 0.7: 0.343 + 3 * 0.49 * 0.3 = 0.784.
        assertThat(json.get("closed_form").asDouble()).isBetween(0.784 - 1e-12, 0.784 + 1e-12);
        assertThat(Math.abs(json.get("p_correct").asDouble() - 0.784)).isLessThanOrEqualTo(4 * json.get("stderr").asDouble());
        assertThat(json.get("trials").asLong()).isEqualTo(200000);
        assertThat(json.get("seed").asLong()).isEqualTo(3);
        assertThat(json.has("p_consistent") && json.has("mean_rounds") && json.has("mean_calls")).isTrue();
    }

    @Test
    void a_model_without_closed_form_prints_null() throws Exception {
        Run run = Run.synod("sim", "vote", "--voters", "5", "--accuracy", "0.7", "--correlation", "0.3",
                "--protocol", "synod", "--rounds", "3", "--gate", "0.8", "--retry", "2", "--options", "3",
                "--trials", "20000", "--seed", "1", "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("closed_form").isNull()).isTrue();
    }

    @Test
    void a_fallback_settles_what_the_quorum_leaves_open() throws Exception {
        String[] common = {"sim", "vote", "--voters", "5", "--accuracy", "0.7", "--correlation", "0.2", "--quorum", "5",
                "--trials", "20000", "--seed", "4", "--json"};
        JsonNode without = new ObjectMapper().readTree(Run.synod(common).out());
        String[] withFallback = java.util.Arrays.copyOf(common, common.length + 2);
        withFallback[common.length] = "--fallback";
        withFallback[common.length + 1] = "0.9";
        Run run = Run.synod(withFallback);

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode with = new ObjectMapper().readTree(run.out());
        // A unanimous quorum of five is often missed: without a fallback such a decide fails.
        assertThat(without.get("p_consistent").asDouble()).isLessThan(0.9);
        assertThat(with.get("p_consistent").asDouble()).isEqualTo(1.0);
        assertThat(with.get("p_correct").asDouble()).isGreaterThan(without.get("p_correct").asDouble() + 0.1);
        assertThat(with.get("closed_form").isNull()).isTrue();
    }

    @Test
    void text_output_names_estimate_and_closed_form() {
        Run run = Run.synod("sim", "vote", "--voters", "1", "--accuracy", "0.8", "--correlation", "0.2",
                "--protocol", "leader", "--trials", "1000", "--seed", "2");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("P(correct) = ").contains("closed form: 0.8000");
    }

    @Test
    void an_accuracy_out_of_range_is_one_line_and_exit_2() {
        Run run = Run.synod("sim", "vote", "--voters", "3", "--accuracy", "1.5", "--correlation", "0",
                "--trials", "10", "--seed", "1");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()[0]).isEqualTo("synod: expected accuracy strictly between 0 and 1, found 1.5");
    }
}
