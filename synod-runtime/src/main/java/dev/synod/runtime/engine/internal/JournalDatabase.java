package dev.synod.runtime.engine.internal;

import dev.synod.core.SynodException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The journal's SQLite file: how connections to it are opened and configured, and the schema it
 * must have. The writer's connection runs in WAL mode with {@code synchronous=FULL}, both read
 * back after they are set, because SQLite ignores a mode it cannot apply instead of failing.
 */
final class JournalDatabase {
    /** The schema this code writes and reads, kept in {@code PRAGMA user_version}. */
    static final int SCHEMA_VERSION = 2;
    /** The first schema, without the {@code objects} table; migrated to the current one on open. */
    static final int SCHEMA_VERSION_1 = 1;

    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> RUNS_COLUMNS = List.of("id", "team", "directory", "created_at");
    private static final List<String> EVENTS_COLUMNS = List.of("run", "seq", "type", "body", "crc");
    private static final List<String> OBJECTS_COLUMNS = List.of("id", "type", "data");
    /*
     * A rowid table, not WITHOUT ROWID: a row holds a whole git object, often several pages, and
     * SQLite keeps large rows better in a rowid table, whose B-tree leaves hold only the rowid's
     * record; the id's unique index stays small.
     */
    private static final String CREATE_OBJECTS = """
        CREATE TABLE objects (
            id TEXT NOT NULL PRIMARY KEY,
            type INTEGER NOT NULL,
            data BLOB NOT NULL
        )""";
    private static final String[] CREATE_SCHEMA = {
        """
        CREATE TABLE runs (
            id TEXT NOT NULL PRIMARY KEY,
            team TEXT NOT NULL,
            directory TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        """
        CREATE TABLE events (
            run TEXT NOT NULL REFERENCES runs(id),
            seq INTEGER NOT NULL CHECK (seq >= 1),
            type TEXT NOT NULL,
            body TEXT NOT NULL,
            crc INTEGER NOT NULL,
            PRIMARY KEY (run, seq)
        ) WITHOUT ROWID""",
        CREATE_OBJECTS,
        "PRAGMA user_version = " + SCHEMA_VERSION,
    };
    private static final String[] MIGRATE_FROM_1 = {
        CREATE_OBJECTS,
        "PRAGMA user_version = " + SCHEMA_VERSION,
    };

    private final Path file;
    private final long maxPages;

    private JournalDatabase(Path file, long maxPages) {
        this.file = file;
        this.maxPages = maxPages;
    }

    /**
     * The database at {@code file}, its parent directories created. A file that exists but is
     * not a SQLite database is refused before SQLite touches it.
     *
     * @param maxPages a cap on the database's pages ({@code PRAGMA max_page_count}), 0 for none
     */
    static JournalDatabase at(Path file, long maxPages) {
        return of(file, maxPages, false);
    }

    /**
     * The database at {@code file}, which must exist already: nothing is created, and a file
     * that is not a SQLite database, an empty one included, is refused before SQLite touches it.
     */
    static JournalDatabase existing(Path file) {
        return of(file, 0, true);
    }

    private static JournalDatabase of(Path file, long maxPages, boolean mustExist) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new SynodException.InvalidInput("expected the journal at " + absolute + " to be a file, found a "
                    + "directory");
        }
        if (Files.exists(absolute)) {
            checkHeader(absolute);
        } else if (mustExist) {
            throw new SynodException.InvalidInput("expected a journal at " + absolute + ", found none");
        } else {
            try {
                Files.createDirectories(absolute.getParent());
            } catch (IOException e) {
                throw new SynodException.InvalidInput("could not create the directory " + absolute.getParent()
                        + " for the journal: " + e, e);
            }
        }
        return new JournalDatabase(absolute, maxPages);
    }

    Path file() {
        return file;
    }

    /** Refuses an existing {@code file} that SQLite would take for a new database or could not read. */
    private static void checkHeader(Path file) {
        byte[] head;
        long walBytes;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER.length);
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            walBytes = Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            throw new SynodException.Retriable("could not read the journal at " + file + ": " + e, e);
        }
        /*
         * SQLite would turn an empty file into a new, empty journal and so forget every run the
         * file held. Synod never leaves one: it creates a journal whole under another name and
         * links it into place (SqliteJournal#open). An empty file is therefore a damaged journal,
         * unless its write-ahead log holds the pages SQLite has not copied into it yet.
         */
        if (head.length == 0 && walBytes == 0) {
            throw new SynodException.Corrupted("the journal " + file + " is empty (0 bytes): no run it held can be "
                    + "read; restore it from a backup, or delete it to start afresh", null);
        }
        if (head.length > 0 && !Arrays.equals(head, HEADER)) {
            String found = new String(head, StandardCharsets.ISO_8859_1).replaceAll("\\p{Cntrl}", "?");
            throw new SynodException.Corrupted("the journal at " + file + " is not a SQLite database: expected it "
                    + "to start with \"SQLite format 3\", found \"" + found + "\"", null);
        }
    }

    /** The writer's connection: WAL, {@code synchronous=FULL}, foreign keys on, verified; no generated keys. */
    Connection openWriter() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        // Nothing reads generated keys; with them on, the driver runs a "SELECT last_insert_rowid()",
        // prepared afresh, after every insert: a sixth of the journal's CPU per step at concurrency 64.
        config.setGetGeneratedKeys(false);
        Connection connection = connect(config);
        try {
            expectPragma(connection, "journal_mode", "wal", "SQLite could not use WAL mode here (is the file on a "
                    + "network file system?)");
            expectPragma(connection, "synchronous", "2", "synchronous=FULL (2) did not take effect");
            expectPragma(connection, "foreign_keys", "1", "foreign keys could not be enforced");
            if (maxPages > 0) {
                try (Statement s = connection.createStatement()) {
                    s.execute("PRAGMA max_page_count = " + maxPages);
                }
            }
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqlErrors.onOpen(file, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** A read-only connection; in WAL mode it reads a consistent snapshot while the writer writes. */
    Connection openReader() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setReadOnly(true);
        return connect(config);
    }

    private Connection connect(SQLiteConfig config) {
        try {
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw SqlErrors.onOpen(file, e);
        }
    }

    private void expectPragma(Connection connection, String pragma, String expected, String why)
            throws SQLException {
        String found = queryString(connection, "PRAGMA " + pragma);
        if (!expected.equalsIgnoreCase(found)) {
            throw new SynodException.InvalidInput("the journal at " + file + " needs PRAGMA " + pragma + " = "
                    + expected + ", found " + found + ": " + why);
        }
    }

    /**
     * Checks the file's pages and its schema, creating the schema in a new, empty database and
     * migrating a version-1 journal in place (it gains the {@code objects} table; its runs and
     * events are not touched), in one transaction.
     *
     * @throws SynodException.Corrupted when the file is damaged or its tables are not the journal's
     * @throws SynodException.InvalidInput when it is another program's database or a newer journal
     */
    void prepareSchema(Connection writer) {
        try (Statement s = writer.createStatement()) {
            String check = queryString(writer, "PRAGMA quick_check");
            if (!"ok".equals(check)) {
                throw new SynodException.Corrupted("the journal at " + file + " is damaged: SQLite's quick_check "
                        + "expected ok, found " + (check.length() > 500 ? check.substring(0, 500) + "…" : check),
                        null);
            }
            s.execute("BEGIN IMMEDIATE");
            try {
                int version = Integer.parseInt(queryString(writer, "PRAGMA user_version"));
                List<String> tables = strings(writer, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                        + "ORDER BY name");
                if (version == 0 && tables.isEmpty()) {
                    for (String statement : CREATE_SCHEMA) {
                        s.execute(statement);
                    }
                } else if (version == SCHEMA_VERSION_1) {
                    checkVersion1(writer, tables);
                    for (String statement : MIGRATE_FROM_1) {
                        s.execute(statement);
                    }
                } else {
                    checkSchema(writer, version, tables);
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.onOpen(file, e);
        }
    }

    private void checkSchema(Connection connection, int version, List<String> tables) throws SQLException {
        if (version == 0) {
            throw new SynodException.InvalidInput(file + " is a SQLite database but not a Synod journal: expected "
                    + "schema version " + SCHEMA_VERSION + ", found version 0 with tables " + tables);
        }
        if (version != SCHEMA_VERSION) {
            throw new SynodException.InvalidInput("the journal at " + file + " has schema version " + version
                    + ", which this Synod cannot read: expected version " + SCHEMA_VERSION
                    + (version > SCHEMA_VERSION ? " (it was written by a newer Synod)" : ""));
        }
        checkColumns(connection, version, "runs", RUNS_COLUMNS);
        checkColumns(connection, version, "events", EVENTS_COLUMNS);
        checkColumns(connection, version, "objects", OBJECTS_COLUMNS);
    }

    /** A version-1 journal about to be migrated: its tables must be version 1's, and no more. */
    private void checkVersion1(Connection connection, List<String> tables) throws SQLException {
        checkColumns(connection, SCHEMA_VERSION_1, "runs", RUNS_COLUMNS);
        checkColumns(connection, SCHEMA_VERSION_1, "events", EVENTS_COLUMNS);
        if (tables.contains("objects")) {
            throw new SynodException.Corrupted("the journal at " + file + " has schema version " + SCHEMA_VERSION_1
                    + " but already a table objects, which only version " + SCHEMA_VERSION + " has", null);
        }
    }

    private void checkColumns(Connection connection, int version, String table, List<String> expected)
            throws SQLException {
        List<String> found = strings(connection, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
        if (!found.equals(expected)) {
            throw new SynodException.Corrupted("the journal at " + file + " has schema version " + version
                    + " but its table " + table + " has the columns " + found + ", expected " + expected, null);
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        List<String> values = strings(connection, sql);
        return values.isEmpty() ? "" : String.join("; ", values);
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing is best effort once the connection is already being given up on.
        }
    }
}
