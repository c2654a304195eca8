package dev.synod.runtime.engine;

import dev.synod.core.Agent;
import dev.synod.core.BlobStore;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.Ids;
import dev.synod.core.Interpreter;
import dev.synod.core.Journal;
import dev.synod.core.Plan;
import dev.synod.core.RunInfo;
import dev.synod.core.StartingPoint;
import dev.synod.core.State;
import dev.synod.core.SynodException;
import dev.synod.core.Workspace;
import dev.synod.runtime.agents.PersonAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The embedded engine. Its loop is the run's only journal writer, so the journal's order is
 * exactly the order in which the interpreter saw events. Each turn of the loop takes the results
 * that arrived, derives the next commands, and journals both in one commit before any of those
 * commands' effects starts: an intent is always durable before its effect, and a result is
 * durable before anything it led to happens. After a kill, {@link #drive} folds the journal and
 * re-runs only the effects that were in flight.
 */
public final class Engine implements AutoCloseable {

    /**
     * @param autoApprove    answer every question to a person with an approval ({@code --yes})
     * @param waitForHumans  keep waiting for answers; otherwise return {@link Result.Waiting} once only
     *                       people's questions are left (a person's attempt at an artifact runs as an
     *                       effect, and is waited for either way)
     * @param poll           how often to look for answers from people
     * @param gateLinger     how long a turn waits for the gates it started before it commits, in real
     *                       time (System.nanoTime), whatever the engine's clock
     * @param maxFileBytes   the largest file an attempt may leave; a larger one rejects the attempt
     * @param stop           asks the run to stop cleanly (Ctrl-C): see {@link StopSignal}
     */
    public record Options(boolean autoApprove, boolean waitForHumans, Duration poll, Duration gateLinger,
                          long maxFileBytes, StopSignal stop) {
        /** How long a turn waits for the gates it started before it commits: see {@link Engine#derive}. */
        public static final Duration GATE_LINGER = Duration.ofMillis(5);

        /** The largest file an attempt may leave unless {@code limits.file-size} says otherwise. */
        public static final long MAX_FILE_BYTES = dev.synod.runtime.config.RunLimits.DEFAULT_FILE_SIZE;

        public Options {
            if (maxFileBytes <= 0) {
                throw new IllegalArgumentException("the largest file an attempt may leave must be positive, found "
                        + maxFileBytes + " bytes");
            }
            java.util.Objects.requireNonNull(stop, "stop");
        }

        public Options(boolean autoApprove, boolean waitForHumans, Duration poll, Duration gateLinger, long maxFileBytes) {
            this(autoApprove, waitForHumans, poll, gateLinger, maxFileBytes, new StopSignal());
        }

        public Options(boolean autoApprove, boolean waitForHumans, Duration poll, Duration gateLinger) {
            this(autoApprove, waitForHumans, poll, gateLinger, MAX_FILE_BYTES);
        }

        public Options(boolean autoApprove, boolean waitForHumans, Duration poll) {
            this(autoApprove, waitForHumans, poll, GATE_LINGER);
        }

        /** These options with the largest file an attempt may leave set to {@code bytes} ({@code limits.file-size}). */
        public Options withMaxFileBytes(long bytes) {
            return new Options(autoApprove, waitForHumans, poll, gateLinger, bytes, stop);
        }

        /** These options with {@code stop} as the signal that stops the run. */
        public Options withStop(StopSignal stop) {
            return new Options(autoApprove, waitForHumans, poll, gateLinger, maxFileBytes, stop);
        }
    }

    /** How a call to {@link #drive} ended. */
    public sealed interface Result {
        record Finished(boolean succeeded, String reason, String branch) implements Result {
        }

        /** The run waits for people; {@code questions} are the commands they answer. */
        record Waiting(List<Command> questions) implements Result {
        }

        /**
         * The run stopped because its {@link StopSignal} asked it to: the results that had arrived are
         * journaled, the effects in flight were interrupted and run again on resume.
         *
         * @param inFlight the commands that were in flight, which a resume starts again
         */
        record Stopped(List<Command> inFlight) implements Result {
        }
    }

    private final Plan plan;
    private final Budget budget;
    private final Journal journal;
    private final Workspace workspace;
    private final Path answers;
    private final Clock clock;
    private final Options options;
    private final Effects effects;
    private final Progress progress;
    private final LinkedBlockingQueue<Event> results = new LinkedBlockingQueue<>();
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Put on {@link #results} by a stop request to end the loop's wait at once; compared by
     * identity and never folded or journaled.
     */
    private static final Event WAKE = new Event.DeadlinePassed(Instant.EPOCH);
    private final BlobStore blobs;
    /** Events effects wait on until they are durable (model turns), by identity. */
    private final Map<Event, CompletableFuture<Void>> awaited = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
    /** What the run used so far, as of the loop's last turn: the budget effects consult. */
    private volatile Event.Usage spent = Event.Usage.NONE;
    /** What each participant used so far, as of the loop's last turn: for the roles' budgets. */
    private volatile Map<String, Event.Usage> spentByRole = Map.of();

    /**
     * Everything the engine works with; {@code contracts} gives each role its contract text.
     *
     * @param workspace the run's repository, where artifacts are commits
     * @param work      where effects make their scratch directories
     */
    public record Setup(Plan plan, Budget budget, Journal journal, BlobStore blobs, Workspace workspace, Path work, Path answers,
                        Map<String, Agent> agents, Map<String, Gate> gates, Function<String, String> contracts,
                        Clock clock, Options options, Progress progress) {

        /** A setup whose progress is one line per event and notice ({@link Progress#lines}). */
        public Setup(Plan plan, Budget budget, Journal journal, BlobStore blobs, Workspace workspace, Path work, Path answers,
                     Map<String, Agent> agents, Map<String, Gate> gates, Function<String, String> contracts,
                     Clock clock, Options options, Consumer<String> progress) {
            this(plan, budget, journal, blobs, workspace, work, answers, agents, gates, contracts, clock, options,
                    Progress.lines(progress));
        }
    }

    public Engine(Setup s) {
        this.plan = s.plan();
        this.budget = s.budget();
        this.journal = s.journal();
        this.workspace = s.workspace();
        this.answers = s.answers();
        this.clock = s.clock();
        this.options = s.options();
        this.progress = s.progress();
        // The role human produces through the file system and synod answer, unless the setup gives its own agent.
        Map<String, Agent> agents = new LinkedHashMap<>(s.agents());
        agents.putIfAbsent(PersonAgent.ROLE, new PersonAgent(PersonAgent.root(s.work()), (run, id) -> Answers.read(answers, run, id)
                .map(a -> new PersonAgent.Answer(a.approved(), a.comment())), progress::notice, PersonAgent.POLL));
        this.effects = new Effects(plan, workspace, s.work(), agents, s.gates(), s.contracts(), clock, results::add,
                (command, error) -> stop(Failures.fatal(command, error)), options.maxFileBytes());
        this.blobs = s.blobs();
        options.stop().onRequest(() -> results.add(WAKE));
    }

    /** Registers a new run from the workspace's {@code HEAD} and drives it. */
    public Result start(String run, String planBlob, String configBlob, long seed) {
        return start(new Start(run, planBlob, configBlob, workspace.head(), seed), () -> { });
    }

    /**
     * What a new run starts with.
     *
     * @param planBlob   the blob of its {@code team.synod}
     * @param configBlob the blob of its {@code synod.yaml}, or null without one
     * @param base       the commit its agents start from
     * @param seed       the seed of its coins
     */
    public record Start(String run, String planBlob, String configBlob, String base, long seed) {
    }

    /**
     * Registers a new run and drives it; {@code journaled} runs once its run-started event is in
     * the journal, so that a caller who prints the run's id then prints one that can be resumed.
     */
    public Result start(Start start, Runnable journaled) {
        journal.create(new RunInfo(start.run(), plan.team(), workspace.directory().toString(), clock.now()));
        Event started = new Event.RunStarted(start.run(), plan.team(), start.planBlob(), start.configBlob(), start.base(),
                start.seed(), clock.now());
        journal.append(start.run(), List.of(started));
        journaled.run();
        progress.event(started, Interpreter.fold(plan, budget, List.of(started)));
        return drive(start.run());
    }

    /** Continues a run from its journal until it finishes or waits for people. */
    public Result drive(String run) {
        return drive(run, Interpreter.fold(plan, budget, journal.read(run)));
    }

    /**
     * {@link #drive(String)} from the run's state as its caller folded it from the journal (so a
     * resume that checks the state first reads the journal once); the engine goes on from it.
     */
    public Result drive(String run, State state) {
        spent = state.usage();
        spentByRole = Map.copyOf(state.usageByRole());
        Event.RunStarted started = state.runStarted().orElseThrow(() -> new SynodException.Corrupted(
                "run " + run + " has no run-started event", null));
        if (state.finished().isPresent()) {
            return finished(state);
        }
        Optional<Instant> deadline = plan.deadlineSeconds().isPresent()
                ? Optional.of(started.at().plusSeconds(plan.deadlineSeconds().getAsLong())) : Optional.empty();
        Set<String> running = new LinkedHashSet<>();
        Map<String, Command> people = new LinkedHashMap<>();
        // The attempts people make (a RunAgent of role human): running, and answered like people's questions.
        Set<String> producing = new LinkedHashSet<>();
        StartingPoint.Settled recovered = StartingPoint.Settled.of(state);
        progress.resumed(state);
        for (Command c : state.inFlight()) {
            progress.notice("resuming " + c.id() + " (it was in flight when the run stopped)");
            launch(c, state, recovered, started, running, people);
            if (producing(c)) {
                producing.add(c.id());
            }
        }
        while (true) {
            List<Event> batch = new ArrayList<>();
            results.drainTo(batch);
            batch.removeIf(e -> e == WAKE);
            collectAnswers(run, people, batch);
            batch.forEach(e -> Interpreter.apply(state, e));
            if (fatal.get() != null) {
                if (!batch.isEmpty()) {
                    journal.append(run, batch);
                    acknowledge(batch);
                }
                failAwaited(fatal.get());
                throw fatal.get();
            }
            if (options.stop().requested()) {
                return stopped(run, state, batch);
            }
            if (state.finished().isEmpty() && deadline.isPresent() && state.deadlinePassed().isEmpty()
                    && !clock.now().isBefore(deadline.get())) {
                Event passed = new Event.DeadlinePassed(clock.now());
                batch.add(passed);
                Interpreter.apply(state, passed);
            }
            // One commit for the results that arrived and the intents they lead to. No agent, review
            // or other costly effect starts before it, so a crash before it loses only what may safely
            // run again. Gates are the exception (see #derive): deterministic in the tree, they start at
            // once and, when they answer quickly, their intent and verdict share this commit.
            List<Event> all = new ArrayList<>(batch);
            List<Command> costly = derive(state, all, started, running, people);
            if (!all.isEmpty()) {
                try {
                    journal.append(run, all);
                } catch (RuntimeException e) {
                    failAwaited(e);
                    throw e;
                }
                spent = state.usage();
                spentByRole = Map.copyOf(state.usageByRole());
                acknowledge(all);
            }
            for (Event e : all) {
                resultOf(e).ifPresent(id -> {
                    running.remove(id);
                    if (people.remove(id) != null || producing.remove(id)) {
                        Answers.consumed(answers, run, id);
                    }
                });
                report(e, state);
            }
            if (!costly.isEmpty()) {
                StartingPoint.Settled turn = StartingPoint.Settled.of(state);
                costly.forEach(c -> launch(c, state, turn, started, running, people));
                costly.stream().filter(Engine::producing).forEach(c -> producing.add(c.id()));
            }
            if (state.finished().isPresent()) {
                return finished(state);
            }
            if (!all.isEmpty()) {
                continue;
            }
            if (running.isEmpty() && people.isEmpty() && results.isEmpty()) {
                throw new IllegalStateException("run " + run + " can make no progress: nothing is running and the "
                        + "interpreter derives no command");
            }
            // A person's attempt is a running effect like an agent's, so a drive that does not wait for
            // people still waits for it: returning while its thread runs could let its result arrive
            // after the next drive had started the same attempt again.
            if (running.isEmpty() && !people.isEmpty() && !options.waitForHumans()) {
                return new Result.Waiting(List.copyOf(people.values()));
            }
            await(deadline, people.isEmpty() ? Duration.ofSeconds(1) : options.poll());
        }
    }

    /**
     * Derives the turn's commands and adds their intents to {@code all}; returns those whose effects
     * may start only once {@code all} is durable.
     *
     * <p>Gates are deterministic in the tree they check (the {@link Gate} contract), so running one
     * before its intent is durable risks nothing: a crash before the commit re-runs it, at the cost
     * of time only, with the same verdict. They start at once, and the turn waits for them up to
     * {@link Options#gateLinger()}; verdicts that arrive by then are folded in and what they lead
     * to is derived in turn, so a quick gate adds no commit of its own. A gate still running then is
     * journaled as started and answers in a later turn, like any effect. The price is that a result
     * which arrived with the turn becomes durable up to the linger later.
     */
    private List<Command> derive(State state, List<Event> all, Event.RunStarted started, Set<String> running,
                                 Map<String, Command> people) {
        List<Command> costly = new ArrayList<>();
        // The linger batches quick verdicts into one commit: a knob of real time, like the poll
        // interval, not part of the run's timeline. It is read once from System.nanoTime, so a fake
        // clock that stands still (or jumps) can neither hold the turn nor cut it short; no verdict
        // and no journaled time depends on it.
        long lingerEnd = System.nanoTime() + options.gateLinger().toNanos();
        while (state.finished().isEmpty()) {
            List<Command> next = Interpreter.next(state);
            Instant now = clock.now();
            List<Command> gates = new ArrayList<>();
            for (Command c : next) {
                Event intent = new Event.Started(c, now);
                Interpreter.apply(state, intent);
                all.add(intent);
                (c instanceof Command.RunGate ? gates : costly).add(c);
            }
            if (gates.isEmpty() || fatal.get() != null) {
                break;
            }
            // A gate checks its command's commit and needs nothing of what the turn has settled.
            gates.forEach(c -> launch(c, state, StartingPoint.Settled.NONE, started, running, people));
            Set<String> awaiting = new LinkedHashSet<>();
            gates.forEach(c -> awaiting.add(c.id()));
            List<Event> arrived = new ArrayList<>();
            try {
                while (!awaiting.isEmpty()) {
                    long left = lingerEnd - System.nanoTime();
                    Event e = results.poll(left, TimeUnit.NANOSECONDS);
                    if (e == WAKE) {
                        continue;
                    }
                    if (e == null) {
                        break;
                    }
                    arrived.add(e);
                    resultOf(e).ifPresent(awaiting::remove);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SynodException.Retriable("the engine was interrupted; resume the run to continue", e);
            }
            arrived.forEach(e -> Interpreter.apply(state, e));
            all.addAll(arrived);
            if (arrived.isEmpty()) {
                break;
            }
        }
        return costly;
    }

    private void acknowledge(List<Event> durable) {
        if (awaited.isEmpty()) {
            return;
        }
        for (Event e : durable) {
            CompletableFuture<Void> f = awaited.remove(e);
            if (f != null) {
                f.complete(null);
            }
        }
    }

    private void failAwaited(RuntimeException cause) {
        synchronized (awaited) {
            awaited.values().forEach(f -> f.completeExceptionally(cause));
            awaited.clear();
        }
    }

    /** Hands an event from an effect to the loop; the future completes once it is journaled. */
    private CompletableFuture<Void> journalFromEffect(Event e) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        awaited.put(e, f);
        results.add(e);
        return f;
    }

    private void await(Optional<Instant> deadline, Duration poll) {
        long waitMillis = poll.toMillis();
        if (deadline.isPresent()) {
            waitMillis = Math.max(1, Math.min(waitMillis, Duration.between(clock.now(), deadline.get()).toMillis()));
        }
        try {
            Event e = results.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (e != null && e != WAKE) {
                results.add(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynodException.Retriable("the engine was interrupted; resume the run to continue", e);
        }
    }

    /** Whether {@code c} is an attempt a person makes. */
    private static boolean producing(Command c) {
        return People.kind(c).orElse(null) == People.Kind.PRODUCE;
    }

    private void launch(Command c, State state, StartingPoint.Settled settled, Event.RunStarted started, Set<String> running,
                        Map<String, Command> people) {
        // A person's questions are answered through the inbox; a person's attempt runs as an effect (PersonAgent).
        Optional<People.Kind> kind = People.kind(c);
        if (kind.isPresent() && kind.get() != People.Kind.PRODUCE) {
            if (options.autoApprove() && c instanceof Command.AskHuman h) {
                results.add(new Event.HumanAnswered(h.id(), true, "approved automatically (--yes)", clock.now()));
            } else {
                people.put(c.id(), c);
                progress.notice("waiting for a person: synod answer " + started.run() + " " + c.step()
                        + (c instanceof Command.AskHuman ? " --approve | --reject [--comment …]" : " --option …"));
            }
            return;
        }
        Context ctx = context(c, settled, started, state);
        running.add(c.id());
        executor.submit(() -> {
            try {
                results.add(effects.run(ctx, session(c, ctx)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Optional<Event> failure = Failures.asResult(c, e, clock.now());
                if (failure.isPresent()) {
                    results.add(failure.get());
                } else {
                    stop(new SynodException.Retriable("could not carry out " + c.id() + ": "
                            + e.getMessage() + "; nothing is lost, resume the run to try again", e));
                }
            } catch (Throwable t) {
                // An Error (out of memory, a stack overflow) leaves the process in doubt: stop the run
                // rather than let the task vanish and the loop wait for a result that never comes.
                stop(Failures.fatal(c.id(), t));
            }
        });
    }

    /** Whether a person answers {@code c} through {@code synod answer}: a question, or an attempt a person makes. */
    private static boolean isPersonal(Command c) {
        return People.kind(c).isPresent();
    }

    /**
     * Stops the run: the loop sees {@code cause} on its next turn (it looks at least once a
     * second while it waits) and throws it, after journaling the results that arrived.
     */
    private void stop(RuntimeException cause) {
        fatal.compareAndSet(null, cause);
    }

    private AttemptSession session(Command c, Context ctx) {
        String role = State.roleOf(c);
        return new AttemptSession(c.id(), role, ctx.turns(), blobs, budget, () -> spent, () -> spentByRole,
                this::journalFromEffect, text -> progress.waiting(c.id(), text), clock);
    }

    private void collectAnswers(String run, Map<String, Command> people, List<Event> batch) {
        for (Command c : people.values()) {
            Optional<Answers.Answer> answer = Answers.read(answers, run, c.id());
            if (answer.isEmpty()) {
                continue;
            }
            Answers.Answer a = answer.get();
            batch.add(People.answered(plan, c, a.approved(), a.comment(), a.options(), clock.now()));
        }
    }

    private Context context(Command c, StartingPoint.Settled settled, Event.RunStarted started, State state) {
        List<Agent.Turn> turns = state.turns(c.id()).stream()
                .map(t -> new Agent.Turn(t.turn(), t.request(), t.response(), t.usage())).toList();
        return new Context(c, started.run(), StartingPoint.of(state, settled, c), turns);
    }

    private static Optional<String> resultOf(Event e) {
        return switch (e) {
            case Event.AgentFinished r -> Optional.of(r.command());
            case Event.GateFinished r -> Optional.of(r.command());
            case Event.ReviewFinished r -> Optional.of(r.command());
            case Event.HumanAnswered r -> Optional.of(r.command());
            case Event.LeaderAnswered r -> Optional.of(r.command());
            case Event.BallotCast r -> Optional.of(r.command());
            case Event.RoundTallied r -> Optional.of(r.command());
            case Event.DecisionRecorded r -> Optional.of(r.command());
            case Event.RunFinished r -> Optional.of(r.command());
            default -> Optional.empty();
        };
    }

    /**
     * Ends a drive on a stop request. The results in {@code batch} are whole events and are
     * journaled, without the intents they would lead to, so a resume derives those itself;
     * effects still running are interrupted by {@link #close} and their late results are never
     * journaled; an effect that waits for its turn to be durable is told the run stopped.
     */
    private Result stopped(String run, State state, List<Event> batch) {
        if (!batch.isEmpty()) {
            journal.append(run, batch);
            acknowledge(batch);
            for (Event e : batch) {
                resultOf(e).filter(id -> state.command(id).orElse(null) instanceof Command c && isPersonal(c))
                        .ifPresent(id -> Answers.consumed(answers, run, id));
                progress.event(e, state);
            }
        }
        failAwaited(new SynodException.Retriable("the run was stopped; resume it to continue", null));
        return new Result.Stopped(List.copyOf(state.inFlight()));
    }

    private void report(Event e, State state) {
        progress.event(e, state);
    }

    private static Result finished(State state) {
        Event.RunFinished f = state.finished().orElseThrow();
        String reason = state.command(Ids.FINISH).map(c -> ((Command.Finish) c).reason()).orElse("");
        return new Result.Finished(f.succeeded(), reason, f.branch());
    }

    @Override
    public void close() {
        executor.shutdownNow();
        // Effects are interrupted, and so are the agents' calls, those left to finish after a
        // timeout too: wait a little for them to end, so that nothing of a closed engine still
        // writes in the run directory (an agent that timed out may be finishing a commit).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            boolean calls = effects.stopCalls(deadline);
            boolean rest = executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!calls || !rest) {
                System.getLogger(Engine.class.getName()).log(System.Logger.Level.WARNING,
                        "effects of the engine still run 10 s after it closed; they are interrupted and their results dropped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
