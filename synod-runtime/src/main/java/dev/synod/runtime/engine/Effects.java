package dev.synod.runtime.engine;

import dev.synod.core.Agent;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.FailureDetector;
import dev.synod.core.Gate;
import dev.synod.core.Plan;
import dev.synod.core.Workspace;
import dev.synod.lang.WriteScope;
import dev.synod.runtime.agents.Instructions;
import dev.synod.runtime.agents.PersonAgent;
import dev.synod.runtime.gates.Diagnostics;
import dev.synod.runtime.gates.VerdictCache;
import dev.synod.runtime.internal.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Carries out the commands of the interpreter: agents in a directory checked out from the run's
 * repository, gates on an attempt's commit, decision records, the release branch. Each method
 * returns the result event; none touches the journal.
 */
final class Effects {
    private final Plan plan;
    private final Workspace workspace;
    private final Workdirs workdirs;
    private final Map<String, Agent> agents;
    private final Map<String, Gate> gates;
    private final Function<String, String> contracts;
    private final Clock clock;
    private final VerdictCache verdicts;
    private final long maxFileBytes;
    private final Deadlines deadlines;

    /**
     * @param late         takes the late answers of calls that timed out
     * @param errors       takes an {@link Error} that a call which timed out threw afterwards, by command
     *                     id: no longer the attempt's result, but never to vanish
     * @param maxFileBytes the largest file an attempt may leave; a larger one rejects it
     */
    Effects(Plan plan, Workspace workspace, Path work, Map<String, Agent> agents, Map<String, Gate> gates,
            Function<String, String> contracts, Clock clock, Consumer<Event> late,
            java.util.function.BiConsumer<String, Error> errors, long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
        this.deadlines = new Deadlines(clock, late, errors);
        this.plan = plan;
        this.workspace = workspace;
        this.workdirs = new Workdirs(work);
        this.agents = agents;
        this.gates = gates;
        this.contracts = contracts;
        this.clock = clock;
        this.verdicts = VerdictCache.in(workspace.directory().resolve(VerdictCache.DIRECTORY));
    }

    /**
     * Interrupts the agents' calls still running, those left to finish after a timeout included,
     * and waits for them until {@code deadlineNanos} of {@link System#nanoTime()}.
     *
     * @return whether every call ended in time
     */
    boolean stopCalls(long deadlineNanos) throws InterruptedException {
        return deadlines.stop(deadlineNanos);
    }

    /** Carries out the command of {@code ctx}; agents work with {@code session}. */
    Event run(Context ctx, AttemptSession session) throws InterruptedException {
        return switch (ctx.command()) {
            case Command.RunAgent c -> agent(c, ctx, session);
            case Command.RunGate c -> gate(c, ctx);
            case Command.RunReview c -> review(c, ctx, session);
            case Command.AskLeader c -> leader(c, ctx, session);
            case Command.AskVoter c -> voter(c, ctx, session);
            case Command.TallyRound c -> new Event.RoundTallied(c.id(), clock.now());
            case Command.RecordDecision c -> record(c, ctx);
            case Command.Finish c -> finish(c, ctx);
            case Command.AskHuman c -> throw new IllegalStateException("a person answers " + c.id() + ", not an effect");
        };
    }

    /**
     * What a bounded attempt answered: the agent's outcome and, when it finished, what its
     * directory committed to or why it could not be committed (the commit runs inside the
     * attempt's bound, so a pathological tree cannot hang the step).
     */
    private record Attempted(Agent.Outcome outcome, Workspace.Committed committed, List<Workspace.PathProblem> refused) {
    }

