package dev.synod.runtime.agents.model;

import java.time.Duration;

/** How a retry waits; tests inject one that records the waits instead of sleeping (STYLE.md 6). */
@FunctionalInterface
public interface Sleeper {
    /** Waits on the calling thread, which stays interruptible. */
    Sleeper SYSTEM = Thread::sleep;

    /** Waits for {@code duration}; throws when the thread is interrupted meanwhile. */
    void sleep(Duration duration) throws InterruptedException;
}
