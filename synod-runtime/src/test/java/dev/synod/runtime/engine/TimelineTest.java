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
}
