package dev.synod.runtime.engine;

import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.SynodException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an unexpected exception in an effect to the result the interpreter understands, at the
 * boundary: an agent's or a gate's failure consumes the attempt; a failure of Synod's own
 * bookkeeping (a decision record, the release branch) stops the engine so the run can resume.
 */
final class Failures {
    private Failures() {
    }

    /**
     * How an unexpected exception reads in messages and journals: its class's simple name, then
     * its message if it has one ({@code IllegalStateException: no tree}).
     */
    static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /**
     * The exception that stops the engine after an {@link Error} in the effect of {@code command}: the
     * process may be out of memory or stack, so no result is trusted, and the run resumes from
     * its journal once the cause is dealt with.
     */
    static SynodException fatal(String command, Throwable t) {
        String why = describe(t);
        String hint = t instanceof OutOfMemoryError
                ? " (give Java more memory, e.g. JAVA_TOOL_OPTIONS=-Xmx4g, or find what the agent left that is so large)"
                : "";
        return new SynodException.Retriable("the engine stopped: " + command + " failed with " + why + hint
                + "; the journal holds everything before it, resume the run to continue", t);
    }

    static Optional<Event> asResult(Command c, RuntimeException e, Instant now) {
        return asResult(c, describe(e), now);
    }

    /**
     * The result that stands for {@code c} failing for {@code why}, or empty for a command whose
     * failure is Synod's own and stops the engine instead.
     */
    static Optional<Event> asResult(Command c, String why, Instant now) {
        return switch (c) {
            case Command.RunAgent a -> Optional.of(new Event.AgentFinished(a.id(), new Event.Outcome.Crashed(why),
                    Event.Usage.NONE, now));
            case Command.RunGate g -> Optional.of(new Event.GateFinished(g.id(), Event.Verdict.ERROR,
                    List.of("gate " + g.gate().name() + " could not run: " + why), false, now));
            case Command.RunReview r -> Optional.of(new Event.ReviewFinished(r.id(), false, "the review crashed: " + why,
                    Event.Usage.NONE, now));
            case Command.AskLeader l -> Optional.of(new Event.LeaderAnswered(l.id(), Map.of(), null, "crashed: " + why,
                    Event.Usage.NONE, now));
            case Command.AskVoter v -> Optional.of(new Event.BallotCast(v.id(), Map.of(), null, "crashed: " + why,
                    Event.Usage.NONE, now));
            default -> Optional.empty();
        };
    }
}
