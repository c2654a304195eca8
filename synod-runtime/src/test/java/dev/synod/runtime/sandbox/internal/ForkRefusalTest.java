package dev.synod.runtime.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The complaints of programs refused a process under an rlimit, where no kernel counter tells. */
class ForkRefusalTest {
    @Test
    void recognises_the_shells_and_the_jvms_complaints() {
        assertThat(ForkRefusal.in("started\nsh: 1: Cannot fork\n")).as("dash").isTrue();
        assertThat(ForkRefusal.in("bash: fork: retry: Resource temporarily unavailable\n")).as("bash").isTrue();
        assertThat(ForkRefusal.in("bash: fork: Resource temporarily unavailable\n")).as("bash, giving up").isTrue();
        assertThat(ForkRefusal.in("java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory"))
                .as("the JVM").isTrue();
    }

    @Test
    void does_not_take_every_eagain_for_a_refused_fork() {
        assertThat(ForkRefusal.in("read: Resource temporarily unavailable\n")).isFalse();
        assertThat(ForkRefusal.in("src/a.c:3:1: error: expected ';'\n")).isFalse();
    }
}
