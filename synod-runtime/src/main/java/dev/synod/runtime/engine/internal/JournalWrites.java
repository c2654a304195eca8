package dev.synod.runtime.engine.internal;

import dev.synod.core.RunInfo;
import dev.synod.core.SynodException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The journal's write connection and what one transaction applies to it: a batch of requests,
 * then every object change queued by the time the batch was taken, committed once, so they share
 * one fsync. Sequence numbers are assigned here, inside the transaction, so they are contiguous
 * however requests interleave.
 *
 * <p>A request with bad input (an unknown run, a run created twice) fails alone; it is checked
 * before it writes anything. A failure of the database itself (a full disk, an I/O error) rolls
 * the whole transaction back and fails every request of the batch with the same error: none of
 * them was written and none took a seq. The object changes of a transaction that rolled back are
 * kept and go first into the next one, so they are never lost.
 *
 * <p>Each run's last seq is remembered across transactions: this is the only writer of the
 * journal, and the run directory's lock keeps other processes out, so the memory is right. If
 * it ever is not (an insert hits the primary key), the transaction is rolled back, the memory
 * forgotten, and the batch done again with every seq read from the database.
 *
 * <p>Not thread-safe: one thread at a time uses it, whichever holds {@link JournalWriter}'s
 * commit lock.
 */
final class JournalWrites {
    /** Runs whose last seq is remembered; a run beyond them is read from the database again. */
    private static final int REMEMBERED_RUNS = 10_000;

