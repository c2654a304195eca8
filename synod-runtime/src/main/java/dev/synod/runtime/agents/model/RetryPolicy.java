package dev.synod.runtime.agents.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long a model call is retried after a passing fault (HTTP 429, 408, 5xx, a
 * timeout, a dropped connection). Without {@code Retry-After}, the wait before retry {@code n}
 * (from 1) is drawn between half and all of {@code min(maxDelay, initialDelay * 2^(n-1))}
 * ("equal jitter"); with it, the wait is what the provider asked for. The waits of one call add
 * up to at most {@code maxTotalWait}: a call that would have to wait longer fails at once.
 *
 * @param maxAttempts  attempts in all, the first included (1 disables retries)
 * @param initialDelay the backoff before the first retry
 * @param maxDelay     the largest backoff (a {@code Retry-After} may ask for more)
 * @param maxTotalWait the most one call may spend waiting between its attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxTotalWait) {
    /** Six attempts, backoff from 1 s doubling to at most 30 s, two minutes of waiting in all. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(2));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a call makes at least 1 attempt, found maxAttempts " + maxAttempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay must not be null");
        Objects.requireNonNull(maxDelay, "maxDelay must not be null");
        Objects.requireNonNull(maxTotalWait, "maxTotalWait must not be null");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxTotalWait.isNegative()) {
            throw new IllegalArgumentException("expected 0 <= initialDelay <= maxDelay and maxTotalWait >= 0, found "
                    + initialDelay + ", " + maxDelay + ", " + maxTotalWait);
        }
    }

    /** The backoff cap before retry {@code retry} (1 for the first retry), before jitter. */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, found " + retry);
        }
        long millis = initialDelay.toMillis();
        for (int i = 1; i < retry && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
