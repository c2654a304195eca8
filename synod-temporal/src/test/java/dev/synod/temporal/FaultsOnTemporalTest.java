package dev.synod.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults and time on Temporal. A worker that throws is an infrastructure fault: Temporal tries the
 * command again, and the interpreter sees one result, no attempt spent. A worker that takes an attempt and never answers (hung, or its machine gone):
 * Temporal gives the attempt to a worker again, up to its tries, and then the timeout is the
 * attempt's result, which the interpreter retries as it retries any timed-out attempt. A run
 * whose deadline passes while a person has not answered: the test service skips the hour.
 */
class FaultsOnTemporalTest {
    static final String TEAM = """
            synod 1

            team memo {
              defaults within 1m retry 1

              role writer model scripted

              writer -> all : memo "MEMO.md"
                gate exists
            }
            """;

    static final String AGENTS = """
            writer:
              produce:
                memo:
                  - write: { MEMO.md: "# Memo\\n" }
                    summary: the memo
                  - write: { MEMO.md: "# Memo\\n" }
                    summary: the memo again
            """;

    @TempDir
    Path dir;

    /** Writes {@code team} with the scripted writer into the test's directory. */
    private void team(String team) throws java.io.IOException {
        Files.writeString(dir.resolve("team.synod"), team);
        Files.writeString(dir.resolve("agents.yaml"), AGENTS);
        Files.writeString(dir.resolve("synod.yaml"), "models:\n  scripted: { provider: scripted, script: agents.yaml }\n");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void an_attempt_whose_worker_never_answers_times_out_after_its_tries_and_the_retry_succeeds() throws Exception {
        team(TEAM);
        AtomicInteger hung = new AtomicInteger();
        CountDownLatch released = new CountDownLatch(1);
        try (OnTemporal on = new OnTemporal(dir, true, real -> request -> {
            if (request.command() instanceof Command.RunAgent a && a.attempt() == 1) {
                hung.incrementAndGet();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("released after the test");
            }
            return real.perform(request);
        })) {
            // A short heartbeat timeout: Temporal's test service skips no time while an activity runs.
            TeamStart start = on.team.prepare("r-memo", 1, true, Clock.SYSTEM).withHeartbeat(Duration.ofMillis(600));
            TeamOutcome outcome = on.workflow(start.run()).run(start);

            assertThat(outcome.succeeded()).as(outcome.reason()).isTrue();
            assertThat(hung.get()).isEqualTo(3);
            List<Event> events = on.running(start.run()).events().events();
            assertThat(events).filteredOn(e -> e instanceof Event.AgentFinished).extracting(e -> ((Event.AgentFinished) e).outcome())
                    .satisfiesExactly(
                            first -> assertThat(first).isInstanceOfSatisfying(Event.Outcome.TimedOut.class,
                                    t -> assertThat(t.timeoutMillis()).isEqualTo(60_000L)),
                            second -> assertThat(second).isInstanceOf(Event.Outcome.Produced.class));
        } finally {
            released.countDown();
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void a_deadline_passes_in_skipped_time_while_a_person_has_not_answered() throws Exception {
        team(TEAM.replace("defaults within 1m retry 1", "defaults within 1m retry 1\n  deadline 1h")
                .replace("gate exists", "gate exists\n    review human"));
        try (OnTemporal on = new OnTemporal(dir, true, real -> real)) {
            TeamStart start = on.team.prepare("r-late", 1, false, Clock.SYSTEM);
            TeamOutcome outcome = on.workflow(start.run()).run(start);

            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.reason()).isEqualTo("the deadline of 1h passed before the run finished");
            List<Event> events = on.running(start.run()).events().events();
            Event.RunStarted started = (Event.RunStarted) events.get(0);
            Event.DeadlinePassed passed = events.stream().filter(e -> e instanceof Event.DeadlinePassed)
                    .map(e -> (Event.DeadlinePassed) e).findFirst().orElseThrow();
            // Workflow time: the deadline after the start (and the moment the workflow took to wake), however little
            // real time went by.
            assertThat(Duration.between(started.at(), passed.at())).isGreaterThanOrEqualTo(Duration.ofHours(1))
                    .isLessThan(Duration.ofHours(2));
            assertThat(events).noneMatch(e -> e instanceof Event.HumanAnswered);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void a_worker_that_throws_is_retried_by_temporal_and_spends_no_attempt() throws Exception {
        team(TEAM);
        AtomicInteger tries = new AtomicInteger();
        try (OnTemporal on = new OnTemporal(dir, true, real -> request -> {
            if (request.command() instanceof Command.RunAgent && tries.incrementAndGet() == 1) {
                throw new IllegalStateException("the worker lost its disk");
            }
            return real.perform(request);
        })) {
            TeamStart start = on.team.prepare("r-flaky", 1, true, Clock.SYSTEM);
            TeamOutcome outcome = on.workflow(start.run()).run(start);

            assertThat(outcome.succeeded()).as(outcome.reason()).isTrue();
            assertThat(tries.get()).isEqualTo(2);
            List<Event> events = on.running(start.run()).events().events();
            assertThat(events).filteredOn(e -> e instanceof Event.AgentFinished)
                    .singleElement().satisfies(e -> assertThat(((Event.AgentFinished) e).outcome())
                            .isInstanceOf(Event.Outcome.Produced.class));
            assertThat(OnTemporal.started(events)).filteredOn(c -> c instanceof Command.RunAgent)
                    .extracting(c -> ((Command.RunAgent) c).attempt()).containsExactly(1);
        }
    }
}
