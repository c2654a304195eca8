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
 * in the embedded engine, and a timeout there is a result. With a shared remote, the command's
 * {@link Exchange} fetches what it starts from before it runs and pushes what it made before its
 * result is handed back, within the heartbeats.
 */
public final class LocalEffects implements EffectActivities {
    private final CommandEffects effects;
    private final Duration beat;
    private final AtomicReference<Error> doubt;
    private final Exchange exchange;

    /**
     * What a command exchanges with the other workers around its run: nothing when they all share
     * one directory ({@link #NONE}); through the team's git remote otherwise. A failure of either
     * step is thrown, and Temporal tries the command again.
     */
    public interface Exchange {
        /** Brings what {@code request} starts from to this worker. */
        void before(Request request);

        /** Makes what {@code result} names reachable by every worker. */
        void after(Request request, Result result);
    }

    /** No exchange: every worker works on the one directory. */
    public static final Exchange NONE = new Exchange() {
        @Override
        public void before(Request request) {
        }

        @Override
        public void after(Request request, Result result) {
        }
    };

    /**
     * @param doubt holds an {@link Error} a timed-out call threw after its command ended (see
     *              {@link CommandEffects.Setup#errors()}): once set, this worker refuses every command,
     *              which Temporal then retries elsewhere
     */
    public LocalEffects(CommandEffects effects, Duration beat, AtomicReference<Error> doubt) {
        this(effects, beat, doubt, NONE);
    }

    /** @param exchange what each command fetches before it runs and pushes after */
    public LocalEffects(CommandEffects effects, Duration beat, AtomicReference<Error> doubt, Exchange exchange) {
        if (beat.isNegative() || beat.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive, found " + beat);
        }
        this.effects = effects;
        this.beat = beat;
        this.doubt = doubt;
        this.exchange = exchange;
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
            exchange.before(request);
            CommandEffects.Performed p = effects.perform(request.run(), request.command(), request.start(), request.turns(),
                    request.spent(), request.spentByRole());
            Result result = new Result(p.during(), p.result());
            exchange.after(request, result);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Activity.wrap(e);
        } finally {
            beating.interrupt();
        }
    }
}
