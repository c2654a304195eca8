package dev.synod.core;

/**
 * The failure detector of ARCHITECTURE.md §4 as pure arithmetic, shared by every engine: a
 * per-role timeout that starts at {@code within} and grows after a suspicion proved false (a
 * late answer), and the deadline of one call, counted from its latest heartbeat but never past
 * {@value #HEARTBEAT_BOUND} times the timeout from its start. Callers pass every reading in
 * (instants of a monotonic clock in nanoseconds), so nothing here reads a clock.
 */
public final class FailureDetector {
    /** How many times its timeout a call may run in all, however often it heartbeats. */
    public static final int HEARTBEAT_BOUND = 4;

    private FailureDetector() {
    }

    /**
     * The timeout of a role's next call: its {@code within}, or more once a late answer showed
     * that the role needs more.
     *
     * @param grownMillis the timeout the role's late answers grew to, or 0 without one
     */
    public static long timeoutMillis(long withinSeconds, long grownMillis) {
        return Math.max(Math.multiplyExact(withinSeconds, 1000L), grownMillis);
    }

    /**
     * The timeout a late answer after {@code elapsedMillis} grows its role's to: half as much
     * again as the answer took, so the next call of the role is not suspected as early.
     */
    public static long grownAfterLateAnswer(long elapsedMillis) {
        return Math.multiplyExact(elapsedMillis, 3L) / 2;
    }

    /**
     * When a call must be stopped: {@code timeoutNanos} after its latest sign of life (its start,
     * without one), and never later than {@value #HEARTBEAT_BOUND} times that from its start, so
     * an agent stuck in a loop that prints is still stopped.
     *
     * @param startNanos    when the call started
     * @param lastBeatNanos its latest heartbeat (a reading before the start counts as the start)
     */
    public static long deadlineNanos(long startNanos, long lastBeatNanos, long timeoutNanos) {
        long sinceStart = Math.max(0, lastBeatNanos - startNanos);
        return startNanos + Math.min(HEARTBEAT_BOUND * timeoutNanos, sinceStart + timeoutNanos);
    }

    /**
     * Whether a call stopped at its {@link #deadlineNanos deadline} was stopped by the heartbeat
     * bound rather than by silence: whether that deadline is the bound's, with the same readings.
     */
    public static boolean stoppedByBound(long startNanos, long lastBeatNanos, long timeoutNanos) {
        return deadlineNanos(startNanos, lastBeatNanos, timeoutNanos) - startNanos == HEARTBEAT_BOUND * timeoutNanos;
    }

    /**
     * How a timed-out attempt reads: {@code timed out after 10s} for one that fell silent, and
     * {@code stopped after 40s: it kept heartbeating past 4× its timeout of 10s} for one the
     * heartbeat bound stopped. The timeout is the call's, which late answers may have grown past
     * its {@code within}.
     */
    public static String describe(Event.Outcome.TimedOut t) {
        if (t.bound()) {
            return "stopped after " + seconds(t.afterMillis()) + ": it kept heartbeating past " + HEARTBEAT_BOUND
                    + "× its timeout of " + seconds(t.timeoutMillis());
        }
        return "timed out after " + seconds(t.afterMillis());
    }

    /**
     * Whole seconds, rounded down, as journals have always shown them: the text becomes part of
     * the next attempt's command, so {@code synod replay} of an old journal must derive it alike.
     */
    private static String seconds(long millis) {
        return millis / 1000 + "s";
    }
}
