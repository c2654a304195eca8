package dev.synod.core;

import java.time.Instant;

/**
 * Where the engine reads the time; tests inject a fake one. The interpreter never reads it.
 *
 * <p>Contract: {@link #now()} never returns null, and a call never returns an instant earlier
 * than one an earlier call returned (time may stand still, but never goes backwards); the same
 * holds for {@link #nanos()}.
 */
@FunctionalInterface
public interface Clock {
    /**
     * The system's UTC time, held still while the wall clock steps back (an NTP correction, a
     * suspended VM) until it catches up, so that the times of one process never decrease.
     */
    Clock SYSTEM = new SystemClock();

    /** The time now; never null, never earlier than an instant this clock returned before. */
    Instant now();

    /**
     * A monotonic reading in nanoseconds, for measuring elapsed time (as Caffeine's
     * {@code Ticker#read}): only differences between two readings mean anything. The engine
     * bounds effects and measures heartbeats with it, so a fake clock controls timeouts too.
     * The default derives it from {@link #now()}, which never goes backwards either.
     */
    default long nanos() {
        Instant now = now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
