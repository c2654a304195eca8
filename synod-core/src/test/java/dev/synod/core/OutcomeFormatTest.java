package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Outcomes gained fields in issue 10; journals written before must still read, and the new fields must round-trip. */
class OutcomeFormatTest {
    private static Event.Outcome outcomeOf(String json) {
        return ((Event.AgentFinished) Journals.fromJson(json)).outcome();
    }

    private static String finished(String outcome) {
        return "{\"type\":\"agent-finished\",\"command\":\"agent:api#1\",\"outcome\":" + outcome
                + ",\"usage\":{\"inputTokens\":0,\"outputTokens\":0,\"usd\":0.0},\"at\":\"2026-01-01T00:00:00Z\"}";
    }

    @Test
    void a_rejection_journaled_without_a_commit_reads_with_none() {
        Event.Outcome o = outcomeOf(finished("{\"kind\":\"rejected\",\"diagnostics\":[\"a:1:1: outside\"]}"));

        assertThat(o).isEqualTo(new Event.Outcome.Rejected(List.of("a:1:1: outside"), null));
    }

    @Test
    void a_production_journaled_without_dropped_paths_reads_with_none() {
        Event.Outcome o = outcomeOf(finished("{\"kind\":\"produced\",\"commit\":\"abc\",\"summary\":\"done\"}"));

        assertThat(o).isEqualTo(new Event.Outcome.Produced("abc", "done", List.of()));
    }

    @Test
    void a_timeout_journaled_with_its_elapsed_time_only_reads_as_silence() {
        Event.Outcome o = outcomeOf(finished("{\"kind\":\"timed-out\",\"afterMillis\":600000}"));

        assertThat(o).isEqualTo(new Event.Outcome.TimedOut(600_000, 0L, false));
        assertThat(FailureDetector.describe((Event.Outcome.TimedOut) o)).isEqualTo("timed out after 600s");
    }

    @Test
    void old_forms_keep_their_bytes() {
        for (String outcome : List.of("{\"kind\":\"rejected\",\"diagnostics\":[\"x\"]}",
                "{\"kind\":\"produced\",\"commit\":\"abc\",\"summary\":\"done\"}",
                "{\"kind\":\"timed-out\",\"afterMillis\":600000}")) {
            assertThat(Journals.toJson(Journals.fromJson(finished(outcome)))).isEqualTo(finished(outcome));
        }
    }

    @Test
    void new_fields_round_trip() {
        for (Event.Outcome o : List.of(new Event.Outcome.Rejected(List.of("x"), "c1"),
                new Event.Outcome.Produced("c2", "s", List.of("link: a symbolic link")),
                new Event.Outcome.TimedOut(40_000, 10_000L, true))) {
            Event e = new Event.AgentFinished("agent:api#1", o, Event.Usage.NONE, Driver.T0);
            assertThat(Journals.fromJson(Journals.toJson(e))).isEqualTo(e);
        }
    }

    private static final String REVIEW = "{\"type\":\"review-finished\",\"command\":\"review:api#1:critic\","
            + "\"approved\":false,\"comment\":\"no\",\"usage\":{\"inputTokens\":0,\"outputTokens\":0,\"usd\":0.0},"
            + "\"at\":\"2026-01-01T00:00:00Z\"}";

    @Test
    void a_review_journaled_without_misconfigured_reads_as_a_review_that_ran_and_keeps_its_bytes() {
        Event e = Journals.fromJson(REVIEW);

        assertThat(e).isEqualTo(new Event.ReviewFinished("review:api#1:critic", false, "no", Event.Usage.NONE, Driver.T0));
        assertThat(((Event.ReviewFinished) e).misconfigured()).isFalse();
        assertThat(Journals.toJson(e)).isEqualTo(REVIEW);
    }

    @Test
    void a_misconfigured_review_round_trips() {
        Event e = new Event.ReviewFinished("review:api#1:critic", false, "no such program", Event.Usage.NONE, Driver.T0, true);

        assertThat(Journals.toJson(e)).contains("\"misconfigured\":true");
        assertThat(Journals.fromJson(Journals.toJson(e))).isEqualTo(e);
    }

    private static final String GATE = "{\"type\":\"gate-finished\",\"command\":\"gate:api#1:0\",\"verdict\":\"PASS\","
            + "\"diagnostics\":[],\"cached\":false,\"at\":\"2026-01-01T00:00:00Z\"}";

    @Test
    void a_gate_journaled_without_its_duration_reads_as_unknown_and_keeps_its_bytes() {
        Event e = Journals.fromJson(GATE);

        assertThat(((Event.GateFinished) e).millis()).isNull();
        assertThat(Journals.toJson(e)).isEqualTo(GATE);
    }

    @Test
    void a_gates_duration_round_trips_and_cannot_be_negative() {
        Event e = new Event.GateFinished("gate:api#1:0", Event.Verdict.FAIL, java.util.List.of("a:1:1: x"), true, Driver.T0, 12L);

        assertThat(Journals.toJson(e)).contains("\"millis\":12");
        assertThat(Journals.fromJson(Journals.toJson(e))).isEqualTo(e);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new Event.GateFinished(
                "gate:api#1:0", Event.Verdict.PASS, java.util.List.of(), false, Driver.T0, -1L)).withMessageContaining("-1 ms");
    }
}
