package dev.synod.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.runtime.engine.Engine;
import dev.synod.testkit.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs.start: the run's id is told once it is journaled; ids and seeds come from the injected randomness. */
class RunsStartTest {
    @TempDir
    Path dir;

    private void project() throws IOException {
        Files.writeString(dir.resolve("team.synod"), """
                synod 1

                team start {
                  defaults within 1m

                  role writer model demo
                  role reader model demo

                  writer -> reader : notes "docs/notes.md"
                    gate exists
                }
                """);
        Files.writeString(dir.resolve("synod.yaml"), "models:\n  demo: { provider: scripted, script: agents.yaml }\n");
        Files.writeString(dir.resolve("agents.yaml"), """
                writer:
                  produce:
                    notes:
                      - write: { docs/notes.md: "hello\\n" }
                """);
    }

    @Test
    void the_run_id_is_told_only_once_its_run_started_event_is_journaled_and_comes_from_the_injected_randomness()
            throws IOException {
        project();
        FakeClock clock = new FakeClock();
        List<List<Event>> journaledWhenTold = new ArrayList<>();
        List<String> told = new ArrayList<>();

        try (Runs runs = Runs.openOrCreate(dir, clock, new SplittableRandom(42))) {
            Runs.Accepted accepted = (Runs.Accepted) Runs.accept(dir, line -> { });
            Engine.Result result = runs.start(accepted, new Engine.Options(true, false, Duration.ofMillis(20)), line -> { },
                    id -> {
                        told.add(id);
                        journaledWhenTold.add(runs.events(id));
                    });

            assertThat(result).isInstanceOf(Engine.Result.Finished.class);
            SplittableRandom expected = new SplittableRandom(42);
            byte[] suffix = new byte[2];
            expected.nextBytes(suffix);
            String id = "r20260101-000000-" + HexFormat.of().formatHex(suffix);
            assertThat(told).containsExactly(id);
            assertThat(journaledWhenTold.get(0)).hasSize(1).first().isInstanceOf(Event.RunStarted.class);
            Event.RunStarted started = (Event.RunStarted) runs.events(id).get(0);
            assertThat(started.seed()).isEqualTo(expected.nextLong());
        }
    }
}
