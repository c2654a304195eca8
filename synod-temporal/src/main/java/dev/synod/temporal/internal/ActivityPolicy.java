package dev.synod.temporal.internal;

import dev.synod.core.Command;
import dev.synod.core.FailureDetector;
import dev.synod.core.SynodException;
import dev.synod.temporal.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The activity options of each command. Synod's own attempts and escalations stay the
 * interpreter's: Temporal retries a command only when its worker failed (it died, lost its
 * connection, or threw), never because an agent's attempt was rejected, which is a result.
 *
 * <p>A command with a bound ({@code within}) gets it as its start-to-close timeout, stretched as
 * the effect stretches it: the effect stops the agent after {@code within} without a heartbeat,
 * and never later than {@value FailureDetector#HEARTBEAT_BOUND} times {@code within}, and then
 * answers with a timed-out result of its own. Temporal's timeout is the backstop for a worker that
 * cannot answer at all: {@link #ATTEMPTS} tries, after which the workflow records the timeout as
 * the attempt's result.
 */
final class ActivityPolicy {
    /** How long a worker has, beyond an agent's bound, to commit and answer. */
    static final Duration GRACE = Duration.ofMinutes(1);
    /** How long a gate may run: gates have no {@code within} of their own. */
    static final Duration GATE = Duration.ofHours(1);
    /** How long a tally, a decision record or the release may take on one worker. */
    static final Duration BOOKKEEPING = Duration.ofMinutes(10);
    /** How many workers try a bounded command (an agent's, a gate) before its timeout is the attempt's result. */
    static final int ATTEMPTS = 3;

    private static final String[] NOT_RETRIED = {
            SynodException.InvalidInput.class.getName(), SynodException.Corrupted.class.getName(),
    };

    private ActivityPolicy() {
    }

    static ActivityOptions of(String team, Command c, Duration heartbeat) {
        ActivityOptions.Builder options = ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.of(team, c))
                .setHeartbeatTimeout(heartbeat);
        RetryOptions.Builder retry = RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofMinutes(1))
                .setDoNotRetry(NOT_RETRIED);
        Duration startToClose = switch (c) {
            case Command.RunAgent a -> bounded(a.timeoutMillis());
            case Command.RunReview r -> bounded(r.timeoutMillis());
            case Command.AskLeader l -> bounded(l.timeoutMillis());
            case Command.AskVoter v -> bounded(v.timeoutMillis());
            case Command.RunGate g -> GATE;
            case Command.TallyRound t -> BOOKKEEPING;
            case Command.RecordDecision r -> BOOKKEEPING;
            case Command.Finish f -> BOOKKEEPING;
            case Command.AskHuman h -> throw new IllegalArgumentException("a person answers " + h.id() + ", not an activity");
        };
        // Bookkeeping is Synod's own and must happen: retried until it does (or fails for good).
        boolean bookkeeping = c instanceof Command.TallyRound || c instanceof Command.RecordDecision
                || c instanceof Command.Finish;
        retry.setMaximumAttempts(bookkeeping ? 0 : ATTEMPTS);
        return options.setStartToCloseTimeout(startToClose).setRetryOptions(retry.build()).build();
    }

    private static Duration bounded(long timeoutMillis) {
        return Duration.ofMillis(timeoutMillis).multipliedBy(FailureDetector.HEARTBEAT_BOUND).plus(GRACE);
    }
}
