package dev.synod.bench.engine;

import java.time.Duration;

/**
 * How long a measurement runs: {@code warmup} unrecorded, then {@code iterations} windows of
 * {@code window} each.
 */
record Schedule(Duration warmup, int iterations, Duration window) {
    Schedule {
        if (warmup.isNegative() || iterations < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("expected a warm-up of 0s or more, at least 1 iteration and a positive "
                    + "window, found " + warmup.toSeconds() + "s, " + iterations + ", " + window.toMillis() + "ms");
        }
    }
}