    private Event agent(Command.RunAgent c, Context ctx, AttemptSession session) throws InterruptedException {
        Plan.Handoff h = (Plan.Handoff) plan.step(c.step());
        Agent agent = agents.get(c.role());
        if (agent == null) {
            return agentFinished(c, new Event.Outcome.Crashed("no agent for role " + c.role()), Event.Usage.NONE);
        }
        // A merging hand-off starts from the three-way merge of what it merges, conflicts marked.
        Workspace.Merge merge = ctx.start().merges().isEmpty() ? new Workspace.Merge(ctx.start().base(), List.of())
                : workspace.merge(ctx.start().base(), ctx.start().merges());
        String tree = workspace.compose(merge.tree(), ctx.start().layers());
        List<String> inputs = new ArrayList<>(h.reads());
        inputs.addAll(ctx.start().merges().keySet());
        Agent.Assignment assignment = new Agent.Assignment(ctx.run(), c.step(), c.attempt(), c.role(),
                contracts.apply(c.role()), h.globs(), inputs, c.diagnostics(), ctx.start().decisions(),
                Duration.ofMillis(c.timeoutMillis()), merge.conflicts(), previous(ctx, h));
        // Nothing may fail between taking the lease and the try that gives it back.
        // A person's personal directories live under .synod/work/human/, which a checkout into a
        // directory of that name would wipe: a person's attempts check out beside it.
        Workdirs.Lease lease = workdirs.acquire(c.role().equals(PersonAgent.ROLE) ? PersonAgent.ROLE + ".checkout" : c.role(),
                c.id());
        Path dir = lease.dir();
        long startNanos = clock.nanos();
        Deadlines.Timed<Attempted> timed;
        try {
            workspace.checkout(tree, dir);
            Agent.Assignment given = assignment.withRecords(Instructions.readRecords(dir));
            timed = deadlines.run(() -> {
                Agent.Outcome outcome = agent.perform(given, dir, session);
                if (!(outcome instanceof Agent.Outcome.Finished f)) {
                    return new Attempted(outcome, null, null);
                }
                try {
                    return new Attempted(outcome, workspace.commitAttempt(dir, ctx.start().parents(),
                            commitMessage(c, ctx, f.summary()), maxFileBytes), null);
                } catch (Workspace.Refused refused) {
                    return new Attempted(outcome, null, refused.problems());
                }
            }, c.timeoutMillis(), c.id(), c.role(), startNanos, session, a -> a.outcome() instanceof Agent.Outcome.Finished);
        } catch (Throwable e) {
            // An Error too: the engine stops on it, and the role's directory must not stay leased.
            workdirs.release(lease);
            throw e;
        }
        return switch (timed) {
            case Deadlines.Timed.Late<Attempted> late -> {
                workdirs.releaseWhenDone(lease, late.running());
                yield agentFinished(c, new Event.Outcome.TimedOut(late.elapsedMillis(), c.timeoutMillis(), late.bound()),
                        Event.Usage.NONE);
            }
            case Deadlines.Timed.Threw<Attempted> t -> {
                workdirs.release(lease);
                yield agentFinished(c, new Event.Outcome.Crashed(Failures.describe(t.error())), Event.Usage.NONE);
            }
            case Deadlines.Timed.Done<Attempted> d -> {
                try {
                    yield switch (d.value().outcome()) {
                        case Agent.Outcome.Failed f -> agentFinished(c, new Event.Outcome.Crashed(f.reason()), f.usage());
                        case Agent.Outcome.Misconfigured m -> agentFinished(c, new Event.Outcome.Misconfigured(m.reason()),
                                m.usage());
                        case Agent.Outcome.Finished f when d.value().refused() != null -> agentFinished(c,
                                new Event.Outcome.Rejected(refused(c, d.value().refused())), f.usage());
                        case Agent.Outcome.Finished f -> produced(c, h, ctx, tree, merge.conflicts(), d.value().committed(), f);
                    };
                } finally {
                    workdirs.release(lease);
                }
            }
        };
    }

    /**
     * The earlier attempt this one continues from, with its files within the write scope: they
     * are in the attempt's tree (the top layer of {@link dev.synod.core.StartingPoint#layers()}), and the agent is told.
     */
    private Agent.Previous previous(Context ctx, Plan.Handoff h) {
        if (ctx.start().previous().isEmpty()) {
            return null;
        }
        dev.synod.core.StartingPoint.Previous p = ctx.start().previous().get();
        WriteScope scope = plan.scope(h.id());
        List<String> files = workspace.paths(p.commit()).stream().filter(scope::contains).sorted().toList();
        return new Agent.Previous(p.attempt(), p.role(), files);
    }

    private static String commitMessage(Command.RunAgent c, Context ctx, String summary) {
        return "synod: " + c.step() + " by " + c.role() + ", attempt " + c.attempt() + "\n\n" + summary
                + "\n\nSynod-Run: " + ctx.run() + "\nSynod-Step: " + c.step() + "\nSynod-Attempt: " + c.attempt()
                + "\nSynod-Role: " + c.role() + "\n";
    }

    /** The diagnostics of an attempt whose files could not be committed: one line per path. */
    private static List<String> refused(Command.RunAgent c, List<Workspace.PathProblem> problems) {
        List<String> diagnostics = new ArrayList<>();
        diagnostics.add("attempt " + c.attempt() + " by " + c.role() + " left files that cannot be committed:");
        // Each at its file's first line, as every other rejection reads.
        problems.forEach(p -> diagnostics.add(p.path() + ":1:1: " + p.reason()));
        return diagnostics;
    }