    private final JournalDatabase database;
    /** Each run's last committed seq, least recently used first. */
    private final Map<String, Long> lastSeqs = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_RUNS;
        }
    };
    /** Object changes taken from the queue and not committed yet, in the order they were queued. */
    private final List<ObjectChange> pendingObjects = new ArrayList<>();
    /** Why the last transaction that carried object changes failed; null once one committed. */
    private SynodException objectFailure;
    private Connection initial;
    /** Null after a failure left the connection in doubt: the next transaction opens a new one. */
    private Statements statements;

    /** The writer's statements, prepared once per connection. */
    private record Statements(Connection connection, PreparedStatement begin, PreparedStatement commit,
                              PreparedStatement rollback, PreparedStatement insertRun, PreparedStatement insertEvent,
                              PreparedStatement lastSeq, PreparedStatement insertObject,
                              PreparedStatement deleteObject) {
        static Statements prepare(Connection connection) throws SQLException {
            return new Statements(connection,
                    connection.prepareStatement("BEGIN IMMEDIATE"),
                    connection.prepareStatement("COMMIT"),
                    connection.prepareStatement("ROLLBACK"),
                    connection.prepareStatement(
                            "INSERT INTO runs (id, team, directory, created_at) VALUES (?, ?, ?, ?)"),
                    connection.prepareStatement(
                            "INSERT INTO events (run, seq, type, body, crc) VALUES (?, ?, ?, ?, ?)"),
                    connection.prepareStatement("SELECT (SELECT count(*) FROM runs WHERE id = ?1), "
                            + "(SELECT coalesce(max(seq), 0) FROM events WHERE run = ?1)"),
                    connection.prepareStatement("INSERT OR IGNORE INTO objects (id, type, data) VALUES (?, ?, ?)"),
                    connection.prepareStatement("DELETE FROM objects WHERE id = ?"));
        }

        void close() {
            // Closing the connection releases its statements too.
            JournalDatabase.closeQuietly(connection);
        }
    }

    /** What a committed transaction did: each request's result or refusal, and each run's last seq. */
    private record Outcome(long[] results, SynodException[] refused, Map<String, Long> lastSeqs) {
    }

    /** An insert hit the primary key of events: the remembered seq of a run was stale. */
    private static final class StaleSeq extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StaleSeq(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Writes through {@code connection}, which it owns from now on. */
    JournalWrites(JournalDatabase database, Connection connection) {
        this.database = database;
        this.initial = connection;
    }

    /**
     * Applies {@code batch}, taken from the request queue just before, and then every change
     * waiting in {@code objects}, in one transaction; completes each request's future.
     */
    void commit(List<WriteRequest> batch, Queue<ObjectChange> objects) {
        // The batch was taken first, so every object added before one of its appends was
        // requested is in the queue now: it commits with that append at the latest.
        for (ObjectChange change = objects.poll(); change != null; change = objects.poll()) {
            pendingObjects.add(change);
        }
        if (batch.isEmpty() && pendingObjects.isEmpty()) {
            return;
        }
        Outcome outcome;
        try {
            outcome = transactionRedoingStale(batch);
        } catch (SQLException e) {
            failed(batch, SqlErrors.onWrite(database.file(), e));
            return;
        } catch (RuntimeException | Error e) {
            failed(batch, e);
            return;
        }
        pendingObjects.clear();
        objectFailure = null;
        lastSeqs.putAll(outcome.lastSeqs());
        for (int i = 0; i < batch.size(); i++) {
            if (outcome.refused()[i] != null) {
                batch.get(i).done().completeExceptionally(outcome.refused()[i]);
            } else {
                batch.get(i).done().complete(outcome.results()[i]);
            }
        }
    }

    /** Whether object changes wait for a transaction because the last one that carried them failed. */
    boolean hasPendingObjects() {
        return !pendingObjects.isEmpty();
    }

    /**
     * Closes the connection.
     *
     * @throws SynodException.Retriable when object changes could not be committed, with why
     */
    void close() {
        if (statements != null) {
            statements.close();
            statements = null;
        }
        if (initial != null) {
            JournalDatabase.closeQuietly(initial);
            initial = null;
        }
        if (!pendingObjects.isEmpty()) {
            int lost = pendingObjects.size();
            pendingObjects.clear();
            throw new SynodException.Retriable("closed the journal at " + database.file() + " with " + lost
                    + " git object changes that could not be committed"
                    + (objectFailure == null ? "" : ": " + objectFailure.getMessage()), objectFailure);
        }
    }

    private Outcome transactionRedoingStale(List<WriteRequest> batch) throws SQLException {
        try {
            return transaction(batch);
        } catch (StaleSeq e) {
            // Someone else appended since a seq was remembered: read every seq afresh and redo.
            // The memory is empty now, so a second clash is a real error, reported as one.
            lastSeqs.clear();
            return transaction(batch);
        }
    }

    private Outcome transaction(List<WriteRequest> batch) throws SQLException {
        Statements st = statements();
        long[] results = new long[batch.size()];
        SynodException[] refused = new SynodException[batch.size()];
        Map<String, Long> seqs = new HashMap<>();
        st.begin().execute();
        try {
            applyObjects(st);
            for (int i = 0; i < batch.size(); i++) {
                try {
                    results[i] = apply(st, batch.get(i), seqs);
                } catch (SynodException.InvalidInput e) {
                    refused[i] = e;
                }
            }
            st.commit().execute();
        } catch (SQLException | RuntimeException | Error e) {
            rollback(st);
            throw e;
        }
        return new Outcome(results, refused, seqs);
    }

    private void applyObjects(Statements st) throws SQLException {
        for (ObjectChange change : pendingObjects) {
            switch (change) {
                case ObjectChange.Add add -> {
                    PreparedStatement insert = st.insertObject();
                    insert.setString(1, add.entry().id());
                    insert.setInt(2, add.entry().type());
                    insert.setBytes(3, add.entry().data());
                    insert.executeUpdate();
                }
                case ObjectChange.Forget forget -> {
                    PreparedStatement delete = st.deleteObject();
                    delete.setString(1, forget.id());
                    delete.executeUpdate();
                }
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

    private long apply(Statements st, WriteRequest request, Map<String, Long> seqs) throws SQLException {
        return switch (request) {
            case WriteRequest.Create c -> create(st, c.run(), seqs);
            case WriteRequest.Append a -> append(st, a.run(), a.events(), seqs);
        };
    }

    private long create(Statements st, RunInfo run, Map<String, Long> seqs) throws SQLException {
        if (lastSeq(st, run.id(), seqs) >= 0) {
            throw new SynodException.InvalidInput("run " + run.id() + " already exists in the journal at "
                    + database.file());
        }
        PreparedStatement insert = st.insertRun();
        insert.setString(1, run.id());
        insert.setString(2, run.team());
        insert.setString(3, run.directory());
        insert.setString(4, run.createdAt().toString());
        insert.executeUpdate();
        seqs.put(run.id(), 0L);
        return 0;
    }

    private long append(Statements st, String run, List<StoredEvent> events, Map<String, Long> seqs)
            throws SQLException {
        long seq = lastSeq(st, run, seqs);
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
            try {
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!lastSeqs.isEmpty() && e instanceof SQLiteException sqlite
                        && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                    throw new StaleSeq(e);
                }
                throw e;
            }
        }
        seqs.put(run, seq);
        return seq;
    }

    /**
     * The run's last seq in this transaction so far, 0 for none, -1 when there is no such run:
     * from this transaction, else from memory, else from the database.
     */
    private long lastSeq(Statements st, String run, Map<String, Long> seqs) throws SQLException {
        Long known = seqs.get(run);
        if (known == null) {
            known = lastSeqs.get(run);
        }
        if (known != null) {
            return known;
        }
        PreparedStatement query = st.lastSeq();
        query.setString(1, run);
        try (ResultSet row = query.executeQuery()) {
            row.next();
            long seq = row.getLong(1) == 0 ? -1 : row.getLong(2);
            if (seq >= 0) {
                seqs.put(run, seq);
            }
            return seq;
        }
    }

    private void rollback(Statements st) {
        try {
            st.rollback().execute();
        } catch (SQLException e) {
            // The connection cannot be trusted to be outside a transaction: start afresh.
            st.close();
            statements = null;
        }
    }

    private void failed(List<WriteRequest> batch, Throwable failure) {
        // A failed commit may leave doubt about what the database holds; read seqs afresh.
        lastSeqs.clear();
        if (!pendingObjects.isEmpty()) {
            objectFailure = failure instanceof SynodException e ? e
                    : new SynodException.Retriable("could not write the journal at " + database.file() + ": "
                    + failure, failure);
        }
        for (WriteRequest request : batch) {
            request.done().completeExceptionally(failure);
        }
    }
}
