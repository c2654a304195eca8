package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How journaled events read in the run's output and in {@code synod log}. */
class TimelineTest {
    private static Event.ProviderRetried retried(long delayMillis) {
        return new Event.ProviderRetried("agent:notes#1", "a", "openai: HTTP 503", 1, 5, delayMillis, Instant.EPOCH);
    }

    @Test
    void a_retry_delay_under_a_second_is_shown_in_milliseconds_not_rounded_to_0s() {
        assertThat(Timeline.describe(retried(400))).isEqualTo("notes#1: openai: HTTP 503, retry 1 of 5 in 400ms");
    }

    @Test
    void a_retry_delay_is_shown_as_synod_yaml_writes_durations() {
        assertThat(Timeline.describe(retried(2000))).endsWith(" in 2s");
        assertThat(Timeline.describe(retried(1500))).endsWith(" in 1500ms");
    }

    @Test
    void a_summary_of_many_lines_is_kept_whole_as_details_and_shown_by_its_first_line_in_progress() {
        Event.AgentFinished f = new Event.AgentFinished("agent:api#1", new Event.Outcome.Produced("0123456789abcdef",
                "wrote the api\nand its tests\n\n(coder: exit status 0, 3 lines of output; transcript: synod show ab12)"),
                Event.Usage.NONE, Instant.EPOCH);

        Timeline.Entry entry = Timeline.entry(f, null);

        assertThat(entry.headline()).isEqualTo("api#1: produced 0123456789");
        assertThat(entry.details()).containsExactly("wrote the api", "and its tests", "",
                "(coder: exit status 0, 3 lines of output; transcript: synod show ab12)");
        assertThat(entry.oneLine()).isEqualTo("api#1: produced 0123456789 (wrote the api …)");
    }

    @Test
    void a_gate_is_named_from_the_plan_and_its_diagnostics_are_details_not_part_of_the_headline() {
        Event.GateFinished g = new Event.GateFinished("gate:notes#2:0", Event.Verdict.FAIL, java.util.List.of("a:1:1: x",
                "b:2:1: y"), false, Instant.EPOCH);

        Timeline.Entry unnamed = Timeline.entry(g, null);

        assertThat(unnamed.headline()).isEqualTo("notes#2: gate #1: fail (time unknown)");
        assertThat(unnamed.details()).containsExactly("a:1:1: x", "b:2:1: y");
        assertThat(unnamed.oneLine()).isEqualTo("notes#2: gate #1: fail: a:1:1: x; b:2:1: y");
    }

    @Test
    void the_log_says_how_long_a_gate_took_and_progress_leaves_it_out() {
        Event.GateFinished ran = new Event.GateFinished("gate:notes#2:0", Event.Verdict.PASS, java.util.List.of(), false,
                Instant.EPOCH, 1234L);
        Event.GateFinished cached = new Event.GateFinished("gate:notes#3:0", Event.Verdict.FAIL, java.util.List.of("a:1:1: x"),
                true, Instant.EPOCH, 0L);

        assertThat(Timeline.entry(ran, null).headline()).isEqualTo("notes#2: gate #1: pass in 1.2 s");
        assertThat(Timeline.entry(ran, null).oneLine()).isEqualTo("notes#2: gate #1: pass");
        assertThat(Timeline.entry(cached, null).headline()).isEqualTo("notes#3: gate #1: fail (cached) in <1 ms");
        assertThat(Timeline.entry(cached, null).oneLine()).isEqualTo("notes#3: gate #1: fail (cached): a:1:1: x");
        assertThat(Timeline.gateTime(37)).isEqualTo("37 ms");
        assertThat(Timeline.gateTime(125_000)).isEqualTo("2m05s");
    }

    @Test
    void the_end_of_a_run_is_no_line_of_its_own_the_outcome_says_it_once() {
        assertThat(Timeline.describe(new Event.RunFinished("finish", true, "synod/r1", Instant.EPOCH))).isNull();
        assertThat(Timeline.describe(new Event.Started(new dev.synod.core.Command.Finish("finish", "", false, "no luck",
                java.util.Map.of()), Instant.EPOCH))).isNull();
        assertThat(Timeline.outcome(true, "every step was accepted", "synod/r1"))
                .isEqualTo("succeeded: every accepted artifact is on branch synod/r1");
        assertThat(Timeline.outcome(false, "no luck", null)).isEqualTo("failed: no luck");
    }
}
