package dev.synod.runtime.engine;

import dev.synod.runtime.internal.Directories;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The working directories of effects under {@code .synod/work/}: one per role (and one for each
 * role's gates and reviews), kept from step to step so that a checkout writes only what changed
 * (ARCHITECTURE.md §1: each role works in its own workspace). A directory serves one effect at a
 * time; an effect that finds its role's directory busy gets a scratch directory of its own,
 * deleted afterwards. A scratch directory released late (after an agent that timed out stopped)
 * and that cannot be deleted is reported by the next {@link #acquire} or {@link #scratch}.
 */
final class Workdirs {
    private final Path root;
    private final Set<Path> busy = ConcurrentHashMap.newKeySet();
    // A release that failed after its effect had returned (a scratch directory that could not be
    // deleted), kept for the next acquire to raise: nobody waits on that release to hear it.
    private final AtomicReference<RuntimeException> lateFailure = new AtomicReference<>();

    Workdirs(Path root) {
        this.root = root;
    }

    /** A directory an effect holds until {@link #release}. */
    record Lease(Path dir, boolean scratch) {
    }

    /**
     * The directory named {@code name} (a role, possibly with a suffix such as {@code .gates}) or,
     * while another effect holds it, a scratch directory for {@code commandId}.
     */
    Lease acquire(String name, String commandId) {
        raiseLateFailure();
        Path dir = root.resolve(safe(name));
        if (busy.add(dir)) {
            return new Lease(dir, false);
        }
        return new Lease(root.resolve(safe(name) + "~" + safe(commandId)), true);
    }

    /** A scratch directory for {@code commandId}, deleted on release. */
    Lease scratch(String commandId) {
        raiseLateFailure();
        return new Lease(root.resolve("~" + safe(commandId)), true);
    }

    void release(Lease lease) {
        if (lease.scratch()) {
            Directories.deleteTree(lease.dir(), "the scratch directory");
        } else {
            busy.remove(lease.dir());
        }
    }

    /**
     * Releases {@code lease} only once {@code running} completes: an agent that timed out may still
     * be writing in its directory, and the next attempt must not start among its writes.
     */
    void releaseWhenDone(Lease lease, CompletableFuture<?> running) {
        running.whenComplete((value, error) -> {
            try {
                release(lease);
            } catch (RuntimeException failure) {
                if (!lateFailure.compareAndSet(null, failure)) {
                    lateFailure.get().addSuppressed(failure);
                }
            }
        });
    }

    /** Throws what a late release met, once. */
    private void raiseLateFailure() {
        RuntimeException failure = lateFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    private static String safe(String name) {
        return Directories.fileName(name);
    }
}
