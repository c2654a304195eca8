package dev.synod.runtime.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A small pool of read-only connections. In WAL mode readers do not block the writer or each
 * other, so every read borrows its own connection; a few idle ones are kept to spare the cost
 * of opening one per read.
 */
final class ReadConnections implements AutoCloseable {
    private static final int MAX_IDLE = 4;

    /** Work done with a connection that may throw SQLite's errors. */
    @FunctionalInterface
    interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private final JournalDatabase database;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_IDLE);
    private volatile boolean closed;

    ReadConnections(JournalDatabase database) {
        this.database = database;
    }

    /** Runs {@code query} on a borrowed connection; SQLite's errors are mapped to Synod's. */
    <T> T read(Query<T> query) {
        if (closed) {
            throw new IllegalStateException("the journal at " + database.file() + " is closed");
        }
        Connection connection = idle.poll();
        if (connection == null) {
            connection = database.openReader();
        }
        boolean reusable = false;
        try {
            T result = query.run(connection);
            reusable = true;
            return result;
        } catch (SQLException e) {
            throw SqlErrors.onRead(database.file(), e);
        } finally {
            giveBack(connection, reusable);
        }
    }

    private void giveBack(Connection connection, boolean reusable) {
        // A connection that failed is not reused: SQLite may have left it mid-transaction.
        if (!reusable || closed || !idle.offer(connection)) {
            JournalDatabase.closeQuietly(connection);
        } else if (closed && idle.remove(connection)) {
            // close() ran between the check and the offer; it must not miss this connection.
            JournalDatabase.closeQuietly(connection);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            JournalDatabase.closeQuietly(connection);
        }
    }
}
