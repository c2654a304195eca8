package dev.synod.runtime.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop a run cleanly, as Ctrl-C makes it: the engine journals the results that have
 * arrived, starts nothing more, interrupts its effects and returns {@link Engine.Result.Stopped},
 * so that {@code synod resume} goes on from a journal that holds only whole events.
 *
 * <p>Safe to call from any thread, a signal handler's included.
 */
public final class StopSignal {
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile Runnable wake = () -> { };

    /** Asks the run to stop; the engine sees it on its next turn, at once when it is waiting. */
    public void request() {
        if (requested.compareAndSet(false, true)) {
            wake.run();
        }
    }

    /** Whether a stop was asked for. */
    public boolean requested() {
        return requested.get();
    }

    /** What the engine runs when a stop is asked for, to end a wait early. */
    void onRequest(Runnable wake) {
        this.wake = wake;
        if (requested.get()) {
            wake.run();
        }
    }
}
