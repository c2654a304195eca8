package dev.synod.runtime.engine.internal;

import dev.synod.core.Event;
import dev.synod.core.Journal;
import dev.synod.core.RunInfo;
import dev.synod.core.SynodException;
import dev.synod.runtime.internal.Directories;
import dev.synod.runtime.workspace.ObjectLog;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The embedded engine's {@link Journal}: a SQLite database in WAL mode with
 * {@code synchronous=FULL}, so an append that returned survives a crash of the process or the
 * machine. One transaction at a time writes, and it takes every append waiting at that moment
 * (group commit), so concurrent appends share one fsync; see {@link JournalWriter} for which
 * thread runs it. Reads use their own connections and see a consistent snapshot. Reading
 * verifies every event (contiguous seq from 1, CRC32 of the body, a body that parses) and
 * reports any mismatch as {@link SynodException.Corrupted}; nothing is ever repaired or
 * rewritten.
 *
 * <p>The same database keeps the run's new git objects until they are flushed into the
 * repository ({@link #objectLog()}): they are committed in the same transaction as the events
 * appended after them, so an event never names a commit whose objects a crash lost.
 *
 * <p>The file holds three tables, {@code runs(id, team, directory, created_at)},
 * {@code events(run, seq, type, body, crc)} and {@code objects(id, type, data)}, at schema
 * version {@value JournalDatabase#SCHEMA_VERSION} ({@code PRAGMA user_version}). A journal of
 * version 1, which had no {@code objects}, is migrated in place when it is opened; a Synod that
 * knows only version 1 then refuses it.
 */
public final class SqliteJournal implements Journal {
    /** How many requests one transaction takes at most: in effect, all that are waiting. */
    static final int UNBOUNDED_BATCH = Integer.MAX_VALUE;

    private final JournalDatabase database;
    private final JournalWriter writer;
    private final ReadConnections readers;
    private final JournalObjectLog objectLog;

    private SqliteJournal(JournalDatabase database, int maxBatch, Duration objectLinger) {
        this.database = database;
        Connection connection = database.openWriter();
        try {
            database.prepareSchema(connection);
        } catch (RuntimeException e) {
            JournalDatabase.closeQuietly(connection);
            throw e;
        }
        this.writer = new JournalWriter(database, connection, maxBatch, objectLinger);
        this.readers = new ReadConnections(database);
        this.objectLog = new JournalObjectLog(writer, readers, database.file());
    }

    /**
     * Opens the journal in {@code dbFile}, creating the file, its parent directories and the
     * schema when they do not exist yet (for a new run). A new journal is created whole: under a
     * name of its own, schema and all, then linked into place, so that no crash leaves an empty
     * or half-made {@code dbFile} behind, and an empty one can be refused as damaged.
     *
     * @throws SynodException.Corrupted when the file is not a SQLite database, is empty or damaged,
     *     or its tables are not a journal's
     * @throws SynodException.InvalidInput when it is another program's database, a journal of a
     *     newer schema, or SQLite cannot give it WAL mode with {@code synchronous=FULL}
     */
    public static SqliteJournal open(Path dbFile) {
        Path absolute = dbFile.toAbsolutePath().normalize();
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            createWhole(absolute);
        }
        return new SqliteJournal(JournalDatabase.at(absolute, 0), UNBOUNDED_BATCH, JournalWriter.OBJECT_LINGER);
    }

    /**
     * Opens the journal in {@code dbFile}, which must exist: for inspecting or continuing stored
     * runs. Nothing is created or repaired (SQLite adds only its {@code -wal} and {@code -shm}
     * files beside it while it is open); a journal of the first schema is migrated to the current
     * one, as {@link #open} does, by adding the table of staged git objects.
     *
     * @throws SynodException.Corrupted when the file is not a SQLite database, is empty or damaged,
     *     or its tables are not a journal's
     * @throws SynodException.InvalidInput when there is no such file, it is another program's
     *     database, or a journal of a newer schema
     */
    public static SqliteJournal openExisting(Path dbFile) {
        return new SqliteJournal(JournalDatabase.existing(dbFile), UNBOUNDED_BATCH, JournalWriter.OBJECT_LINGER);
    }

    /**
     * Creates a journal with its schema at a name of this process's, closes it (which checkpoints
     * its WAL into the file) and links it to {@code file}. Linking fails when {@code file} exists,
     * so a journal another process created meanwhile is kept, never replaced.
     */
    private static void createWhole(Path file) {
        Path dir = file.getParent();
        Path fresh = dir.resolve("." + file.getFileName() + "-" + ProcessHandle.current().pid() + ".new");
        try {
            Files.createDirectories(dir);
            deleteWithSidecars(fresh); // left by an earlier process that had this pid and crashed
            new SqliteJournal(JournalDatabase.at(fresh, 0), UNBOUNDED_BATCH, JournalWriter.OBJECT_LINGER).close();
            try {
                Files.createLink(file, fresh);
            } catch (FileAlreadyExistsException e) {
                return; // Another process created the journal first; it is whole for the same reason.
            } catch (UnsupportedOperationException e) {
                // A file system without hard links: a rename is as atomic, though it would replace
                // a journal created in the same instant by another process.
                Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
            }
            Directories.fsync(dir);
        } catch (IOException e) {
            throw new SynodException.InvalidInput("could not create the journal " + file + ": " + e, e);
        } finally {
            try {
                deleteWithSidecars(fresh);
            } catch (IOException e) {
                // The leftover has a name no journal is opened by; the next creation removes it.
            }
        }
    }

    private static void deleteWithSidecars(Path db) throws IOException {
        Files.deleteIfExists(db);
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-wal"));
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-shm"));
    }

    /**
     * Opens the journal with tuning for tests and measurements.
     *
     * @param maxPages a cap on the database's size in pages ({@code PRAGMA max_page_count}), so a
     *     test can fill it as a full disk would; 0 for none
     * @param maxBatch how many requests one transaction takes at most; 1 turns group commit off
     */
    static SqliteJournal open(Path dbFile, long maxPages, int maxBatch) {
        return open(dbFile, maxPages, maxBatch, JournalWriter.OBJECT_LINGER);
    }

    /**
     * Opens the journal with tuning for tests and measurements.
     *
     * @param objectLinger how long a git object waits for an append to carry it before the writer
     *     commits it on its own
     */
    static SqliteJournal open(Path dbFile, long maxPages, int maxBatch, Duration objectLinger) {
        return new SqliteJournal(JournalDatabase.at(dbFile, maxPages), maxBatch, objectLinger);
    }

    /**
     * Where the run's new git objects wait, durably, until they are flushed into the repository:
     * the table {@code objects} of this database. An object added there is committed in the same
     * transaction as the appends requested after it, or, when none comes within
     * {@link JournalWriter#OBJECT_LINGER}, on its own. The same log for every call.
     */
    public ObjectLog objectLog() {
        return objectLog;
    }

    /** The database file, absolute. */
    public Path file() {
        return database.file();
    }

    @Override
    public void create(RunInfo run) {
        if (run.id() == null || run.id().isBlank() || run.createdAt() == null) {
            throw new SynodException.InvalidInput("a run needs an id and a creation time, found " + run);
        }
        writer.create(run);
    }

    @Override
    public long append(String run, List<Event> events) {
        if (events.isEmpty()) {
            throw new SynodException.InvalidInput("expected at least one event to append to run " + run
                    + ", found none");
        }
        return writer.append(run, events.stream().map(StoredEvent::of).toList());
    }

    @Override
    public List<Event> read(String run) {
        return readers.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT e.seq, e.type, e.body, e.crc FROM runs r LEFT JOIN events e ON e.run = r.id "
                            + "WHERE r.id = ? ORDER BY e.seq")) {
                query.setString(1, run);
                return verifiedEvents(run, query);
            }
        });
    }

    private List<Event> verifiedEvents(String run, PreparedStatement query) throws SQLException {
        List<Event> events = new ArrayList<>();
        boolean known = false;
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                known = true;
                long seq = rows.getLong(1);
                if (rows.wasNull()) {
                    break; // The run exists and has no events yet.
                }
                StoredEvent stored = new StoredEvent(rows.getString(2), rows.getString(3), rows.getLong(4));
                events.add(stored.verify(database.file(), run, events.size() + 1L, seq));
            }
        }
        if (!known) {
            throw new SynodException.InvalidInput("no run " + run + " in the journal at " + database.file());
        }
        return List.copyOf(events);
    }

    @Override
    public List<RunInfo> runs() {
        List<RunInfo> runs = readers.read(connection -> {
            List<RunInfo> found = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, team, directory, created_at FROM runs ORDER BY rowid");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new RunInfo(rows.getString(1), rows.getString(2), rows.getString(3),
                            createdAt(rows.getString(1), rows.getString(4))));
                }
            }
            return found;
        });
        // Rows come in creation order; a stable sort keeps it among equally old runs.
        runs.sort(Comparator.comparing(RunInfo::createdAt));
        return List.copyOf(runs);
    }

    private Instant createdAt(String run, String stored) {
        try {
            return Instant.parse(stored);
        } catch (DateTimeParseException e) {
            throw new SynodException.Corrupted("the journal at " + database.file() + " is corrupted at run " + run
                    + ": expected an ISO-8601 instant in created_at, found \"" + stored + "\"", e);
        }
    }

    /**
     * Commits every append already accepted and every git object already added, then stops the
     * writer and closes every connection. Later calls fail with {@link IllegalStateException};
     * closing again does nothing.
     *
     * @throws SynodException.Retriable when git objects added to {@link #objectLog()} could not be
     *     committed (a full disk): they are not in the journal
     */
    @Override
    public void close() {
        // Readers first, so that the writer's connection is the last one and SQLite checkpoints
        // the WAL into the database file as it closes.
        readers.close();
        writer.stop();
    }

    @Override
    public String toString() {
        return "SqliteJournal[" + database.file() + "]";
    }
}
