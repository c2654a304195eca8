package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one way an unexpected exception of an effect is written for users and journals. */
class FailuresTest {
    @Test
    void describe_names_the_class_and_the_message_when_there_is_one() {
        assertThat(Failures.describe(new IllegalStateException("no tree"))).isEqualTo("IllegalStateException: no tree");
        assertThat(Failures.describe(new StackOverflowError())).isEqualTo("StackOverflowError");
    }

    @Test
    void the_fatal_message_and_a_crashed_result_describe_alike() {
        RuntimeException e = new IllegalArgumentException("bad");

        assertThat(Failures.fatal("agent:x#1", e).getMessage()).contains("failed with " + Failures.describe(e));
    }
}
