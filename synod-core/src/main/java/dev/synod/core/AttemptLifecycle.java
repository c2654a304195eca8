package dev.synod.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The lifecycle of one attempt of a hand-off as a table (STYLE.md §5, like Temporal's
 * {@code TimerStateMachine}): {@link Phase phases} and {@link Trigger triggers} are enums, the
 * transitions are data in {@link #TABLE}, and the interpreter moves an attempt only through
 * {@link #next}. An attempt starts, then the agent's outcome moves it: a production goes through
 * the gates in declared order and then the reviews; a crash, a timeout or a rejection ends in a
 * retry, an escalation to the next performer, or the hand-off's failure; a configuration fault
 * fails the hand-off at once, since no further attempt could do better.
 */
public final class AttemptLifecycle {

    /** Where an attempt stands. */
    public enum Phase {
        /** The agent was started and has not answered. */
        STARTED,
        /** The agent produced a commit; no gate has answered yet. */
        PRODUCED,
        /** Some gates passed, in declared order; the others have not answered yet. */
        GATING,
        /** Every gate passed; the reviews answer in declared order. */
        REVIEWING,
        /** Every gate passed and every review approved: the commit is the artifact. */
        ACCEPTED,
        /** The agent or its provider failed. */
        CRASHED,
        /** The failure detector stopped the agent. */
        TIMED_OUT,
        /** Its output broke a rule (its write scope), a gate failed, or a review rejected it. */
        REJECTED,
        /**
         * The agent, or a reviewer of its work, cannot work as configured (a 401 from its provider,
         * a program that cannot start).
         */
        MISCONFIGURED,
        /** The same performer tries again, from this attempt's files. */
        RETRYING,
        /** The next performer of the escalation chain takes over, from this attempt's files. */
        ESCALATED,
        /** No attempt is left, or none could help: the hand-off fails. */
        FAILED;
    }

    /** What moves an attempt. */
    public enum Trigger {
        /** The agent finished and its commit was kept. */
        PRODUCED,
        CRASHED,
        TIMED_OUT,
        /** The agent finished but its output was refused before any gate (write scope, frozen files, size). */
        REFUSED,
        /** The agent, or a reviewer, cannot work as configured. */
        MISCONFIGURED,
        /** The next gate in declared order passed, and more follow. */
        GATE_PASSED,
        /** A gate failed or could not run. */
        GATE_FAILED,
        /** The last gate passed (or the hand-off has none). */
        GATES_PASSED,
        /** A review approved, and more follow. */
        REVIEW_APPROVED,
        REVIEW_REJECTED,
        /** The last review approved (or the hand-off has none). */
        REVIEWS_APPROVED,
        /** The failed attempt's performer has attempts left. */
        RETRY,
        /** The performer's attempts are spent and the escalation chain names another. */
        ESCALATE,
        /** No attempt is left, or the fault is one no attempt can mend. */
        GIVE_UP
    }

    /** One row of the table: in phase {@code from}, {@code on} moves the attempt to {@code to}. */
    public record Transition(Phase from, Trigger on, Phase to) {
    }

    /** Every transition an attempt may take; any other is a bug of the interpreter. */
    public static final List<Transition> TABLE = List.of(
            new Transition(Phase.STARTED, Trigger.PRODUCED, Phase.PRODUCED),
            new Transition(Phase.STARTED, Trigger.CRASHED, Phase.CRASHED),
            new Transition(Phase.STARTED, Trigger.TIMED_OUT, Phase.TIMED_OUT),
            new Transition(Phase.STARTED, Trigger.REFUSED, Phase.REJECTED),
            new Transition(Phase.STARTED, Trigger.MISCONFIGURED, Phase.MISCONFIGURED),
            new Transition(Phase.PRODUCED, Trigger.GATE_PASSED, Phase.GATING),
            new Transition(Phase.PRODUCED, Trigger.GATE_FAILED, Phase.REJECTED),
            new Transition(Phase.PRODUCED, Trigger.GATES_PASSED, Phase.REVIEWING),
            new Transition(Phase.GATING, Trigger.GATE_PASSED, Phase.GATING),
            new Transition(Phase.GATING, Trigger.GATE_FAILED, Phase.REJECTED),
            new Transition(Phase.GATING, Trigger.GATES_PASSED, Phase.REVIEWING),
            new Transition(Phase.REVIEWING, Trigger.REVIEW_APPROVED, Phase.REVIEWING),
            new Transition(Phase.REVIEWING, Trigger.REVIEW_REJECTED, Phase.REJECTED),
            new Transition(Phase.REVIEWING, Trigger.REVIEWS_APPROVED, Phase.ACCEPTED),
            new Transition(Phase.REVIEWING, Trigger.MISCONFIGURED, Phase.MISCONFIGURED),
            new Transition(Phase.CRASHED, Trigger.RETRY, Phase.RETRYING),
            new Transition(Phase.CRASHED, Trigger.ESCALATE, Phase.ESCALATED),
            new Transition(Phase.CRASHED, Trigger.GIVE_UP, Phase.FAILED),
            new Transition(Phase.TIMED_OUT, Trigger.RETRY, Phase.RETRYING),
            new Transition(Phase.TIMED_OUT, Trigger.ESCALATE, Phase.ESCALATED),
            new Transition(Phase.TIMED_OUT, Trigger.GIVE_UP, Phase.FAILED),
            new Transition(Phase.REJECTED, Trigger.RETRY, Phase.RETRYING),
            new Transition(Phase.REJECTED, Trigger.ESCALATE, Phase.ESCALATED),
            new Transition(Phase.REJECTED, Trigger.GIVE_UP, Phase.FAILED),
            new Transition(Phase.MISCONFIGURED, Trigger.GIVE_UP, Phase.FAILED));

    private static final Map<Phase, Map<Trigger, Transition>> BY_PHASE = index();

    private AttemptLifecycle() {
    }

    private static Map<Phase, Map<Trigger, Transition>> index() {
        Map<Phase, Map<Trigger, Transition>> out = new EnumMap<>(Phase.class);
        for (Transition t : TABLE) {
            Transition twin = out.computeIfAbsent(t.from(), p -> new EnumMap<>(Trigger.class)).put(t.on(), t);
            if (twin != null) {
                throw new IllegalStateException("the attempt lifecycle has two transitions from " + t.from() + " on "
                        + t.on() + ": to " + twin.to() + " and to " + t.to());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The transition {@code on} takes from {@code from}.
     *
     * @throws IllegalStateException when the table has none: the interpreter asked for a move no
     *                               attempt can make
     */
    public static Transition next(Phase from, Trigger on) {
        Transition t = BY_PHASE.getOrDefault(from, Map.of()).get(on);
        if (t == null) {
            String allowed = BY_PHASE.getOrDefault(from, Map.of()).keySet().stream().map(Enum::name)
                    .collect(Collectors.joining(", "));
            throw new IllegalStateException("an attempt in phase " + from + " cannot take " + on + "; expected one of: "
                    + (allowed.isEmpty() ? "none, it is over" : allowed));
        }
        return t;
    }

    /**
     * What ends a failed attempt: a configuration fault gives up at once; otherwise the next
     * attempt of the same performer retries, one of another performer escalates, and none left
     * gives up.
     */
    static Trigger afterFailure(Phase failed, Plan.Handoff h, int attempt) {
        if (failed == Phase.MISCONFIGURED || attempt >= h.maxAttempts()) {
            return Trigger.GIVE_UP;
        }
        return h.performer(attempt + 1).equals(h.performer(attempt)) ? Trigger.RETRY : Trigger.ESCALATE;
    }
}
