package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Agent;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.SynodException;
import dev.synod.runtime.gates.ExistsGate;
import dev.synod.testkit.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine-side faults of issue 10: an {@link Error} in an effect stops the engine instead of
 * hanging it, and a timeout reports the real elapsed time (on the fake clock: nothing sleeps).
 */
@Timeout(60)
class EngineFaultTest {
    private static final String TEAM = EngineFixture.oneStep("1s", 0, "NOTES.md");

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeClock clock;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new EngineFixture(dir).team(TEAM);
        clock = fixture.clock;
    }

    /** What the agent does in its workspace; it may throw anything. */
    @FunctionalInterface
    private interface Work {
        void perform(Path workspace, Agent.Session session) throws Exception;
    }

    private static Agent agent(Work work) {
        return EngineFixture.agent((a, w, s) -> work.perform(w, s));
    }

    private Engine.Result run(Agent agent, Gate gate) throws Exception {
        return fixture.agent(agent).gates(Map.of("exists", gate)).start();
    }

    private Engine.Result run(String team, Agent agent, Gate gate) throws Exception {
        return fixture.team(team).agent(agent).gates(Map.of("exists", gate)).start();
    }

    private Event.Outcome outcome() {
        return fixture.outcome();
    }

    private static void writeNotes(Path workspace) throws Exception {
        Files.writeString(workspace.resolve("NOTES.md"), "notes\n");
    }

    @Test
    void an_error_in_an_agent_stops_the_engine_with_a_clear_message() {
        Agent agent = agent((w, s) -> {
            throw new OutOfMemoryError("Java heap space");
        });

        assertThatThrownBy(() -> run(agent, new ExistsGate()))
                .isInstanceOf(SynodException.Retriable.class)
                .hasMessageContaining("agent:notes#1 failed with OutOfMemoryError: Java heap space")
                .hasMessageContaining("resume the run");
        assertThat(fixture.events()).noneMatch(e -> e instanceof Event.AgentFinished);
    }

    @Test
    void an_error_in_a_gate_stops_the_engine_instead_of_hanging_it() {
        Gate gate = new Gate() {
            @Override
            public Verdict check(Input input) {
                throw new StackOverflowError();
            }
        };

        assertThatThrownBy(() -> run(agent((w, s) -> writeNotes(w)), gate))
                .isInstanceOf(SynodException.Retriable.class)
                .hasMessageContaining("gate:notes#1:0 failed with StackOverflowError");
    }

    @Test
    void an_error_after_a_timeout_still_stops_the_engine() {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Agent agent = agent((w, s) -> {
            if (attempts.incrementAndGet() == 1) {
                clock.advance(Duration.ofMillis(2500));
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException stopped) {
                    throw new OutOfMemoryError("Java heap space");
                }
            }
            // The retry never answers and, the fake clock standing still, never times out:
            // only the first attempt's late Error can end the run.
            new CountDownLatch(1).await();
        });

        assertThatThrownBy(() -> run(TEAM.replace("retry 0", "retry 1"), agent, new ExistsGate()))
                .isInstanceOf(SynodException.Retriable.class)
                .hasMessageContaining("agent:notes#1 failed with OutOfMemoryError: Java heap space");
    }

    @Test
    void a_silent_agent_times_out_after_the_time_it_really_ran() throws Exception {
        Agent agent = agent((w, s) -> {
            clock.advance(Duration.ofMillis(2500));
            new CountDownLatch(1).await();
        });

        Engine.Result result = run(agent, new ExistsGate());

        assertThat(outcome()).isEqualTo(new Event.Outcome.TimedOut(2500, 1000L, false));
        assertThat(result).isEqualTo(new Engine.Result.Finished(false,
                "hand-off notes failed after 1 attempt: attempt 1 by a timed out after 2s", null));
    }

    @Test
    void an_agent_that_keeps_heartbeating_is_stopped_by_the_bound_and_told_so() throws Exception {
        Agent agent = agent((w, s) -> {
            for (int beat = 0; beat < 5; beat++) {
                clock.advance(Duration.ofMillis(900));
                s.heartbeat();
            }
            new CountDownLatch(1).await();
        });

        Engine.Result result = run(agent, new ExistsGate());

        assertThat(outcome()).isEqualTo(new Event.Outcome.TimedOut(4500, 1000L, true));
        assertThat(Timeline.describe(fixture.finished())).isEqualTo("notes#1: stopped after 4s: it kept heartbeating past 4× its "
                + "timeout of 1s");
        assertThat(result).isInstanceOfSatisfying(Engine.Result.Finished.class, f -> assertThat(f.reason())
                .endsWith("attempt 1 by a stopped after 4s: it kept heartbeating past 4× its timeout of 1s"));
    }

    private void runLimited(Agent agent, long maxFileBytes) throws Exception {
        fixture.agent(agent).maxFileBytes(maxFileBytes).start();
    }

    @Test
    void a_file_over_the_size_limit_rejects_the_attempt_with_its_path() throws Exception {
        // A sparse file: the repository's own walk sees its size without 2 KiB ever being written.
        runLimited(agent((w, s) -> {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(w.resolve("NOTES.md").toFile(), "rw")) {
                f.setLength(2048);
            }
        }), 1024);

        assertThat(outcome()).isInstanceOfSatisfying(Event.Outcome.Rejected.class, r -> {
            assertThat(r.diagnostics()).hasSize(2);
            assertThat(r.diagnostics().get(0)).isEqualTo("attempt 1 by a left files that cannot be committed:");
            assertThat(r.diagnostics().get(1)).startsWith("NOTES.md:1:1: ").contains("2048 bytes", "1024 bytes");
        });
    }

    @Test
    void paths_the_commit_left_out_are_journaled_with_the_outcome_and_shown() throws Exception {
        runLimited(agent((w, s) -> {
            writeNotes(w);
            Files.createSymbolicLink(w.resolve("NOTES.md.link"), Path.of("/etc/hostname"));
        }), Engine.Options.MAX_FILE_BYTES);

        Event.AgentFinished finished = fixture.finished();
        assertThat(finished.outcome()).isInstanceOfSatisfying(Event.Outcome.Produced.class,
                p -> assertThat(p.dropped()).singleElement().asString()
                        .startsWith("NOTES.md.link: a symbolic link").contains("/etc/hostname"));
        assertThat(Timeline.describe(finished)).contains("(done); left out NOTES.md.link: a symbolic link");
    }

    @Test
    void options_refuse_a_size_limit_that_is_not_positive() {
        assertThatThrownBy(() -> new Engine.Options(true, false, Duration.ofMillis(20), Engine.Options.GATE_LINGER, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0 bytes");
        assertThat(new Engine.Options(true, false, Duration.ofMillis(20)).maxFileBytes()).isEqualTo(104_857_600L);
    }
}
