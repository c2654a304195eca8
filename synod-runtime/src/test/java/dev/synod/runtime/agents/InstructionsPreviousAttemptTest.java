package dev.synod.runtime.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The section of an attempt's instructions that names the files an earlier attempt left it. */
class InstructionsPreviousAttemptTest {
    private static Agent.Assignment assignment(int attempt, Agent.Previous previous, List<String> diagnostics) {
        return new Agent.Assignment("r1", "calc", attempt, "lead", "", List.of("src/**"), List.of(), diagnostics,
                Map.of(), Duration.ofMinutes(1), List.of(), previous);
    }

    @Test
    void a_retry_is_told_which_files_it_was_left_and_why_they_were_rejected() {
        String text = Instructions.produce(assignment(2, new Agent.Previous(1, "dev",
                List.of("src/Calc.java", "src/CalcTest.java")), List.of("gate compile failed on attempt 1:",
                "src/Calc.java:1:50: error: ';' expected")));

        assertThat(text).contains("""
                ## What the previous attempt left

                Attempt 1 (by `dev`) was not accepted. Its files within your write scope are in the current \
                directory as it left them:

                - `src/Calc.java`
                - `src/CalcTest.java`
                """);
        assertThat(text.indexOf("What the previous attempt left")).isLessThan(text.indexOf("src/Calc.java:1:50"));
    }

    @Test
    void attempts_that_left_nothing_in_between_are_mentioned() {
        String text = Instructions.produce(assignment(3, new Agent.Previous(1, "dev", List.of()),
                List.of("attempt 2 by dev crashed: boom")));

        assertThat(text).contains("Attempt 1 (by `dev`) was not accepted, and the attempts after it left nothing "
                + "(they crashed or timed out). It left no files within your write scope.");
    }

    @Test
    void a_first_attempt_has_no_such_section() {
        assertThat(Instructions.produce(assignment(1, null, List.of()))).doesNotContain("previous attempt");
    }
}