    private Event produced(Command.RunAgent c, Plan.Handoff h, Context ctx, String tree, List<String> conflicts,
                           Workspace.Committed committed, Agent.Outcome.Finished f) {
        String commit = committed.commit();
        List<String> changed = workspace.changedPaths(tree, commit);
        // The write scope first, then frozen artifacts, then what a merge left unresolved.
        WriteScope scope = plan.scope(h.id());
        List<String> outside = changed.stream().filter(p -> !scope.contains(p)).toList();
        if (!outside.isEmpty()) {
            List<String> diagnostics = new ArrayList<>();
            diagnostics.add(ScopeViolations.heading(c.attempt(), c.role(), h.globs(), outside.size()));
            diagnostics.addAll(ScopeViolations.describe(outside, workspace.read(tree), workspace.read(commit),
                    "outside the write scope"));
            return agentFinished(c, new Event.Outcome.Rejected(diagnostics, commit), f.usage());
        }
        List<String> diagnostics = new ArrayList<>();
        ctx.start().frozen().forEach((artifact, globs) -> {
            WriteScope frozen = plan.scope(artifact);
            for (String path : changed) {
                if (frozen.contains(path)) {
                    diagnostics.add(path + ":1:1: belongs to " + artifact + ", which was accepted and frozen");
                }
            }
        });
        // A decision record is frozen once committed: no later hand-off may change it, whatever its scope.
        for (String question : ctx.start().decisions().keySet()) {
            String record = Decisions.path(plan, question);
            if (changed.contains(record)) {
                diagnostics.add(record + ":1:1: is the decision record of question " + question
                        + ", which was settled and is frozen");
            }
        }
        if (!conflicts.isEmpty()) {
            Map<String, byte[]> files = workspace.read(commit);
            for (String path : conflicts) {
                byte[] content = files.get(path);
                int line = content == null ? -1 : ScopeViolations.conflictMarkerLine(content);
                if (line > 0) {
                    diagnostics.add(path + ":" + line + ":1: still holds the conflict markers of the merge");
                }
            }
        }
        if (!diagnostics.isEmpty()) {
            diagnostics.add(0, "attempt " + c.attempt() + " by " + c.role() + " was refused:");
            return agentFinished(c, new Event.Outcome.Rejected(diagnostics, commit), f.usage());
        }
        return agentFinished(c, new Event.Outcome.Produced(commit, f.summary(), committed.dropped()), f.usage());
    }

    private Event agentFinished(Command.RunAgent c, Event.Outcome outcome, Event.Usage usage) {
        return new Event.AgentFinished(c.id(), outcome, usage, clock.now());
    }

    private Event gate(Command.RunGate c, Context ctx) throws InterruptedException {
        Plan.Handoff h = (Plan.Handoff) plan.step(c.step());
        Gate gate = gates.get(c.gate().name());
        long startNanos = clock.nanos();
        if (gate == null) {
            return gateFinished(c, Event.Verdict.ERROR, List.of("gate '" + c.gate().name()
                    + "' is not available in this runtime; available: " + String.join(", ", gates.keySet())), false, startNanos);
        }
        // A cacheable gate's verdict on this tree may be known already: then nothing is checked out.
        Optional<VerdictCache.Key> key = VerdictCache.key(gate, c.gate().name(), c.gate().argument(), h.globs(),
                () -> workspace.tree(c.commit()));
        Optional<Gate.Verdict> known = key.flatMap(verdicts::find);
        if (known.isPresent()) {
            return gateFinished(c, known.get().kind(), known.get().diagnostics(), true, startNanos);
        }
        Workdirs.Lease lease = workdirs.acquire(h.producer() + ".gates", c.id());
        Path dir = lease.dir();
        try {
            workspace.checkout(c.commit(), dir);
            Gate.Verdict v = Diagnostics.normalize(gate.check(new Gate.Input(dir, c.gate().argument(), h.globs())), dir);
            interrupted(c);
            key.ifPresent(k -> verdicts.store(k, v));
            return gateFinished(c, v.kind(), v.diagnostics(), false, startNanos);
        } catch (RuntimeException e) {
            interrupted(c);
            return gateFinished(c, Event.Verdict.ERROR, List.of("gate " + c.gate().name() + " could not run: "
                    + Failures.describe(e)), false, startNanos);
        } finally {
            workdirs.release(lease);
        }
    }

