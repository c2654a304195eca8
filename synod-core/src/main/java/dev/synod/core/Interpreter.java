package dev.synod.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure interpreter: {@link #fold} turns a journal into a {@link State}; {@link #next}
 * derives the commands to start from it. No clock, no randomness, no I/O: the same plan and
 * events always give the same commands, which is what lets {@code synod replay} check a journal
 * and lets a resumed run continue exactly where it stopped.
 *
 * <p>A hand-off runs attempt after attempt until one is accepted: the agent produces a commit,
 * the gates pass in declared order, then the reviews approve in declared order. A crash, a
 * timeout, a failed gate or a rejected review consumes the attempt; the next one carries that
 * attempt's diagnostics. Each performer (the producer, then each escalation target) has
 * {@code retry + 1} attempts; when all are spent the run fails. An attempt moves only by the
 * transitions of {@link AttemptLifecycle#TABLE}.
 */
public final class Interpreter {
    private Interpreter() {
    }

    /** The state after {@code events}. */
    public static State fold(Plan plan, Budget budget, List<Event> events) {
        State state = new State(plan, budget);
        events.forEach(state::apply);
        return state;
    }

    /** Adds one event to a state folded before (the incremental form of {@link #fold}). */
    public static void apply(State state, Event event) {
        state.apply(event);
    }

    /** The commands to start now: derived, not yet started. Empty once the run is over. */
    public static List<Command> next(State state) {
        if (state.runStarted().isEmpty() || state.finished().isPresent()) {
            return List.of();
        }
        List<Command> out = new ArrayList<>();
        Status status = walk(state.plan().root(), state, out);
        Optional<Command.Finish> finish = switch (status) {
            case Status.Done d -> Optional.of(finish(state, true, "every step was accepted"));
            case Status.Failed f -> Optional.of(finish(state, false, f.reason()));
            case Status.Running r -> {
                if (state.deadlinePassed().isPresent()) {
                    yield Optional.of(finish(state, false, "the deadline of "
                            + dev.synod.lang.ast.Duration.describe(state.plan().deadlineSeconds().orElse(0))
                            + " passed before the run finished"));
                }
                Optional<String> exhausted = state.budget().exhaustedBy(state.usage());
                if (exhausted.isPresent() && out.stream().anyMatch(Interpreter::callsModel)) {
                    yield Optional.of(finish(state, false, exhausted.get() + "; no further model call was started"));
                }
                yield Optional.empty();
            }
        };
        if (finish.isPresent()) {
            return state.started(finish.get().id()) ? List.of() : List.of(finish.get());
        }
        return out;
    }

    /** The accepted commit of each hand-off so far, in plan order. */
    public static Map<String, String> accepted(State state) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Plan.Step step : state.plan().steps()) {
            if (!(step instanceof Plan.Handoff h)) {
                continue;
            }
            Optional<String> settled = state.settled(h.id());
            if (settled.isPresent()) {
                out.put(h.id(), settled.get());
            } else if (state.currentAttempt(h.id()) > 0 && handoff(h, state, new ArrayList<>()) instanceof Status.Done d) {
                state.settle(h.id(), d.commit());
                out.put(h.id(), d.commit());
            }
        }
        return out;
    }

    /** A person's attempt ({@code else escalate human}) spends no model budget, so a spent budget does not refuse it. */
    private static boolean callsModel(Command c) {
        return (c instanceof Command.RunAgent a && !a.role().equals("human"))
                || c instanceof Command.RunReview || c instanceof Command.AskLeader;
    }

    private static Command.Finish finish(State state, boolean succeeded, String reason) {
        return new Command.Finish(Ids.FINISH, "", succeeded, reason, succeeded ? accepted(state) : Map.of());
    }

    /** Where a node of the plan stands. */
    private sealed interface Status {
        record Running() implements Status {
        }

        record Done(String commit) implements Status {
        }

        record Failed(String reason) implements Status {
        }

        Status RUNNING = new Running();
        Status DONE = new Done("");
    }

    private static Status walk(Plan.Node node, State state, List<Command> out) {
        return switch (node) {
            case Plan.Node.Sequence s -> {
                for (Plan.Node child : s.children()) {
                    Status st = walk(child, state, out);
                    if (!(st instanceof Status.Done)) {
                        yield st;
                    }
                }
                yield Status.DONE;
            }
            case Plan.Node.Parallel p -> {
                Status result = Status.DONE;
                for (Plan.Node branch : p.branches()) {
                    Status st = walk(branch, state, out);
                    if (st instanceof Status.Failed) {
                        yield st;
                    }
                    if (st instanceof Status.Running) {
                        result = Status.RUNNING;
                    }
                }
                yield result;
            }
            case Plan.Node.Run r -> {
                Optional<String> settled = state.settled(r.step());
                if (settled.isPresent()) {
                    yield new Status.Done(settled.get());
                }
                Status status = switch (state.step(r.step())) {
                    case Plan.Handoff h -> handoff(h, state, out);
                    case Plan.Decide d -> decide(d, state, out);
                };
                if (status instanceof Status.Done done) {
                    state.settle(r.step(), done.commit());
                }
                yield status;
            }
        };
    }

    private static Status handoff(Plan.Handoff h, State state, List<Command> out) {
        int attempt = state.currentAttempt(h.id());
        if (attempt == 0) {
            out.add(runAgent(h, 1, List.of(), state));
            return Status.RUNNING;
        }
        Walk walk = attempt(h, attempt, state, out);
        return switch (walk.phase) {
            case ACCEPTED -> new Status.Done(walk.commit);
            case RETRYING, ESCALATED -> {
                out.add(runAgent(h, attempt + 1, walk.diagnostics, state));
                yield Status.RUNNING;
            }
            case FAILED -> new Status.Failed(walk.failure(h, attempt));
            default -> Status.RUNNING;
        };
    }

    /**
     * The transitions of the {@link AttemptLifecycle} that attempt {@code attempt} of hand-off
     * {@code step} took so far, in order: what the interpreter derived from the journal for it.
     */
    public static List<AttemptLifecycle.Transition> lifecycle(State state, String step, int attempt) {
        if (!(state.step(step) instanceof Plan.Handoff h) || attempt < 1 || attempt > state.currentAttempt(step)) {
            return List.of();
        }
        return List.copyOf(attempt(h, attempt, state, new ArrayList<>()).path);
    }

    /** One attempt moved through the lifecycle table by what the journal says of it. */
    private static final class Walk {
        AttemptLifecycle.Phase phase = AttemptLifecycle.Phase.STARTED;
        final List<AttemptLifecycle.Transition> path = new ArrayList<>();
        List<String> diagnostics = List.of();
        String commit;

        void fire(AttemptLifecycle.Trigger trigger) {
            AttemptLifecycle.Transition t = AttemptLifecycle.next(phase, trigger);
            path.add(t);
            phase = t.to();
        }

        void fail(AttemptLifecycle.Trigger trigger, List<String> why, Plan.Handoff h, int attempt) {
            fire(trigger);
            diagnostics = why;
            fire(AttemptLifecycle.afterFailure(phase, h, attempt));
        }

        String failure(Plan.Handoff h, int attempt) {
            // A configuration fault (of the producer or a reviewer) gives up at once; its only
            // diagnostic says who found it and why.
            if (path.stream().anyMatch(t -> t.on() == AttemptLifecycle.Trigger.MISCONFIGURED)) {
                return "hand-off " + h.id() + " cannot run: " + diagnostics.get(0);
            }
            String last = diagnostics.isEmpty() ? ""
                    : ": " + String.join(" ", diagnostics.subList(0, Math.min(3, diagnostics.size())));
            return "hand-off " + h.id() + " failed after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
                    + (h.escalation().isEmpty() ? "" : " (escalated to " + String.join(", ", h.escalation()) + ")") + last;
        }
    }

    /**
     * Moves attempt {@code attempt} through the lifecycle as far as the journal goes, adding to
     * {@code out} the gate or review it waits for when that has not started.
     */
    private static Walk attempt(Plan.Handoff h, int attempt, State state, List<Command> out) {
        Walk walk = new Walk();
        Optional<Event> result = state.result(Ids.agent(h.id(), attempt));
        if (result.isEmpty()) {
            return walk;
        }
        String role = h.performer(attempt);
        switch (((Event.AgentFinished) result.get()).outcome()) {
            case Event.Outcome.Crashed c -> walk.fail(AttemptLifecycle.Trigger.CRASHED, List.of("attempt " + attempt
                    + " by " + role + " crashed: " + c.reason()), h, attempt);
            case Event.Outcome.TimedOut t -> walk.fail(AttemptLifecycle.Trigger.TIMED_OUT, List.of("attempt " + attempt
                    + " by " + role + " " + FailureDetector.describe(t)), h, attempt);
            case Event.Outcome.Rejected rej -> walk.fail(AttemptLifecycle.Trigger.REFUSED, rej.diagnostics(), h, attempt);
            case Event.Outcome.Misconfigured m -> walk.fail(AttemptLifecycle.Trigger.MISCONFIGURED, List.of("attempt "
                    + attempt + " by " + role + " found a configuration fault that no retry can mend: " + m.reason()), h, attempt);
            case Event.Outcome.Produced p -> {
                walk.commit = p.commit();
                walk.fire(AttemptLifecycle.Trigger.PRODUCED);
                checks(h, attempt, walk, state, out);
            }
        }
        return walk;
    }

    /** The gates in declared order, then the reviews: each answer moves the attempt on. */
    private static void checks(Plan.Handoff h, int attempt, Walk walk, State state, List<Command> out) {
        String commit = walk.commit;
        for (int i = 0; i < h.gates().size(); i++) {
            String id = Ids.gate(h.id(), attempt, i);
            Optional<Event> verdict = state.result(id);
            if (verdict.isEmpty()) {
                if (!state.started(id)) {
                    out.add(new Command.RunGate(id, h.id(), attempt, i, h.gates().get(i), commit));
                }
                return;
            }
            Event.GateFinished g = (Event.GateFinished) verdict.get();
            if (g.verdict() != Event.Verdict.PASS) {
                List<String> diagnostics = new ArrayList<>();
                diagnostics.add("gate " + gateText(h.gates().get(i)) + " " + (g.verdict() == Event.Verdict.FAIL
                        ? "failed" : "could not run") + " on attempt " + attempt + ":");
                diagnostics.addAll(g.diagnostics());
                walk.fail(AttemptLifecycle.Trigger.GATE_FAILED, diagnostics, h, attempt);
                return;
            }
            walk.fire(i == h.gates().size() - 1 ? AttemptLifecycle.Trigger.GATES_PASSED : AttemptLifecycle.Trigger.GATE_PASSED);
        }
        if (h.gates().isEmpty()) {
            walk.fire(AttemptLifecycle.Trigger.GATES_PASSED);
        }
        for (int r = 0; r < h.reviewers().size(); r++) {
            String reviewer = h.reviewers().get(r);
            boolean human = reviewer.equals("human");
            String id = human ? Ids.human(h.id(), attempt) : Ids.review(h.id(), attempt, reviewer);
            Optional<Event> answer = state.result(id);
            if (answer.isEmpty()) {
                if (!state.started(id)) {
                    out.add(human
                            ? new Command.AskHuman(id, h.id(), attempt, commit, "Approve " + h.id() + " from "
                            + h.performer(attempt) + " (attempt " + attempt + ")?")
                            : new Command.RunReview(id, h.id(), attempt, reviewer, commit,
                            state.timeoutMillis(reviewer, h.withinSeconds())));
                }
                return;
            }
            boolean approved;
            String comment;
            if (answer.get() instanceof Event.HumanAnswered a) {
                approved = a.approved();
                comment = a.comment();
            } else {
                Event.ReviewFinished rf = (Event.ReviewFinished) answer.get();
                if (rf.misconfigured()) {
                    walk.fail(AttemptLifecycle.Trigger.MISCONFIGURED, List.of("reviewer " + reviewer + " found a configuration"
                            + " fault on attempt " + attempt + " that no retry can mend: " + rf.comment()), h, attempt);
                    return;
                }
                approved = rf.approved();
                comment = rf.comment();
            }
            if (!approved) {
                walk.fail(AttemptLifecycle.Trigger.REVIEW_REJECTED, List.of("review by " + reviewer + " rejected attempt "
                        + attempt + (comment == null || comment.isBlank() ? "" : ": " + comment)), h, attempt);
                return;
            }
            walk.fire(r == h.reviewers().size() - 1 ? AttemptLifecycle.Trigger.REVIEWS_APPROVED
                    : AttemptLifecycle.Trigger.REVIEW_APPROVED);
        }
        if (h.reviewers().isEmpty()) {
            walk.fire(AttemptLifecycle.Trigger.REVIEWS_APPROVED);
        }
    }

    private static Command.RunAgent runAgent(Plan.Handoff h, int attempt, List<String> diagnostics, State state) {
        String role = h.performer(attempt);
        return new Command.RunAgent(Ids.agent(h.id(), attempt), h.id(), attempt, role,
                state.timeoutMillis(role, h.withinSeconds()), diagnostics);
    }

    private static Status decide(Plan.Decide d, State state, List<Command> out) {
        if (d.protocol() != Plan.Protocol.LEADER) {
            return new Status.Failed("decide " + String.join(", ", d.questions()) + " by "
                    + d.protocol().name().toLowerCase(java.util.Locale.ROOT) + " is not supported by this runtime yet;"
                    + " use 'by leader ROLE'");
        }
        String ask = Ids.leader(d.id());
        Optional<Event> answer = state.result(ask);
        if (answer.isEmpty()) {
            if (!state.started(ask)) {
                out.add(new Command.AskLeader(ask, d.id(), d.leader(), state.timeoutMillis(d.leader(), d.withinSeconds())));
            }
            return Status.RUNNING;
        }
        Event.LeaderAnswered a = (Event.LeaderAnswered) answer.get();
        if (a.failure() != null) {
            return new Status.Failed("leader " + d.leader() + " did not decide " + String.join(", ", d.questions())
                    + ": " + a.failure());
        }
        String record = Ids.record(d.id());
        if (state.result(record).isEmpty()) {
            if (!state.started(record)) {
                out.add(new Command.RecordDecision(record, d.id(), a.answers(), a.rationale(), "decided by leader " + d.leader()));
            }
            return Status.RUNNING;
        }
        return Status.DONE;
    }

    static String gateText(Plan.GateSpec gate) {
        return gate.argument() == null ? gate.name() : gate.name() + " \"" + gate.argument() + "\"";
    }
}
