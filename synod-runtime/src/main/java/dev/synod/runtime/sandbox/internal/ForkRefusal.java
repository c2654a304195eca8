package dev.synod.runtime.sandbox.internal;

import java.util.regex.Pattern;

/**
 * How programs say that the kernel refused them a process or a thread (EAGAIN from
 * {@code fork} or {@code clone} under {@code RLIMIT_NPROC}): dash's {@code Cannot fork}, bash's
 * {@code fork: retry: Resource temporarily unavailable}, the JVM's {@code unable to create native
 * thread}, glibc's {@code pthread_create failed}. A bare "Resource temporarily unavailable" is not
 * enough: a non-blocking read says that too.
 */
final class ForkRefusal {
    private static final Pattern SAID = Pattern.compile("Cannot fork|\\bfork: (retry: )?Resource temporarily unavailable"
            + "|unable to create native thread|pthread_create failed|Cannot create new thread|vfork: Resource temporarily");

    private ForkRefusal() {
    }

    /** Whether {@code output} holds a program's complaint that a process or thread was refused. */
    static boolean in(String output) {
        return SAID.matcher(output).find();
    }
}