    /**
     * A gate's result, with how long its effect took since {@code startNanos} on the engine's clock
     * (the journal's append comes after and is not counted).
     */
    private Event.GateFinished gateFinished(Command.RunGate c, Event.Verdict verdict, List<String> diagnostics,
                                            boolean cached, long startNanos) {
        long millis = Math.max(0, (clock.nanos() - startNanos) / 1_000_000);
        return new Event.GateFinished(c.id(), verdict, diagnostics, cached, clock.now(), millis);
    }

    /**
     * A gate that was interrupted (the run stopped: Ctrl-C) has no verdict: what it says then is about
     * the interrupt (javac's ClosedByInterruptException, a killed test JVM), not the tree, so it is
     * neither cached nor journaled, and the gate runs again when the run resumes.
     */
    private static void interrupted(Command c) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException(c.id() + " was interrupted; it runs again when the run resumes");
        }
    }

    private Event review(Command.RunReview c, Context ctx, AttemptSession session) throws InterruptedException {
        Agent agent = agents.get(c.reviewer());
        if (agent == null) {
            return new Event.ReviewFinished(c.id(), false, "no agent for reviewer " + c.reviewer(), Event.Usage.NONE, clock.now());
        }
        Plan.Handoff h = (Plan.Handoff) plan.step(c.step());
        Workdirs.Lease lease = workdirs.acquire(c.reviewer() + ".review", c.id());
        Path dir = lease.dir();
        // The artifact under review first, then what its producer received: a reviewer judges the
        // work against its inputs, and the attempt's commit holds their files.
        List<String> inputs = new ArrayList<>(List.of(h.id()));
        h.reads().stream().filter(id -> !inputs.contains(id)).forEach(inputs::add);
        h.merges().stream().filter(id -> !inputs.contains(id)).forEach(inputs::add);
        Agent.Assignment assignment = new Agent.Assignment(ctx.run(), c.step(), c.attempt(), c.reviewer(),
                contracts.apply(c.reviewer()), List.of(), inputs, List.of(), ctx.start().decisions(),
                Duration.ofMillis(c.timeoutMillis()));
        Deadlines.Timed<Agent.Review> timed;
        try {
            workspace.checkout(c.commit(), dir);
            Agent.Assignment given = assignment.withRecords(Instructions.readRecords(dir));
            timed = deadlines.run(() -> agent.review(given, dir, session), c.timeoutMillis(), c.id(), c.reviewer(),
                    clock.nanos(), session, r -> true);
        } catch (Throwable e) {
            // An Error too: the engine stops on it, and the role's directory must not stay leased.
            workdirs.release(lease);
            throw e;
        }
        if (!(timed instanceof Deadlines.Timed.Late<Agent.Review>)) {
            workdirs.release(lease);
        }
        return switch (timed) {
            case Deadlines.Timed.Late<Agent.Review> late -> {
                workdirs.releaseWhenDone(lease, late.running());
                yield new Event.ReviewFinished(c.id(), false, "the review by " + c.reviewer() + " "
                        + FailureDetector.describe(new Event.Outcome.TimedOut(late.elapsedMillis(), c.timeoutMillis(),
                        late.bound())), Event.Usage.NONE, clock.now());
            }
            case Deadlines.Timed.Done<Agent.Review> d -> new Event.ReviewFinished(c.id(), d.value().approved(), d.value().comment(),
                    d.value().usage(), clock.now(), d.value().misconfigured());
            case Deadlines.Timed.Threw<Agent.Review> t -> new Event.ReviewFinished(c.id(), false, "the review by " + c.reviewer()
                    + " crashed: " + Failures.describe(t.error()), Event.Usage.NONE, clock.now());
        };
    }

    private Event leader(Command.AskLeader c, Context ctx, AttemptSession session) throws InterruptedException {
        Plan.Decide d = (Plan.Decide) plan.step(c.step());
        Asked asked = ask(d, c.role(), c.asked(d), false, 1, null, c.context(),
                c.id(), c.timeoutMillis(), ctx, session);
        return new Event.LeaderAnswered(c.id(), asked.answers(), asked.rationale(), asked.failure(), asked.usage(), clock.now());
    }

    private Event voter(Command.AskVoter c, Context ctx, AttemptSession session) throws InterruptedException {
        Plan.Decide d = (Plan.Decide) plan.step(c.step());
        Asked asked = ask(d, c.role(), c.questions(), true, c.round(), c.deliberation(), List.of(), c.id(), c.timeoutMillis(),
                ctx, session);
        return new Event.BallotCast(c.id(), asked.answers(), asked.rationale(), asked.failure(), asked.usage(), clock.now());
    }

    /** What a leader, fallback or voter answered: the answers, or why there are none. */
    private record Asked(Map<String, String> answers, String rationale, String failure, Event.Usage usage) {
        static Asked failed(String why, Event.Usage usage) {
            return new Asked(Map.of(), null, why, usage);
        }
    }

    /**
     * Asks {@code role} the {@code asked} questions of decide {@code d}, bounded by its timeout, in
     * a directory holding what the decide reads (discarded afterwards). A crash, a timeout or an
     * answer that does not settle every question asked is a failure, which for a voter is no ballot.
     */
    private Asked ask(Plan.Decide d, String role, List<String> asked, boolean ballot, int round,
                      dev.synod.core.Voting.Deliberation deliberation, List<String> context, String id, long timeoutMillis,
                      Context ctx, AttemptSession session) throws InterruptedException {
        Agent agent = agents.get(role);
        if (agent == null) {
            return Asked.failed("no agent for role " + role, Event.Usage.NONE);
        }
        Map<String, List<String>> questions = new LinkedHashMap<>();
        asked.forEach(q -> questions.put(q, plan.questions().get(q).options()));
        Workdirs.Lease lease = d.reads().isEmpty() ? null : workdirs.acquire(role, id);
        try {
            if (lease != null) {
                workspace.checkout(workspace.compose(ctx.start().base(), ctx.start().layers()), lease.dir());
            }
            Agent.DecisionRequest request = new Agent.DecisionRequest(ctx.run(), d.id(), role, questions,
                    ctx.start().decisions(), Duration.ofMillis(timeoutMillis), ballot, round, deliberation, d.reads(),
                    lease == null ? null : lease.dir(), context);
            Deadlines.Timed<Agent.Decision> timed = deadlines.run(() -> agent.decide(request, session), timeoutMillis, id,
                    role, clock.nanos(), session, r -> true);
            return switch (timed) {
                case Deadlines.Timed.Late<Agent.Decision> t -> {
                    if (lease != null) {
                        workdirs.releaseWhenDone(lease, t.running());
                        lease = null;
                    }
                    yield Asked.failed(FailureDetector.describe(new Event.Outcome.TimedOut(t.elapsedMillis(), timeoutMillis,
                            t.bound())), Event.Usage.NONE);
                }
                case Deadlines.Timed.Threw<Agent.Decision> t -> Asked.failed("crashed: " + Failures.describe(t.error()),
                        Event.Usage.NONE);
                case Deadlines.Timed.Done<Agent.Decision> done -> {
                    // An agent that answers nothing says why in its rationale (a model agent whose loop failed).
                    Agent.Decision a = done.value();
                    String problem = a.answers().isEmpty() && a.rationale() != null && !a.rationale().isBlank()
                            ? "gave no answers: " + a.rationale() : Decisions.validate(questions, a.answers());
                    Map<String, String> answers = new LinkedHashMap<>();
                    if (problem == null) {
                        asked.forEach(q -> answers.put(q, a.answers().get(q)));
                    }
                    yield new Asked(answers, a.rationale(), problem, a.usage());
                }
            };
        } finally {
            if (lease != null) {
                workdirs.release(lease);
            }
        }
    }

    private Event record(Command.RecordDecision c, Context ctx) {
        Plan.Decide d = (Plan.Decide) plan.step(c.step());
        Workdirs.Lease lease = workdirs.scratch(c.id());
        Path dir = lease.dir();
        try {
            Directories.deleteTree(dir, "the scratch directory");
            Files.createDirectories(dir);
            List<String> paths = Decisions.write(plan, d, c, dir, clock.now());
            String commit = workspace.commitDirectory(dir, List.of(ctx.start().base()), "synod: decision on "
                    + String.join(", ", d.questions()) + "\n\nSynod-Run: " + ctx.run() + "\nSynod-Step: " + c.step() + "\n");
            return new Event.DecisionRecorded(c.id(), commit, String.join(",", paths), clock.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workdirs.release(lease);
        }
    }

    private Event finish(Command.Finish c, Context ctx) {
        if (!c.succeeded()) {
            return new Event.RunFinished(c.id(), false, null, clock.now());
        }
        String tree = workspace.compose(ctx.start().base(), ctx.start().layers());
        String commit = workspace.commitTree(tree, ctx.start().parents(), "synod: release of run " + ctx.run() + "\n\nSynod-Run: "
                + ctx.run() + "\n");
        String branch = "synod/" + ctx.run();
        workspace.setBranch(branch, commit);
        return new Event.RunFinished(c.id(), true, branch, clock.now());
    }

    static String directoryName(String commandId) {
        return Directories.fileName(commandId);
    }
}
