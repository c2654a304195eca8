package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureDetectorTest {
    private static final long S = 1_000_000_000L;

    @Test
    void a_silent_call_is_stopped_its_timeout_after_the_start() {
        assertThat(FailureDetector.deadlineNanos(100, 0, 10 * S)).isEqualTo(100 + 10 * S);
        assertThat(FailureDetector.stoppedByBound(100, 0, 10 * S)).isFalse();
    }

    @Test
    void a_heartbeat_moves_the_deadline_to_a_timeout_after_it() {
        assertThat(FailureDetector.deadlineNanos(0, 7 * S, 10 * S)).isEqualTo(17 * S);
        assertThat(FailureDetector.stoppedByBound(0, 7 * S, 10 * S)).isFalse();
    }

    @Test
    void heartbeats_never_move_the_deadline_past_four_timeouts_from_the_start() {
        assertThat(FailureDetector.deadlineNanos(0, 35 * S, 10 * S)).isEqualTo(40 * S);
        assertThat(FailureDetector.stoppedByBound(0, 35 * S, 10 * S)).isTrue();
        assertThat(FailureDetector.stoppedByBound(0, 29 * S, 10 * S)).isFalse();
    }

    @Test
    void a_role_timeout_starts_at_within_and_grows_after_a_late_answer() {
        assertThat(FailureDetector.timeoutMillis(10, 0)).isEqualTo(10_000);
        assertThat(FailureDetector.grownAfterLateAnswer(12_001)).isEqualTo(18_001);
        assertThat(FailureDetector.timeoutMillis(10, 18_001)).isEqualTo(18_001);
        assertThat(FailureDetector.timeoutMillis(30, 18_001)).isEqualTo(30_000);
    }

    @Test
    void a_timeout_says_whether_silence_or_the_bound_stopped_the_agent() {
        assertThat(FailureDetector.describe(new Event.Outcome.TimedOut(10_250, 10_000L, false)))
                .isEqualTo("timed out after 10s");
        assertThat(FailureDetector.describe(new Event.Outcome.TimedOut(40_013, 10_000L, true)))
                .isEqualTo("stopped after 40s: it kept heartbeating past 4× its timeout of 10s");
    }

    @Test
    void a_bound_stop_names_the_timeout_it_had_not_the_within_it_grew_from() {
        // within 10s, grown to 15s after a late answer: the bound was 4 × 15s, and the text says so.
        assertThat(FailureDetector.describe(new Event.Outcome.TimedOut(60_002, 15_000L, true)))
                .isEqualTo("stopped after 60s: it kept heartbeating past 4× its timeout of 15s");
    }
}
