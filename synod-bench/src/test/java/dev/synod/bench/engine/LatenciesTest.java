package dev.synod.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void percentiles_are_nearest_rank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }

        assertThat(Latencies.percentile(sorted, 50)).isEqualTo(50);
        assertThat(Latencies.percentile(sorted, 99)).isEqualTo(99);
        assertThat(Latencies.percentile(sorted, 100)).isEqualTo(100);
        assertThat(Latencies.percentile(new long[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void the_summary_sorts_and_converts_to_milliseconds() {
        Latencies l = Latencies.ofNanos(new long[] {3_000_000, 1_000_000, 2_000_000, 4_000_000});

        assertThat(l.count()).isEqualTo(4);
        assertThat(l.p50()).isEqualTo(2.0);
        assertThat(l.p99()).isEqualTo(4.0);
        assertThat(l.max()).isEqualTo(4.0);
        assertThat(Latencies.ofNanos(new long[0]).count()).isZero();
    }

    @Test
    void rejects_a_percentile_of_nothing() {
        assertThatThrownBy(() -> Latencies.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected samples and 0 < p <= 100, found 0 samples and p = 50.0");
    }
}
