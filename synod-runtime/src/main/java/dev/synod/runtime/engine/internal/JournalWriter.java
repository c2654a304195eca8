package dev.synod.runtime.engine.internal;

import dev.synod.core.RunInfo;
import dev.synod.core.SynodException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one thread that writes the journal. Callers enqueue a request and wait for its future;
 * the thread takes every request queued at that moment, applies them all in one transaction
 * and commits once (group commit), so many concurrent appends share one fsync. Sequence numbers
 * are assigned here, inside the transaction, from what the database holds, so they are
 * contiguous however requests interleave.
 *
 * <p>A request with bad input (an unknown run, a run created twice) fails alone; it is checked
 * before it writes anything. A failure of the database itself (a full disk, an I/O error) rolls
 * the whole transaction back and fails every request of the batch with the same error: none of
 * them was written and none took a seq.
 */
final class JournalWriter {
    private final JournalDatabase database;
    private final int maxBatch;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Object lifecycle = new Object();
    private boolean stopping;
    // Owned by the writer thread; null after a failure left the connection in doubt.
    private Statements statements;
    private Connection initial;

    /** What callers ask of the writer; each carries the future its caller waits on. */
    private sealed interface Request {
        CompletableFuture<Long> done();

        record Create(RunInfo run, CompletableFuture<Long> done) implements Request {
        }

        record Append(String run, List<StoredEvent> events, CompletableFuture<Long> done) implements Request {
        }

        /** Queued last by {@link #stop()}; nobody waits on it. */
        record Stop(CompletableFuture<Long> done) implements Request {
        }
    }

    /** The writer's statements, prepared once per connection. */
    private record Statements(Connection connection, PreparedStatement insertRun, PreparedStatement insertEvent,
                              PreparedStatement lastSeq) {
        static Statements prepare(Connection connection) throws SQLException {
            return new Statements(connection,
                    connection.prepareStatement("INSERT INTO runs (id, team, directory, created_at) VALUES (?, ?, ?, ?)"),
                    connection.prepareStatement("INSERT INTO events (run, seq, type, body, crc) VALUES (?, ?, ?, ?, ?)"),
                    connection.prepareStatement("SELECT (SELECT count(*) FROM runs WHERE id = ?1), "
                            + "(SELECT coalesce(max(seq), 0) FROM events WHERE run = ?1)"));
        }

        void close() {
            // Closing the connection releases its statements too.
            JournalDatabase.closeQuietly(connection);
        }
    }

    /** Starts the writer on {@code connection}, which it owns from now on. */
    JournalWriter(JournalDatabase database, Connection connection, int maxBatch) {
        this.database = database;
        this.initial = connection;
        this.maxBatch = maxBatch;
        this.thread = Thread.ofPlatform().daemon().name("synod-journal-writer " + database.file()).unstarted(this::run);
        thread.start();
    }

    /** Registers a run, durably. */
    void create(RunInfo run) {
        await(submit(new Request.Create(run, new CompletableFuture<>())));
    }

    /** Appends events to a run, durably, and returns the seq of the last one. */
    long append(String run, List<StoredEvent> events) {
        return await(submit(new Request.Append(run, events, new CompletableFuture<>())));
    }

    /** Commits every request already queued, then stops the thread and closes its connection. */
    void stop() {
        synchronized (lifecycle) {
            if (!stopping) {
                stopping = true;
                queue.add(new Request.Stop(new CompletableFuture<>()));
            }
        }
        // Every caller waits, so that close() returns only once the appends are committed.
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
    }

    private CompletableFuture<Long> submit(Request request) {
        synchronized (lifecycle) {
            if (stopping) {
                throw new IllegalStateException("the journal at " + database.file() + " is closed");
            }
            queue.add(request);
        }
        return request.done();
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

    private void run() {
        List<Request> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            batch.clear();
            batch.add(takeUninterruptibly());
            queue.drainTo(batch, maxBatch - 1);
            // Stop is queued last, after every request it must let through.
            stop = batch.getLast() instanceof Request.Stop;
            if (stop) {
                batch.removeLast();
            }
            if (!batch.isEmpty()) {
                commit(batch);
            }
        }
        if (statements != null) {
            statements.close();
        }
        if (initial != null) {
            JournalDatabase.closeQuietly(initial);
        }
    }

