package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Interpreter;
import dev.synod.core.Plan;
import dev.synod.core.Replay;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.InMemoryBlobStore;
import dev.synod.testkit.FakeClock;
import dev.synod.testkit.InMemoryJournal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model turns journaled through the agent's session, the budget it consults, and its heartbeat. */
class EngineSessionTest {
    @TempDir
    Path dir;

    private EngineFixture fixture;
    private InMemoryBlobStore blobs;
    private FakeClock clock;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new EngineFixture(dir).team(EngineFixture.oneStep("1s", 0, "NOTES.md"));
        blobs = fixture.blobs;
        clock = fixture.clock;
    }

    private final List<List<Agent.Turn>> turnsSeen = new CopyOnWriteArrayList<>();
    private final List<Optional<String>> refusalsSeen = new CopyOnWriteArrayList<>();

    /**
     * Makes two model turns of 10 + 5 tokens each, skipping those journaled before, then works
     * {@code beats} times for {@code millisPerBeat} of the fake clock, heartbeating after each,
     * then writes the file.
     */
    private Agent turnTaker(long millisPerBeat, int beats) {
        return turnTaker(millisPerBeat, beats, true, () -> { });
    }

    /**
     * As {@link #turnTaker(long, int)}, heartbeating only if {@code heartbeat}, and calling
     * {@code afterBeats} (which may block) before it writes the file.
     */
    private Agent turnTaker(long millisPerBeat, int beats, boolean heartbeat, Waiting afterBeats) {
        return new Agent() {
            @Override
            public Outcome perform(Assignment a, Path workspace) {
                throw new AssertionError("the engine must call the form with a session");
            }

            @Override
            public Outcome perform(Assignment a, Path workspace, Session session) throws InterruptedException {
                turnsSeen.add(session.turns());
                for (int n = session.turns().size() + 1; n <= 2; n++) {
                    refusalsSeen.add(session.refusal());
                    String request = session.blobs().put(("request " + n).getBytes(StandardCharsets.UTF_8));
                    String response = session.blobs().put(("response " + n).getBytes(StandardCharsets.UTF_8));
                    session.record(new Turn(n, request, response, new Event.Usage(10, 5, 0.01)));
                }
                for (int i = 0; i < beats; i++) {
                    clock.advance(Duration.ofMillis(millisPerBeat));
                    if (heartbeat) {
                        session.heartbeat();
                    }
                }
                afterBeats.await();
                try {
                    Files.writeString(workspace.resolve("NOTES.md"), "notes\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new Outcome.Finished("wrote the notes", new Event.Usage(20, 10, 0.02));
            }

            @Override
            public Review review(Assignment a, Path workspace) {
                return new Review(true, "", Event.Usage.NONE);
            }

            @Override
            public Decision decide(DecisionRequest request) {
                return new Decision(Map.of(), "", Event.Usage.NONE);
            }
        };
    }

    /** What an agent waits for before it finishes. */
    @FunctionalInterface
    private interface Waiting {
        void await() throws InterruptedException;
    }

    private Engine engine(Plan plan, Budget budget, InMemoryJournal journal, GitRepository repo, Agent agent) {
        return engine(plan, budget, journal, repo, agent, clock);
    }

    private Engine engine(Plan plan, Budget budget, InMemoryJournal journal, GitRepository repo, Agent agent,
                          Clock engineClock) {
        return fixture.budget(budget).agent(agent).clock(engineClock).engine(journal, repo);
    }

    /**
     * The fake clock, seen by the engine through a reading that opens {@code readPast} once the
     * deadline loop ({@link Deadlines}) has read it at least {@code pastMillis} after the clock's
     * reading when this was made: the agent then cannot answer before the loop has had its chance
     * to stop it.
     */
    private Clock watched(CountDownLatch readPast, long pastMillis) {
        long from = clock.nanos();
        return new Clock() {
            @Override
            public Instant now() {
                return clock.now();
            }

            @Override
            public long nanos() {
                long now = clock.nanos();
                boolean byDeadlines = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                        .walk(frames -> frames.anyMatch(f -> f.getDeclaringClass() == Deadlines.class));
                if (byDeadlines && now - from >= Duration.ofMillis(pastMillis).toNanos()) {
                    readPast.countDown();
                }
                return now;
            }
        };
    }

    private Plan plan() {
        return fixture.plan();
    }

    @Test
    void turns_are_journaled_before_the_result_and_counted_once() throws Exception {
        Plan plan = plan();
        InMemoryJournal journal = new InMemoryJournal();
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = engine(plan, Budget.UNLIMITED, journal, repo,
                turnTaker(0, 0))) {
            assertThat(engine.start("r1", "plan", null, 1)).isInstanceOf(Engine.Result.Finished.class);
        }
        List<Event> events = journal.read("r1");
        List<Integer> turnIndexes = new ArrayList<>();
        int finishedAt = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Event.TurnRecorded t) {
                assertThat(t.role()).isEqualTo("a");
                assertThat(new String(blobs.get(t.response()).orElseThrow(), StandardCharsets.UTF_8))
                        .isEqualTo("response " + t.turn());
                turnIndexes.add(i);
            }
            if (events.get(i) instanceof Event.AgentFinished) {
                finishedAt = i;
            }
        }
        assertThat(turnIndexes).hasSize(2);
        assertThat(turnIndexes.get(1)).isLessThan(finishedAt);
        // the result's usage (30 tokens) includes the turns' (30 tokens): counted once
        assertThat(Interpreter.fold(plan, Budget.UNLIMITED, events).usage()).isEqualTo(new Event.Usage(20, 10, 0.02));
        assertThat(Interpreter.fold(plan, Budget.UNLIMITED, events).usageByRole()).containsOnlyKeys("a");
        assertThat(Replay.check(plan, Budget.UNLIMITED, events)).isEmpty();
    }

    @Test
    void a_resumed_attempt_gets_the_turns_journaled_before_the_stop() throws Exception {
        Plan plan = plan();
        InMemoryJournal journal = new InMemoryJournal();
        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            // what a killed run left: the attempt started and one turn was journaled
            journal.create(new dev.synod.core.RunInfo("r1", "t", dir.toString(), Instant.EPOCH));
            journal.append("r1", List.of(new Event.RunStarted("r1", "t", "plan", null, repo.head(), 1, Instant.EPOCH)));
            Command first = Interpreter.next(Interpreter.fold(plan, Budget.UNLIMITED, journal.read("r1"))).get(0);
            String request = blobs.put("request 1".getBytes(StandardCharsets.UTF_8));
            String response = blobs.put("response 1".getBytes(StandardCharsets.UTF_8));
            journal.append("r1", List.of(new Event.Started(first, Instant.EPOCH),
                    new Event.TurnRecorded(first.id(), "a", 1, request, response, new Event.Usage(10, 5, 0.01), Instant.EPOCH)));
            try (Engine engine = engine(plan, Budget.UNLIMITED, journal, repo, turnTaker(0, 0))) {
                assertThat(engine.drive("r1")).isInstanceOf(Engine.Result.Finished.class);
            }
        }
        assertThat(turnsSeen).singleElement().satisfies(turns -> assertThat(turns)
                .containsExactly(new Agent.Turn(1, blobs.put("request 1".getBytes(StandardCharsets.UTF_8)),
                        blobs.put("response 1".getBytes(StandardCharsets.UTF_8)), new Event.Usage(10, 5, 0.01))));
        assertThat(journal.read("r1").stream().filter(e -> e instanceof Event.TurnRecorded).count()).isEqualTo(2);
    }

    @Test
    void the_session_refuses_a_model_call_once_the_budget_is_spent() throws Exception {
        Plan plan = plan();
        InMemoryJournal journal = new InMemoryJournal();
        Budget budget = new Budget(OptionalLong.of(15), OptionalDouble.empty());
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = engine(plan, budget, journal, repo,
                turnTaker(0, 0))) {
            engine.start("r1", "plan", null, 1);
        }
        assertThat(refusalsSeen).hasSize(2);
        assertThat(refusalsSeen.get(0)).isEmpty();
        assertThat(refusalsSeen.get(1)).hasValueSatisfying(r -> assertThat(r).contains("15 of 15 tokens"));
    }

    @Test
    void heartbeats_keep_a_working_agent_from_being_suspected() throws Exception {
        Plan plan = plan();
        InMemoryJournal journal = new InMemoryJournal();
        // 6 beats 300 ms apart on the fake clock: 1.8 s in all, past the 1 s timeout, but never 1 s without
        // a sign of life; the agent answers only once the deadline loop has seen the clock past 1.8 s.
        CountDownLatch seen = new CountDownLatch(1);
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = engine(plan, Budget.UNLIMITED, journal, repo,
                turnTaker(300, 6, true, seen::await), watched(seen, 1800))) {
            assertThat(engine.start("r1", "plan", null, 1)).isEqualTo(new Engine.Result.Finished(true,
                    "every step was accepted", "synod/r1"));
        }
    }

    @Test
    void the_same_agent_without_heartbeats_times_out() throws Exception {
        Plan plan = plan();
        InMemoryJournal journal = new InMemoryJournal();
        CountDownLatch seen = new CountDownLatch(1);
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = engine(plan, Budget.UNLIMITED, journal, repo,
                turnTaker(300, 6, false, seen::await), watched(seen, 1800))) {
            engine.start("r1", "plan", null, 1);
        }
        assertThat(journal.read("r1")).filteredOn(e -> e instanceof Event.AgentFinished).singleElement()
                .satisfies(e -> assertThat(((Event.AgentFinished) e).outcome()).isInstanceOfSatisfying(
                        Event.Outcome.TimedOut.class, t -> assertThat(t.bound()).isFalse()));
    }

    @Test
    void a_closed_engine_waits_for_a_timed_out_agent_that_goes_on_working() throws Exception {
        Plan plan = plan();
        InMemoryJournal journal = new InMemoryJournal();
        CountDownLatch seen = new CountDownLatch(1);
        AtomicReference<Thread> call = new AtomicReference<>();
        // The agent ignores its interrupt: once timed out it works on for half a second, then
        // writes and its attempt is committed; the engine must not close while that thread writes.
        Waiting stubborn = () -> {
            boolean interrupted = false;
            while (true) {
                try {
                    seen.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            call.set(Thread.currentThread());
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        };
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = engine(plan, Budget.UNLIMITED, journal, repo,
                turnTaker(300, 6, false, stubborn), watched(seen, 1800))) {
            engine.start("r1", "plan", null, 1);
        }
        assertThat(call.get()).isNotNull();
        assertThat(call.get().isAlive()).as("the timed-out agent's call outlived the engine").isFalse();
    }
}
