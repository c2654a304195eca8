package dev.synod.core;

import java.time.Instant;

/** Where the engine reads the time; tests inject a fake one. The interpreter never reads it. */
@FunctionalInterface
public interface Clock {
    Clock SYSTEM = Instant::now;

    Instant now();
}
