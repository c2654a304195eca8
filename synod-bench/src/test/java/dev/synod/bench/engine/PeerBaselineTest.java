package dev.synod.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerBaselineTest {
    @Test
    void the_result_line_gives_count_mean_and_median_in_microseconds() {
        Measurement m = new Measurement("journal", "seq", 1, List.of(1.0),
                new long[] {4_000, 1_000, 3_000, 2_000, 100_000}, new long[0], 5, 0);

        assertThat(PeerBaseline.resultLine("journal", m)).isEqualTo("result\tjournal\t5\t22.0\t3.0\tjournal_mode=wal synchronous=FULL");
    }

    @Test
    void a_part_without_samples_is_an_error_not_a_zero() {
        Measurement m = new Measurement("raw", "seq", 1, List.of(), new long[0], new long[0], 0, 0);

        assertThatThrownBy(() -> PeerBaseline.resultLine("raw", m)).isInstanceOf(IllegalStateException.class)
                .hasMessage("raw recorded no samples: lengthen --window or --iterations");
    }
}
