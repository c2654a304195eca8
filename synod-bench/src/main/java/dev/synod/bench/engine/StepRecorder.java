package dev.synod.bench.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times steps as the runs see them. A step is one hand-off attempt, from the moment its agent
 * starts (its intent is durable) to the moment the next attempt of the same branch starts: the
 * agent's result journaled, the gate's intent journaled, the gate run, its verdict and the next
 * intent journaled — plus, under the engine, the git work around them. Only what happens while a
 * {@link Window} is open is recorded; between windows the runs go on unrecorded (warm-up).
 */
final class StepRecorder {
    private final ConcurrentHashMap<String, Long> lastStart = new ConcurrentHashMap<>();
    private volatile Window window;

    /** What one measurement window saw. */
    static final class Window {
        final Samples steps = new Samples();
        final Samples appends = new Samples();
        private final long openedNanos = System.nanoTime();
        private volatile long closedNanos;
        private final AtomicLong started = new AtomicLong();

        /** Attempts started while the window was open. */
        long started() {
            return started.get();
        }

        /** Attempts started per second while the window was open. */
        double stepsPerSecond() {
            return started.get() / ((closedNanos - openedNanos) / 1e9);
        }
    }

    /** An attempt of {@code run} by {@code producer} (one producer per branch) started now. */
    void attemptStarted(String run, String producer) {
        long now = System.nanoTime();
        Long previous = lastStart.put(run + "/" + producer, now);
        Window w = window;
        if (w != null) {
            w.started.incrementAndGet();
            if (previous != null) {
                w.steps.add(now - previous);
            }
        }
    }

    /** A journal append took {@code nanos}. */
    void appended(long nanos) {
        Window w = window;
        if (w != null) {
            w.appends.add(nanos);
        }
    }

    /** The run is over: the last attempts of its branches have no successor to time them by. */
    void runFinished(String run) {
        String prefix = run + "/";
        lastStart.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Starts recording into a new window. */
    void open() {
        window = new Window();
    }

    /** Stops recording and returns what the window saw. */
    Window close() {
        Window w = window;
        window = null;
        w.closedNanos = System.nanoTime();
        return w;
    }
}