    private Request takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Nobody but stop() ends this thread; it must finish what it accepted.
            }
        }
    }

    /** Applies a batch in one transaction; a request's own bad input fails only that request. */
    private void commit(List<Request> batch) {
        long[] results = new long[batch.size()];
        SynodException[] refused = new SynodException[batch.size()];
        try {
            Statements st = statements();
            try (Statement s = st.connection().createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    Map<String, Long> lastSeq = new HashMap<>();
                    for (int i = 0; i < batch.size(); i++) {
                        try {
                            results[i] = apply(st, batch.get(i), lastSeq);
                        } catch (SynodException.InvalidInput e) {
                            refused[i] = e;
                        }
                    }
                    s.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    rollback(s);
                    throw e;
                }
            }
        } catch (SQLException e) {
            failAll(batch, SqlErrors.onWrite(database.file(), e));
            return;
        } catch (RuntimeException | Error e) {
            failAll(batch, e);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (refused[i] != null) {
                batch.get(i).done().completeExceptionally(refused[i]);
            } else {
                batch.get(i).done().complete(results[i]);
            }
        }
    }

    private Statements statements() throws SQLException {
        if (statements == null) {
            Connection connection = initial != null ? initial : database.openWriter();
            initial = null;
            try {
                statements = Statements.prepare(connection);
            } catch (SQLException e) {
                JournalDatabase.closeQuietly(connection);
                throw e;
            }
        }
        return statements;
    }

    private long apply(Statements st, Request request, Map<String, Long> lastSeq) throws SQLException {
        return switch (request) {
            case Request.Create c -> create(st, c.run(), lastSeq);
            case Request.Append a -> append(st, a.run(), a.events(), lastSeq);
            case Request.Stop s -> throw new IllegalArgumentException("stop is not applied");
        };
    }

    private long create(Statements st, RunInfo run, Map<String, Long> lastSeq) throws SQLException {
        if (lastSeq(st, run.id(), lastSeq) >= 0) {
            throw new SynodException.InvalidInput("run " + run.id() + " already exists in the journal at "
                    + database.file());
        }
        PreparedStatement insert = st.insertRun();
        insert.setString(1, run.id());
        insert.setString(2, run.team());
        insert.setString(3, run.directory());
        insert.setString(4, run.createdAt().toString());
        insert.executeUpdate();
        lastSeq.put(run.id(), 0L);
        return 0;
    }

    private long append(Statements st, String run, List<StoredEvent> events, Map<String, Long> lastSeq)
            throws SQLException {
        long seq = lastSeq(st, run, lastSeq);
        if (seq < 0) {
            throw new SynodException.InvalidInput("no run " + run + " in the journal at " + database.file());
        }
        PreparedStatement insert = st.insertEvent();
        for (StoredEvent event : events) {
            insert.setString(1, run);
            insert.setLong(2, ++seq);
            insert.setString(3, event.type());
            insert.setString(4, event.body());
            insert.setLong(5, event.crc());
            insert.executeUpdate();
        }
        lastSeq.put(run, seq);
        return seq;
    }

    /** The run's last seq in this transaction so far, 0 for none, -1 when there is no such run. */
    private static long lastSeq(Statements st, String run, Map<String, Long> lastSeq) throws SQLException {
        Long known = lastSeq.get(run);
        if (known != null) {
            return known;
        }
        PreparedStatement query = st.lastSeq();
        query.setString(1, run);
        try (ResultSet row = query.executeQuery()) {
            row.next();
            long seq = row.getLong(1) == 0 ? -1 : row.getLong(2);
            if (seq >= 0) {
                lastSeq.put(run, seq);
            }
            return seq;
        }
    }

    private void rollback(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // The connection cannot be trusted to be outside a transaction: start afresh.
            statements.close();
            statements = null;
        }
    }

    private void failAll(List<Request> batch, Throwable failure) {
        for (Request request : batch) {
            request.done().completeExceptionally(failure);
        }
    }
}
