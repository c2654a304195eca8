package dev.synod.runtime.engine;

import dev.synod.core.Agent;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.Plan;
import dev.synod.core.Workspace;
import dev.synod.lang.WriteScope;
import dev.synod.runtime.gates.Diagnostics;
import dev.synod.runtime.gates.VerdictCache;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private final Path work;
    private final Map<String, Agent> agents;
    private final Map<String, Gate> gates;
    private final Function<String, String> contracts;
    private final Clock clock;
    private final Consumer<Event> late;
    private final VerdictCache verdicts;

    Effects(Plan plan, Workspace workspace, Path work, Map<String, Agent> agents, Map<String, Gate> gates,
            Function<String, String> contracts, Clock clock, Consumer<Event> late) {
        this.plan = plan;
        this.workspace = workspace;
        this.work = work;
        this.agents = agents;
        this.gates = gates;
        this.contracts = contracts;
        this.clock = clock;
        this.late = late;
        this.verdicts = VerdictCache.in(workspace.directory().resolve(VerdictCache.DIRECTORY));
    }

    Event run(Context ctx) throws InterruptedException {
        return switch (ctx.command()) {
            case Command.RunAgent c -> agent(c, ctx);
            case Command.RunGate c -> gate(c, ctx);
            case Command.RunReview c -> review(c, ctx);
            case Command.AskLeader c -> leader(c, ctx);
            case Command.RecordDecision c -> record(c, ctx);
            case Command.Finish c -> finish(c, ctx);
            case Command.AskHuman c -> throw new IllegalStateException("a person answers " + c.id() + ", not an effect");
        };
    }

    private Event agent(Command.RunAgent c, Context ctx) throws InterruptedException {
        Plan.Handoff h = (Plan.Handoff) plan.step(c.step());
        Agent agent = agents.get(c.role());
        if (agent == null) {
            return agentFinished(c, new Event.Outcome.Crashed(c.role().equals("human")
                    ? "a person cannot produce an artifact in this runtime" : "no agent for role " + c.role()), Event.Usage.NONE);
        }
        String tree = workspace.compose(ctx.base(), ctx.layers());
        Path dir = work.resolve(directoryName(c.id()));
        workspace.checkout(tree, dir);
        Agent.Assignment assignment = new Agent.Assignment(ctx.run(), c.step(), c.attempt(), c.role(),
                contracts.apply(c.role()), h.globs(), h.reads(), c.diagnostics(), ctx.decisions(),
                Duration.ofMillis(c.timeoutMillis()));
        long startNanos = System.nanoTime();
        Timed<Agent.Outcome> timed = withTimeout(() -> agent.perform(assignment, dir), c.timeoutMillis(), c.id(), c.role(),
                startNanos, o -> o instanceof Agent.Outcome.Finished);
        try {
            return switch (timed) {
                case Timed.Late<Agent.Outcome> t -> agentFinished(c, new Event.Outcome.TimedOut(c.timeoutMillis()), Event.Usage.NONE);
                case Timed.Threw<Agent.Outcome> t -> agentFinished(c, new Event.Outcome.Crashed(describe(t.error())), Event.Usage.NONE);
                case Timed.Done<Agent.Outcome> d -> switch (d.value()) {
                    case Agent.Outcome.Failed f -> agentFinished(c, new Event.Outcome.Crashed(f.reason()), f.usage());
                    case Agent.Outcome.Finished f -> produced(c, h, ctx, tree, dir, f);
                };
            };
        } finally {
            Workdirs.delete(dir);
        }
    }

    private Event produced(Command.RunAgent c, Plan.Handoff h, Context ctx, String tree, Path dir, Agent.Outcome.Finished f) {
        String message = "synod: " + c.step() + " by " + c.role() + ", attempt " + c.attempt() + "\n\n" + f.summary()
                + "\n\nSynod-Run: " + ctx.run() + "\nSynod-Step: " + c.step() + "\nSynod-Attempt: " + c.attempt()
                + "\nSynod-Role: " + c.role() + "\n";
        String commit = workspace.commitDirectory(dir, ctx.parents(), message);
        WriteScope scope = WriteScope.of(h.globs());
        List<String> outside = workspace.changedPaths(tree, commit).stream().filter(p -> !scope.contains(p)).toList();
        if (!outside.isEmpty()) {
            List<String> diagnostics = new ArrayList<>();
            diagnostics.add("attempt " + c.attempt() + " by " + c.role() + " changed files outside its write scope ("
                    + String.join(", ", h.globs()) + "):");
            outside.forEach(p -> diagnostics.add(p + ":1:1: outside the write scope"));
            return agentFinished(c, new Event.Outcome.Rejected(diagnostics), f.usage());
        }
        return agentFinished(c, new Event.Outcome.Produced(commit, f.summary()), f.usage());
    }

    private Event agentFinished(Command.RunAgent c, Event.Outcome outcome, Event.Usage usage) {
        return new Event.AgentFinished(c.id(), outcome, usage, clock.now());
    }

    private Event gate(Command.RunGate c, Context ctx) throws InterruptedException {
        Plan.Handoff h = (Plan.Handoff) plan.step(c.step());
        Gate gate = gates.get(c.gate().name());
        if (gate == null) {
            return new Event.GateFinished(c.id(), Event.Verdict.ERROR, List.of("gate '" + c.gate().name()
                    + "' is not available in this runtime; available: " + String.join(", ", gates.keySet())), false, clock.now());
        }
        // A cacheable gate's verdict on this tree may be known already: then nothing is checked out.
        Optional<VerdictCache.Key> key = VerdictCache.key(gate, c.gate().name(), c.gate().argument(), h.globs(),
                () -> workspace.tree(c.commit()));
        Optional<Gate.Verdict> known = key.flatMap(verdicts::find);
        if (known.isPresent()) {
            return new Event.GateFinished(c.id(), known.get().kind(), known.get().diagnostics(), true, clock.now());
        }
        Path dir = work.resolve(directoryName(c.id()));
        workspace.checkout(c.commit(), dir);
        try {
            Gate.Verdict v = Diagnostics.normalize(gate.check(new Gate.Input(dir, c.gate().argument(), h.globs())), dir);
            key.ifPresent(k -> verdicts.store(k, v));
            return new Event.GateFinished(c.id(), v.kind(), v.diagnostics(), false, clock.now());
        } catch (RuntimeException e) {
            return new Event.GateFinished(c.id(), Event.Verdict.ERROR, List.of("gate " + c.gate().name() + " could not run: "
                    + describe(e)), false, clock.now());
        } finally {
            Workdirs.delete(dir);
        }
    }

    private Event review(Command.RunReview c, Context ctx) throws InterruptedException {
        Agent agent = agents.get(c.reviewer());
        if (agent == null) {
            return new Event.ReviewFinished(c.id(), false, "no agent for reviewer " + c.reviewer(), Event.Usage.NONE, clock.now());
        }
        Plan.Handoff h = (Plan.Handoff) plan.step(c.step());
        Path dir = work.resolve(directoryName(c.id()));
        workspace.checkout(c.commit(), dir);
        Agent.Assignment assignment = new Agent.Assignment(ctx.run(), c.step(), c.attempt(), c.reviewer(),
                contracts.apply(c.reviewer()), List.of(), List.of(h.id()), List.of(), ctx.decisions(),
                Duration.ofMillis(c.timeoutMillis()));
        try {
            return switch (withTimeout(() -> agent.review(assignment, dir), c.timeoutMillis(), c.id(), c.reviewer(),
                    System.nanoTime(), r -> true)) {
                case Timed.Done<Agent.Review> d -> new Event.ReviewFinished(c.id(), d.value().approved(), d.value().comment(),
                        d.value().usage(), clock.now());
                case Timed.Late<Agent.Review> t -> new Event.ReviewFinished(c.id(), false, "the review by " + c.reviewer()
                        + " timed out after " + c.timeoutMillis() / 1000 + "s", Event.Usage.NONE, clock.now());
                case Timed.Threw<Agent.Review> t -> new Event.ReviewFinished(c.id(), false, "the review by " + c.reviewer()
                        + " crashed: " + describe(t.error()), Event.Usage.NONE, clock.now());
            };
        } finally {
            Workdirs.delete(dir);
        }
    }

    private Event leader(Command.AskLeader c, Context ctx) throws InterruptedException {
        Plan.Decide d = (Plan.Decide) plan.step(c.step());
        Agent agent = agents.get(c.role());
        if (agent == null) {
            return new Event.LeaderAnswered(c.id(), Map.of(), null, "no agent for role " + c.role(), Event.Usage.NONE, clock.now());
        }
        Map<String, List<String>> questions = new LinkedHashMap<>();
        d.questions().forEach(q -> questions.put(q, plan.questions().get(q).options()));
        Agent.DecisionRequest request = new Agent.DecisionRequest(ctx.run(), c.step(), c.role(), questions, ctx.decisions(),
                Duration.ofMillis(c.timeoutMillis()));
        return switch (withTimeout(() -> agent.decide(request), c.timeoutMillis(), c.id(), c.role(), System.nanoTime(), r -> true)) {
            case Timed.Late<Agent.Decision> t -> new Event.LeaderAnswered(c.id(), Map.of(), null, "timed out after "
                    + c.timeoutMillis() / 1000 + "s", Event.Usage.NONE, clock.now());
            case Timed.Threw<Agent.Decision> t -> new Event.LeaderAnswered(c.id(), Map.of(), null, "crashed: "
                    + describe(t.error()), Event.Usage.NONE, clock.now());
            case Timed.Done<Agent.Decision> done -> {
                String problem = Decisions.validate(questions, done.value().answers());
                yield new Event.LeaderAnswered(c.id(), problem == null ? done.value().answers() : Map.of(),
                        done.value().rationale(), problem, done.value().usage(), clock.now());
            }
        };
    }

    private Event record(Command.RecordDecision c, Context ctx) {
        Plan.Decide d = (Plan.Decide) plan.step(c.step());
        Path dir = work.resolve(directoryName(c.id()));
        try {
            Files.createDirectories(dir);
            List<String> paths = Decisions.write(plan, d, c, dir, clock.now());
            String commit = workspace.commitDirectory(dir, List.of(ctx.base()), "synod: decision on "
                    + String.join(", ", d.questions()) + "\n\nSynod-Run: " + ctx.run() + "\nSynod-Step: " + c.step() + "\n");
            return new Event.DecisionRecorded(c.id(), commit, String.join(",", paths), clock.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Workdirs.delete(dir);
        }
    }

    private Event finish(Command.Finish c, Context ctx) {
        if (!c.succeeded()) {
            return new Event.RunFinished(c.id(), false, null, clock.now());
        }
        String tree = workspace.compose(ctx.base(), ctx.layers());
        String commit = workspace.commitTree(tree, ctx.parents(), "synod: release of run " + ctx.run() + "\n\nSynod-Run: "
                + ctx.run() + "\n");
        String branch = "synod/" + ctx.run();
        workspace.setBranch(branch, commit);
        return new Event.RunFinished(c.id(), true, branch, clock.now());
    }

    // ---- timeouts and the failure detector ----

    /** How a bounded call ended. */
    private sealed interface Timed<T> {
        record Done<T>(T value) implements Timed<T> {
        }

        record Late<T>() implements Timed<T> {
        }

        record Threw<T>(Throwable error) implements Timed<T> {
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws Exception;
    }

    /**
     * Runs {@code call} bounded by {@code timeoutMillis}. On timeout the call's thread is
     * interrupted; if it still answers, usefully, a {@link Event.LateAnswer} is reported so the
     * role's timeout grows (the suspicion proved false).
     */
    private <T> Timed<T> withTimeout(Call<T> call, long timeoutMillis, String command, String role, long startNanos,
                                     java.util.function.Predicate<T> useful) throws InterruptedException {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("synod-" + command).start(() -> {
            try {
                future.complete(call.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        try {
            return new Timed.Done<>(future.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            worker.interrupt();
            future.thenAccept(value -> {
                if (useful.test(value)) {
                    late.accept(new Event.LateAnswer(command, role, (System.nanoTime() - startNanos) / 1_000_000, clock.now()));
                }
            });
            return new Timed.Late<>();
        } catch (ExecutionException e) {
            return new Timed.Threw<>(e.getCause());
        } catch (InterruptedException e) {
            worker.interrupt();
            throw e;
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static String directoryName(String commandId) {
        return commandId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
