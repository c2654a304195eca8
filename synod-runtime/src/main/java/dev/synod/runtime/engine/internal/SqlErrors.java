package dev.synod.runtime.engine.internal;

import dev.synod.core.SynodException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/**
 * Maps SQLite's errors to what the caller should do: a damaged database is {@link
 * SynodException.Corrupted}; anything else (a full disk, an I/O error, a lock held too long) may
 * pass, so it is {@link SynodException.Retriable}. Every message names the database file.
 */
final class SqlErrors {
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private SqlErrors() {
    }

    static SynodException onWrite(Path file, SQLException e) {
        return map(file, "could not write the journal at " + file, e);
    }

    static SynodException onRead(Path file, SQLException e) {
        return map(file, "could not read the journal at " + file, e);
    }

    static SynodException onOpen(Path file, SQLException e) {
        return map(file, "could not open the journal at " + file, e);
    }

    private static SynodException map(Path file, String doing, SQLException e) {
        if (damaged(e)) {
            return new SynodException.Corrupted("the journal at " + file + " is damaged: " + e.getMessage(), e);
        }
        return new SynodException.Retriable(doing + ": " + e.getMessage(), e);
    }

    /** Whether SQLite found the file's content invalid, rather than failing to reach it. */
    static boolean damaged(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            int primary = sqlite.getResultCode().code & 0xff;
            return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
        }
        return false;
    }
}
