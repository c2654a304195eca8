package dev.synod.runtime.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.core.Voting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a voter and a fallback are told, and the decision records every later agent is quoted. */
class InstructionsDecideTest {
    private static final Map<String, List<String>> QUESTIONS = Map.of("money", List.of("long cents", "BigDecimal"));

    @TempDir
    Path dir;

    private static Agent.DecisionRequest request(boolean ballot, int round, Voting.Deliberation d, List<String> context) {
        return new Agent.DecisionRequest("r1", "decide:money", "dev", QUESTIONS, Map.of(), Duration.ofMinutes(1), ballot, round,
                d, List.of("api"), null, context);
    }

    @Test
    void a_voter_of_a_later_round_is_shown_the_previous_rounds_anonymous_tally_and_rationales() {
        Map<String, Integer> tally = new java.util.LinkedHashMap<>();
        tally.put("long cents", 1);
        tally.put("BigDecimal", 1);
        Voting.Deliberation d = new Voting.Deliberation(1, Map.of("money", tally), 0,
                List.of("exact and simple", "rounding modes"));

        String text = Instructions.decide(request(true, 2, d, List.of()));

        assertThat(text).contains("you cast one voter's ballot in round 2 on these questions")
                .contains("Round 1 found no quorum: money: long cents 1, BigDecimal 1.\n")
                .contains("- exact and simple\n- rounding modes\n")
                .contains("## Artifacts you may read\n\nTheir files are in your workspace, to read and not to change: `api`.")
                .doesNotContain("no ballot");
    }

    @Test
    void a_first_round_ballot_has_no_previous_round_and_a_fallback_is_told_why_it_is_asked() {
        assertThat(Instructions.decide(request(true, 1, null, List.of()))).contains("ballot in round 1")
                .doesNotContain("previous round");

        String fallback = Instructions.decide(request(false, 1, null, List.of("round 1: money: long cents 1, BigDecimal 1",
                "round 2: money: long cents 1, BigDecimal 1")));

        assertThat(fallback).contains("as the fallback: the voters found no quorum")
                .contains("## Why you are asked\n\n- round 1: money: long cents 1, BigDecimal 1\n- round 2:");
    }

    @Test
    void the_decision_records_of_the_workspace_are_quoted_in_full_sorted_and_cut_at_8_kib() throws Exception {
        Files.createDirectories(dir.resolve("docs/decisions"));
        Files.writeString(dir.resolve("docs/decisions/0002-ids.md"), "# ids\n\nUUID, because merges.\n");
        Files.writeString(dir.resolve("docs/decisions/0001-money.md"), "# money\n\n" + "x".repeat(9000));
        Files.writeString(dir.resolve("docs/decisions/notes.txt"), "not a record");

        Map<String, String> records = Instructions.readRecords(dir);
        Agent.Assignment a = new Agent.Assignment("r1", "api", 1, "dev", "", List.of("api/**"), List.of(), List.of(),
                Map.of("money", "long cents"), Duration.ofMinutes(1)).withRecords(records);
        String produce = Instructions.produce(a);
        String review = Instructions.review(a);

        assertThat(records).containsOnlyKeys("docs/decisions/0001-money.md", "docs/decisions/0002-ids.md");
        assertThat(produce).contains("## Decisions recorded (frozen: do not edit these files)")
                .contains("### `docs/decisions/0002-ids.md`\n\n# ids\n\nUUID, because merges.\n")
                .contains("(cut: the record has 9009 characters, the first 8192 are quoted; read the file for the rest)")
                .doesNotContain("x".repeat(8190));
        assertThat(produce.indexOf("0001-money.md")).isLessThan(produce.indexOf("0002-ids.md"));
        assertThat(review).contains("### `docs/decisions/0002-ids.md`");
    }

    @Test
    void a_workspace_without_records_quotes_none() {
        assertThat(Instructions.readRecords(dir)).isEmpty();
        assertThat(Instructions.produce(new Agent.Assignment("r1", "api", 1, "dev", "", List.of("api/**"), List.of(),
                List.of(), Map.of(), Duration.ofMinutes(1)))).doesNotContain("Decisions recorded");
    }
}
