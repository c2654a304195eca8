package dev.synod.testkit;

import dev.synod.core.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when a test moves it (STYLE.md 6, like Caffeine's
 * {@code FakeTicker}): time passes by {@link #advance} or jumps by {@link #set}, and every
 * thread sees the change at once. Like every clock, it never goes backwards; a test that
 * needs a clock stepping back writes a lambda, so that doing so is visible. Its monotonic
 * {@link #nanos()} moves with it, so timeouts measured on it pass only when a test moves it.
 */
public final class FakeClock implements Clock {
    /** Where a fake clock starts unless told otherwise: a fixed, unremarkable instant. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * The one state: {@link #nanos()} is {@link Clock}'s default derived from it, which never
     * goes backwards because this never does, and moves by exactly what {@link #advance} and
     * {@link #set} move it.
     */
    private final AtomicReference<Instant> now;

    /** A clock standing at {@link #DEFAULT_START}. */
    public FakeClock() {
        this(DEFAULT_START);
    }

    /** A clock standing at {@code start}. */
    public FakeClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start must not be null"));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    /**
     * Moves the clock forward by {@code duration} (zero leaves it where it is).
     *
     * @return the time after the move
     * @throws IllegalArgumentException when {@code duration} is negative
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration must not be null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock advances by a duration that is not negative, found " + duration);
        }
        return now.updateAndGet(t -> t.plus(duration));
    }

    /**
     * Moves the clock to {@code instant}, which must not be earlier than its time now.
     *
     * @throws IllegalArgumentException when {@code instant} is earlier than the clock's time
     */
    public void set(Instant instant) {
        Objects.requireNonNull(instant, "instant must not be null");
        now.updateAndGet(t -> {
            if (instant.isBefore(t)) {
                throw new IllegalArgumentException("a clock never goes backwards: it stands at " + t
                        + ", cannot set it to " + instant);
            }
            return instant;
        });
    }

    @Override
    public String toString() {
        return "FakeClock[" + now.get() + "]";
    }
}
