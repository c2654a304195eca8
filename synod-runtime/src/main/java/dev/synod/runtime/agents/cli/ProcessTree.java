package dev.synod.runtime.agents.cli;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Stops a process together with everything it started. */
final class ProcessTree {
    /** How long to wait for the root, the JVM's own child, to be gone after its kill. */
    private static final long ROOT_GRACE_SECONDS = 5;
    /** Rounds of killing descendants: one more catches a child started while the first round ran. */
    private static final int ROUNDS = 2;

    /**
     * The agent processes running now. When Synod is stopped (Ctrl-C, SIGTERM) no {@code finally}
     * of the threads waiting on them runs, so a shutdown hook kills them; otherwise they would
     * go on writing into a workspace that a resumed run checks out afresh. This is process-wide
     * state on purpose: it mirrors the processes the JVM itself started.
     */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(p -> kill(p, false)),
                "synod-stop-cli-agents"));
    }

    private ProcessTree() {
    }

    /** Records {@code process} as running until {@link #forget} or a kill. */
    static void watch(Process process) {
        LIVE.add(process);
    }

    /** {@code process} has ended or been killed: the shutdown hook need not look at it. */
    static void forget(Process process) {
        LIVE.remove(process);
    }

    /**
     * Kills {@code process} and its descendants with SIGKILL: the descendants first, while they
     * are still reachable through their parents (once the root is dead they are re-parented and
     * no longer its descendants), then the root, which is waited for. Killed descendants are not
     * waited for: they are not this JVM's children, and where PID 1 does not reap orphans they
     * stay zombies, which the JDK reports as alive.
     */
    static void kill(Process process) {
        kill(process, true);
    }

    private static void kill(Process process, boolean waitForRoot) {
        ProcessHandle root = process.toHandle();
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> below = root.descendants().toList();
            if (below.isEmpty()) {
                break;
            }
            below.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        if (!waitForRoot) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(ROOT_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
