package dev.synod.temporal.internal;

import dev.synod.core.Agent;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.FailureDetector;
import dev.synod.core.Ids;
import dev.synod.core.Interpreter;
import dev.synod.core.Plan;
import dev.synod.core.StartingPoint;
import dev.synod.core.State;
import dev.synod.runtime.engine.CommandEffects;
import dev.synod.runtime.engine.People;
import dev.synod.temporal.EffectActivities;
import dev.synod.temporal.PersonAnswer;
import dev.synod.temporal.TeamEvents;
import dev.synod.temporal.TeamOutcome;
import dev.synod.temporal.TeamStart;
import dev.synod.temporal.TeamStatus;
import dev.synod.temporal.TeamWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The interpreter as a workflow. Its loop is the embedded engine's: fold the results that
 * arrived, derive the commands, record their intents, start their effects, wait. The events are
 * kept in the workflow (the history holds each activity's input and result; {@link #events()}
 * gives them back in the interpreter's order). Time is Temporal's ({@link Workflow#currentTimeMillis()}),
 * the coins' seed is the start input's, and nothing here does I/O.
 */
public final class TeamWorkflowImpl implements TeamWorkflow {
    private TeamStart start;
    private Plan plan;
    private State state;
    private final List<Event> events = new ArrayList<>();
    /** Results handed over by activities and updates, not yet folded. */
    private final List<Event> arrived = new ArrayList<>();
    /** The commands a person answers, by id, while they wait. */
    private final Map<String, Command> people = new LinkedHashMap<>();
    /** When each running activity's command was started, for the timeout a lost worker becomes. */
    private final Map<String, Instant> startedAt = new HashMap<>();
    private RuntimeException fatal;
    /** Whether this workflow run has folded a result yet. */
    private boolean progressed;

    @Override
    public TeamOutcome run(TeamStart s) {
        start = s;
        Blueprint blueprint = Blueprint.compile(s.teamText(), s.configText());
        plan = blueprint.plan();
        state = Interpreter.fold(plan, blueprint.budget(), List.of());
        if (s.carried().isEmpty()) {
            record(new Event.RunStarted(s.run(), plan.team(), s.planBlob(), s.configBlob(), s.base(), s.seed(), now()));
        } else {
            // An earlier workflow run continued as this one: its events are the journal so far, and what was
            // in flight then runs again, as after a crash of the embedded engine.
            s.carried().forEach(this::record);
            StartingPoint.Settled settled = StartingPoint.Settled.of(state);
            state.inFlight().forEach(c -> launch(c, settled));
        }
        Instant began = state.runStarted().orElseThrow().at();
        Optional<Instant> deadline = plan.deadlineSeconds().isPresent()
                ? Optional.of(began.plusSeconds(plan.deadlineSeconds().getAsLong())) : Optional.empty();
        while (true) {
            List<Event> batch = new ArrayList<>(arrived);
            arrived.clear();
            batch.forEach(this::record);
            progressed |= !batch.isEmpty();
            if (fatal != null) {
                throw fatal;
            }
            if (state.finished().isEmpty() && deadline.isPresent() && state.deadlinePassed().isEmpty()
                    && !now().isBefore(deadline.get())) {
                record(new Event.DeadlinePassed(now()));
            }
            // Only after a result of this workflow run, so that a limit too small for one round trip cannot
            // make runs that only start their effects again.
            if (state.finished().isEmpty() && progressed && (Workflow.getInfo().getHistoryLength() >= s.historyLimit()
                    || Workflow.getInfo().isContinueAsNewSuggested())) {
                // Draining: no command starts until every activity of this workflow run has answered, then
                // the run continues as new. Continuing with activities in flight abandoned them on their
                // workers, which went on (their model turns spent, their usage never counted) beside their
                // twins started again in the new run; and a result arriving in the very workflow task that
                // continued made the service refuse that task as UNHANDLED_COMMAND, the race after which a run
                // was once seen never to finish (docs/temporal.md, "Continue-as-new").
                if (startedAt.isEmpty()) {
                    Workflow.await(Workflow::isEveryHandlerFinished);
                    Workflow.continueAsNew(s.continued(events));
                }
                awaitArrival(deadline);
                continue;
            }
            List<Command> next = Interpreter.next(state);
            Instant at = now();
            next.forEach(c -> record(new Event.Started(c, at)));
            // Every intent of the turn is in the state before any effect is given what it starts from,
            // as in the embedded engine.
            StartingPoint.Settled settled = next.isEmpty() ? StartingPoint.Settled.NONE : StartingPoint.Settled.of(state);
            next.forEach(c -> launch(c, settled));
            if (state.finished().isPresent()) {
                return outcome();
            }
            if (!batch.isEmpty() || !next.isEmpty() || !arrived.isEmpty()) {
                continue;
            }
            if (state.inFlight().isEmpty()) {
                throw ApplicationFailure.newNonRetryableFailure("run " + s.run() + " can make no progress: nothing is "
                        + "running and the interpreter derives no command", "NoProgress");
            }
            awaitArrival(deadline);
        }
    }

    /** Waits until a result arrives, a command fails the run, or the run's deadline passes. */
    private void awaitArrival(Optional<Instant> deadline) {
        if (deadline.isPresent() && state.deadlinePassed().isEmpty()) {
            Duration left = Duration.between(now(), deadline.get());
            Workflow.await(left.isNegative() ? Duration.ZERO : left, () -> !arrived.isEmpty() || fatal != null);
        } else {
            Workflow.await(() -> !arrived.isEmpty() || fatal != null);
        }
    }

    private void launch(Command c, StartingPoint.Settled settled) {
        // A person's questions wait for an update; a person's attempt (else escalate human) is an effect,
        // served on the queue of role human, as the embedded engine runs it.
        if (People.kind(c).filter(k -> k != People.Kind.PRODUCE).isPresent()) {
            if (start.autoApprove() && c instanceof Command.AskHuman h) {
                arrived.add(new Event.HumanAnswered(h.id(), true, "approved automatically (--yes)", now()));
            } else {
                people.put(c.id(), c);
            }
            return;
        }
        List<Agent.Turn> turns = state.turns(c.id()).stream()
                .map(t -> new Agent.Turn(t.turn(), t.request(), t.response(), t.usage())).toList();
        EffectActivities.Request request = new EffectActivities.Request(start.run(), c,
                StartingPoint.of(state, c instanceof Command.RunGate ? StartingPoint.Settled.NONE : settled, c), turns,
                state.usage(), state.usageByRole());
        EffectActivities activity = Workflow.newActivityStub(EffectActivities.class,
                ActivityPolicy.of(plan.team(), c, start.heartbeat()));
        startedAt.put(c.id(), now());
        Promise<EffectActivities.Result> promise = Async.function(activity::perform, request);
        promise.handle((result, failure) -> {
            startedAt.remove(c.id());
            if (failure == null) {
                arrived.addAll(result.during());
                arrived.add(result.result());
            } else {
                failed(c, failure).ifPresent(arrived::add);
            }
            return null;
        });
    }

    /**
     * The result of a command whose activity failed for good: its worker could not answer in
     * time, or threw. For an agent's, a gate's or a reviewer's command that is a result, as a
     * crash or a timeout is in the embedded engine; for Synod's bookkeeping it stops the run, and
     * there is no result.
     */
    private Optional<Event> failed(Command c, RuntimeException failure) {
        Instant now = now();
        long elapsed = Duration.between(startedAt.getOrDefault(c.id(), now), now).toMillis();
        boolean timedOut = failure instanceof ActivityFailure a && a.getCause() instanceof TimeoutFailure;
        if (timedOut && c instanceof Command.RunAgent a) {
            return Optional.of(new Event.AgentFinished(a.id(), new Event.Outcome.TimedOut(elapsed, a.timeoutMillis(), false),
                    Event.Usage.NONE, now));
        }
        String why = timedOut ? "no worker answered in time (" + FailureDetector.describe(
                new Event.Outcome.TimedOut(elapsed, null, false)) + ")" : "the worker failed: " + message(failure);
        Optional<Event> result = CommandEffects.failed(c, why, now);
        if (result.isEmpty()) {
            fatal = ApplicationFailure.newNonRetryableFailureWithCause("the run stopped: " + c.id() + " failed: " + why,
                    "BookkeepingFailed", failure);
        }
        return result;
    }

    private static String message(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public TeamStatus status() {
        if (state == null) {
            return new TeamStatus("", "", "running", List.of(), List.of(), 0);
        }
        List<String> running = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (Command c : state.inFlight()) {
            (people.containsKey(c.id()) ? waiting : running).add(c.id());
        }
        String status = state.finished().map(f -> f.succeeded() ? "succeeded" : "failed")
                .orElse(running.isEmpty() && !waiting.isEmpty() ? "waiting" : "running");
        return new TeamStatus(start.run(), plan.team(), status, running, waiting, events.size());
    }

    @Override
    public TeamEvents events() {
        return new TeamEvents(events);
    }

    @Override
    public void validateAnswer(PersonAnswer answer) {
        if (answer == null || !people.containsKey(answer.command())) {
            throw new IllegalArgumentException("expected the id of a command that waits for a person ("
                    + (people.isEmpty() ? "none waits" : String.join(", ", people.keySet())) + "), found "
                    + (answer == null ? "no answer" : answer.command()));
        }
    }

    @Override
    public String answer(PersonAnswer answer) {
        Command c = people.remove(answer.command());
        arrived.add(People.answered(plan, c, answer.approved(), answer.comment(), answer.options(), now()));
        return c.id();
    }

    private void record(Event e) {
        Interpreter.apply(state, e);
        events.add(e);
    }

    private TeamOutcome outcome() {
        Event.RunFinished f = state.finished().orElseThrow();
        String reason = state.command(Ids.FINISH).map(c -> ((Command.Finish) c).reason()).orElse("");
        return new TeamOutcome(f.succeeded(), reason, f.branch());
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
