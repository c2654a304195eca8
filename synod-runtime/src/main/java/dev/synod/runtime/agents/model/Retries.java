package dev.synod.runtime.agents.model;

import dev.synod.core.Clock;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How a {@link RetryingChatModel} retries: its policy, and where its waiting, its jitter and its
 * time (for a {@code Retry-After} given as a date) come from, injected so tests need no real time.
 *
 * @param policy  attempts, backoff and the cap on total waiting
 * @param sleeper how it waits
 * @param random  where the jitter comes from
 * @param clock   the time a {@code Retry-After} date is measured from
 */
public record Retries(RetryPolicy policy, Sleeper sleeper, RandomGenerator random, Clock clock) {
    public Retries {
        Objects.requireNonNull(policy, "policy must not be null");
        Objects.requireNonNull(sleeper, "sleeper must not be null");
        Objects.requireNonNull(random, "random must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
    }

    /** The default policy, really sleeping, with jitter from a fresh random source and the system clock. */
    public static Retries system() {
        return new Retries(RetryPolicy.DEFAULT, Sleeper.SYSTEM, new SplittableRandom(), Clock.SYSTEM);
    }
}
