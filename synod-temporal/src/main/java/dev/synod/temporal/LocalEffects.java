package dev.synod.temporal;

import dev.synod.runtime.engine.CommandEffects;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The activities of one worker machine: synod-runtime's effects ({@link CommandEffects}) on its
 * repository, agents and gates. While a command runs, a thread heartbeats every
 * {@code beat} (more often when the heartbeat timeout asks for it), so Temporal notices within the heartbeat timeout that a worker is gone and gives
 * the command to another; an agent's own bound ({@code within}) is applied inside the effect, as
 * in the embedded engine, and a timeout there is a result.
 */
public final class LocalEffects implements EffectActivities {
    private final CommandEffects effects;
    private final Duration beat;
    private final AtomicReference<Error> doubt;

    /**
     * @param doubt holds an {@link Error} a timed-out call threw after its command ended (see
     *              {@link CommandEffects.Setup#errors()}): once set, this worker refuses every command,
     *              which Temporal then retries elsewhere
     */
    public LocalEffects(CommandEffects effects, Duration beat, AtomicReference<Error> doubt) {
        if (beat.isNegative() || beat.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive, found " + beat);
        }
        this.effects = effects;
        this.beat = beat;
        this.doubt = doubt;
    }

    @Override
    public Result perform(Request request) {
        Error error = doubt.get();
        if (error != null) {
            throw ApplicationFailure.newFailureWithCause("this worker is in doubt since a call threw " + error
                    + " after its command ended; restart it", "WorkerInDoubt", error);
        }
        ActivityExecutionContext context = Activity.getExecutionContext();
        // At least three beats within the activity's heartbeat timeout, so one late beat is no lost worker.
        Duration timeout = context.getInfo().getHeartbeatTimeout();
        Duration every = timeout.isZero() || timeout.dividedBy(3).compareTo(beat) >= 0 ? beat : timeout.dividedBy(3);
        Thread beating = Thread.ofVirtual().name("synod-heartbeat-" + request.command().id()).start(() -> {
            try {
                while (true) {
                    context.heartbeat(null);
                    Thread.sleep(every);
                }
            } catch (InterruptedException stopped) {
                // the command ended
            } catch (RuntimeException cancelled) {
                // Temporal refuses heartbeats of an activity it cancelled or timed out: the result no longer counts.
            }
        });
        try {
            CommandEffects.Performed p = effects.perform(request.run(), request.command(), request.start(), request.turns(),
                    request.spent(), request.spentByRole());
            return new Result(p.during(), p.result());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Activity.wrap(e);
        } finally {
            beating.interrupt();
        }
    }
}
