package dev.synod.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HarnessOptionsTest {
    @Test
    void defaults_measure_everything_at_1_8_and_64_in_three_rounds() {
        HarnessOptions o = HarnessOptions.parse();

        assertThat(o.parts()).containsExactlyInAnyOrder("raw", "journal", "engine");
        assertThat(o.concurrency()).containsExactly(1, 8, 64);
        assertThat(o.shapes()).containsExactly(Shape.PAR, Shape.RUNS);
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(o.responseBytes()).isEqualTo(4096);
        assertThat(o.directory()).isEmpty();
    }

    @Test
    void reads_every_option() {
        HarnessOptions o = HarnessOptions.parse("--parts", "raw,engine", "--concurrency", "2,4", "--shapes", "runs",
                "--rounds", "1", "--warmup", "0.5", "--iterations", "2", "--window", "1", "--steps-per-run", "7",
                "--response-bytes", "100", "--keep", "--dir", "/tmp/x", "--profile", "/tmp/p");

        assertThat(o.parts()).isEqualTo(Set.of("raw", "engine"));
        assertThat(o.concurrency()).isEqualTo(List.of(2, 4));
        assertThat(o.shapes()).containsExactly(Shape.RUNS);
        assertThat(o.schedule()).isEqualTo(new Schedule(Duration.ofMillis(500), 2, Duration.ofSeconds(1)));
        assertThat(o.stepsPerRun()).isEqualTo(7);
        assertThat(o.keep()).isTrue();
        assertThat(o.profile()).contains(java.nio.file.Path.of("/tmp/p"));
    }

    @Test
    void names_the_bad_argument() {
        assertThatThrownBy(() -> HarnessOptions.parse("--parts", "disk")).hasMessage(
                "--parts expects raw, journal or engine, found disk");
        assertThatThrownBy(() -> HarnessOptions.parse("--rounds", "0")).hasMessage(
                "--rounds expects a positive number, found 0");
        assertThatThrownBy(() -> HarnessOptions.parse("--fast")).hasMessage("expected a value after --fast");
        assertThatThrownBy(() -> HarnessOptions.parse("--fast", "yes")).hasMessage("unknown option --fast");
    }

    @Test
    void a_bad_argument_is_explained_with_the_usage_instead_of_thrown() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(text, true, StandardCharsets.UTF_8);

        assertThat(HarnessOptions.parseOrExplain(new String[] {"--rounds", "0"}, err)).isEmpty();
        assertThat(text.toString(StandardCharsets.UTF_8)).startsWith("--rounds expects a positive number, found 0")
                .contains(HarnessOptions.USAGE);
        assertThat(HarnessOptions.parseOrExplain(new String[] {"--rounds", "2"}, err)).get()
                .extracting(HarnessOptions::rounds).isEqualTo(2);
    }
}
