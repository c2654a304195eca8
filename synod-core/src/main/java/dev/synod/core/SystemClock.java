package dev.synod.core;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Clock#SYSTEM}: the wall clock, clamped so it never goes backwards. Only this one
 * instance exists, so the clamp holds for every reader in the process.
 */
final class SystemClock implements Clock {
    private final AtomicReference<Instant> latest = new AtomicReference<>(Instant.EPOCH);

    @Override
    public Instant now() {
        Instant wall = Instant.now();
        return latest.accumulateAndGet(wall, (before, next) -> next.isAfter(before) ? next : before);
    }

    /** {@link System#nanoTime()}: unlike the wall clock, it does not jump when the time of day is set. */
    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "Clock.SYSTEM";
    }
}
