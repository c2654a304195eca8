package dev.synod.runtime.engine.internal;

import dev.synod.core.RunInfo;
import dev.synod.core.SynodException;
import dev.synod.runtime.workspace.ObjectLog;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who writes the journal, and when. Exactly one transaction runs at a time, by whichever thread
 * holds the commit lock, and it takes every request queued at that moment (group commit), so
 * many concurrent appends share one fsync.
 *
 * <p>A caller on a platform thread that finds no transaction in progress runs one itself, for
 * its request and everything queued with it, instead of handing the work to another thread and
 * waiting for the answer: the hand-off and the two thread wake-ups cost about as much as the
 * SQL of a small transaction. A caller that finds a transaction in progress queues and waits;
 * the thread that ends a transaction and leaves requests queued wakes the writer thread, which
 * commits them. Callers on virtual threads never run a transaction: the native SQLite calls,
 * the fsync among them, would pin their carrier thread; they queue, wake the writer thread and
 * wait unmounted.
 *
 * <p>Git objects ({@link #addObject}) and their removal ({@link #forgetObjects}) are queued
 * without waiting and go into the next transaction, after its requests were taken, so an object
 * added before an append was requested is durable no later than that append. An object that no
 * append carries within a short while ({@link #OBJECT_LINGER} by default) is committed by the
 * writer thread on its own: an add wakes it, and it waits until the oldest queued change is that
 * old. Most objects come just before the append that names them and leave with it, so the writer
 * rarely commits alone, and never while appends keep coming.
 */
final class JournalWriter {
    /** How long an object change waits, by default, for an append to carry it before it is committed alone. */
    static final Duration OBJECT_LINGER = Duration.ofMillis(10);

    private final JournalDatabase database;
    private final int maxBatch;
    private final long objectLinger;
    private final LinkedBlockingQueue<WriteRequest> requests = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<ObjectChange> objects = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Guarded by {@link #commitLock}, as is {@link #closed}. */
    private final JournalWrites writes;
    private boolean closed;
    private final Object lifecycle = new Object();
    /** Set once, under {@link #lifecycle}, by {@link #stop()}: no request is accepted after it. */
    private volatile boolean stopping;
    /** Whether the writer thread was woken for objects since it last looked at them. */
    private final AtomicBoolean objectsSignalled = new AtomicBoolean();
    private final AtomicReference<RuntimeException> closeFailure = new AtomicReference<>();
    private final Thread thread;

    /**
     * Starts the writer on {@code connection}, which it owns from now on.
     *
     * @param maxBatch     how many requests one transaction takes at most
     * @param objectLinger how long an object change waits for an append before the writer thread commits it
     */
    JournalWriter(JournalDatabase database, Connection connection, int maxBatch, Duration objectLinger) {
        this.database = database;
        this.maxBatch = maxBatch;
        this.objectLinger = objectLinger.toNanos();
        this.writes = new JournalWrites(database, connection);
        this.thread = Thread.ofPlatform().daemon().name("synod-journal-writer " + database.file()).unstarted(this::run);
        thread.start();
    }

    /** Registers a run, durably. */
    void create(RunInfo run) {
        commit(new WriteRequest.Create(run, new CompletableFuture<>()));
    }

    /** Appends events to a run, durably, and returns the seq of the last one. */
    long append(String run, List<StoredEvent> events) {
        return commit(new WriteRequest.Append(run, events, new CompletableFuture<>()));
    }

    /**
     * Queues a git object for the next transaction and returns at once.
     *
     * @throws IllegalStateException when the journal is closed
     */
    void addObject(ObjectLog.Entry entry) {
        queueObject(new ObjectChange.Add(entry, System.nanoTime()), true);
    }

    /** Queues the removal of git objects for a later transaction; after close it does nothing. */
    void forgetObjects(Collection<String> ids) {
        for (String id : ids) {
            queueObject(new ObjectChange.Forget(id, System.nanoTime()), false);
        }
    }

    /**
     * Commits every request already accepted and every object change queued, then stops the
     * thread and closes the connection. Every caller waits for that, so that close returns only
     * once the appends are committed.
     *
     * @throws SynodException.Retriable once, when queued git objects could not be committed
     */
    void stop() {
        synchronized (lifecycle) {
            stopping = true;
        }
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                // Pending appends must still be committed; the interrupt is restored below.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RuntimeException failure = closeFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    private long commit(WriteRequest request) {
        synchronized (lifecycle) {
            if (stopping) {
                throw new IllegalStateException("the journal at " + database.file() + " is closed");
            }
            requests.add(request);
        }
        if (Thread.currentThread().isVirtual()) {
            LockSupport.unpark(thread);
        } else {
            lead(request.done());
        }
        return await(request.done());
    }

    /** Runs transactions in this thread while {@code done} is not complete and no one else runs one. */
    private void lead(CompletableFuture<Long> done) {
        while (!done.isDone() && commitLock.tryLock()) {
            try {
                if (closed) {
                    return;
                }
                commitNext();
            } finally {
                release();
            }
        }
        // When the lock was held, its holder sees this request queued as it releases the lock.
    }

    /** One transaction for the requests queued now (at most {@code maxBatch}) and the object changes. */
    private void commitNext() {
        List<WriteRequest> batch = new ArrayList<>();
        requests.drainTo(batch, maxBatch);
        try {
            writes.commit(batch, objects);
        } catch (RuntimeException | Error e) {
            // Only a bug or the JVM itself gets here; nobody must wait forever for it.
            batch.forEach(request -> request.done().completeExceptionally(e));
        }
    }

    private void release() {
        commitLock.unlock();
        // A caller that queued while the lock was held relies on this check: it does not wait
        // for the lock, so whoever held it hands what is left to the writer thread.
        if (!requests.isEmpty()) {
            LockSupport.unpark(thread);
        }
    }

    private void queueObject(ObjectChange change, boolean refuseWhenClosed) {
        if (stopping) {
            if (refuseWhenClosed) {
                throw new IllegalStateException("the journal at " + database.file() + " is closed");
            }
            return;
        }
        objects.add(change);
        // stop() may have come between the check and the add, and the writer thread's last
        // transaction may be over: if the change is still queued, nobody will commit it.
        if (stopping && objects.remove(change)) {
            if (refuseWhenClosed) {
                throw new IllegalStateException("the journal at " + database.file() + " is closed");
            }
            return;
        }
        if (objectsSignalled.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Waits for the commit without giving up on interrupt: a caller that stopped waiting could
     * not tell whether its events were written, and a commit is bounded by the disk and SQLite's
     * busy timeout.
     */
    private static long await(CompletableFuture<Long> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            // Rethrown as a new exception so that the trace shows the caller, not only the writer.
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw switch (cause) {
                case SynodException.InvalidInput x -> new SynodException.InvalidInput(x.getMessage(), x);
                case SynodException.Retriable x -> new SynodException.Retriable(x.getMessage(), x);
                case SynodException.Corrupted x -> new SynodException.Corrupted(x.getMessage(), x);
                case RuntimeException x -> x;
                default -> e;
            };
        }
    }

    /** The writer thread: commits what callers queued and did not commit themselves, and lingering objects. */
    private void run() {
        while (true) {
            boolean stop = stopping;
            if (!requests.isEmpty()) {
                commitQueued();
                continue;
            }
            if (stop) {
                break;
            }
            ObjectChange oldest = objects.peek();
            if (oldest != null) {
                long wait = oldest.queuedAt() + objectLinger - System.nanoTime();
                if (wait <= 0) {
                    commitQueued();
                } else {
                    // Most objects come just before the append that names them and leave with it.
                    LockSupport.parkNanos(this, wait);
                }
                continue;
            }
            objectsSignalled.set(false);
            // Whoever queues after the flag is cleared (or after the checks) unparks this thread.
            if (requests.isEmpty() && objects.isEmpty() && !stopping) {
                LockSupport.park(this);
            }
        }
        finish();
    }

    private void commitQueued() {
        commitLock.lock();
        try {
            do {
                if (closed) {
                    return;
                }
                commitNext();
            } while (!requests.isEmpty());
        } finally {
            release();
        }
    }

    /** The last transactions, once no request can be accepted any more, and the close. */
    private void finish() {
        commitLock.lock();
        try {
            do {
                commitNext();
            } while (!requests.isEmpty());
            closed = true;
            try {
                writes.close();
            } catch (RuntimeException e) {
                closeFailure.set(e);
            }
        } finally {
            commitLock.unlock();
        }
    }
}
