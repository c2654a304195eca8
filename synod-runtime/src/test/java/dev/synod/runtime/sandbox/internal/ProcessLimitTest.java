package dev.synod.runtime.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an rlimit session takes for a refused fork, where the kernel keeps no count. */
class ProcessLimitTest {
    @Test
    void a_gate_that_prints_the_words_on_stdout_has_not_reached_the_limit() {
        // A correct gate may print "Cannot fork" as data (a test of a shell, a log it shows);
        // shells and the JVM complain on stderr, which is the only stream that tells.
        try (ProcessLimit.Session session = new ProcessLimit.Rlimit("prlimit").open(8, true)) {
            assertThat(session.limitReached("")).as("stdout held: sh: 1: Cannot fork").isFalse();
            assertThat(session.limitReached("sh: 1: Cannot fork\n")).isTrue();
        }
    }
}
