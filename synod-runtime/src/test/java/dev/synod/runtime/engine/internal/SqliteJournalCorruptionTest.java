package dev.synod.runtime.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Event;
import dev.synod.core.Journals;
import dev.synod.core.RunInfo;
import dev.synod.core.SynodException;
import dev.synod.testkit.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What SqliteJournal does with files it cannot trust: it refuses them, clearly, and changes nothing. */
class SqliteJournalCorruptionTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve(".synod/synod.db");
    }

    /** A closed journal holding run "r" with {@code count} tagged events. */
    private Path journalWith(int count) {
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.create(new RunInfo("r", "shop", dir.toString(), SampleEvents.at(0)));
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(SampleEvents.tagged("src", i));
            }
            journal.append("r", events);
        }
        return db();
    }

    private static void sql(Path db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String query(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static void readRun(Path db) {
        try (SqliteJournal journal = SqliteJournal.open(db)) {
            journal.read("r");
        }
    }

    @Test
    void rejects_a_tampered_event_body() throws SQLException {
        Path db = journalWith(3);
        sql(db, "UPDATE events SET body = replace(body, '\"elapsedMillis\":1', '\"elapsedMillis\":7') WHERE seq = 2");

        assertThatThrownBy(() -> readRun(db))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining(db.toAbsolutePath().toString())
                .hasMessageContaining("run r, seq 2")
                .hasMessageContaining("CRC32");
    }

    @Test
    void rejects_a_missing_event() throws SQLException {
        Path db = journalWith(3);
        sql(db, "DELETE FROM events WHERE seq = 2");

        assertThatThrownBy(() -> readRun(db))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining("run r")
                .hasMessageContaining("expected event seq 2 next, found seq 3");
    }

    @Test
    void rejects_a_body_that_is_not_an_event_even_with_a_matching_crc() throws SQLException {
        Path db = journalWith(2);
        String body = "{\"type\":\"no-such-event\"}";
        sql(db, "UPDATE events SET body = '" + body + "', crc = " + crc(body) + " WHERE seq = 2");

        assertThatThrownBy(() -> readRun(db))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining("run r, seq 2")
                .hasMessageContaining("expected a journal event");
    }

    @Test
    void rejects_a_body_of_another_type_than_its_row_says() throws SQLException {
        Path db = journalWith(2);
        String body = Journals.toJson(new Event.DeadlinePassed(SampleEvents.at(1)));
        sql(db, "UPDATE events SET body = '" + body + "', crc = " + crc(body) + " WHERE seq = 1");

        assertThatThrownBy(() -> readRun(db))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining("run r, seq 1")
                .hasMessageContaining("expected an event of the stored type late-answer, found a body of type "
                        + "deadline-passed");
    }

    @Test
    void rejects_a_text_file_and_leaves_it_as_it_was() throws IOException {
        Files.createDirectories(db().getParent());
        Files.writeString(db(), "these are my notes, not a database\n");

        assertThatThrownBy(() -> SqliteJournal.open(db()))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining(db().toString())
                .hasMessageContaining("not a SQLite database")
                .hasMessageContaining("found \"these are my not\"");
        assertThat(Files.readString(db())).isEqualTo("these are my notes, not a database\n");
    }

    @Test
    void rejects_an_empty_file_instead_of_starting_a_new_journal_in_it() throws IOException {
        Files.createDirectories(db().getParent());
        Files.write(db(), new byte[0]);

        assertThatThrownBy(() -> SqliteJournal.open(db()))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining(db().toAbsolutePath() + " is empty (0 bytes)");
        assertThatThrownBy(() -> SqliteJournal.openExisting(db()))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining(db().toAbsolutePath() + " is empty (0 bytes)");
        assertThat(db()).isEmptyFile();
        assertThat(db().resolveSibling("synod.db-wal")).doesNotExist();
    }

    @Test
    void opening_an_existing_journal_never_creates_one() {
        assertThatThrownBy(() -> SqliteJournal.openExisting(db()))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("expected a journal at " + db().toAbsolutePath() + ", found none");
        assertThat(db().getParent()).doesNotExist();
    }

    @Test
    void rejects_a_truncated_database() throws IOException {
        Path db = journalWith(300);
        assertThat(db.resolveSibling("synod.db-wal")).as("closing checkpoints the WAL away").doesNotExist();
        byte[] bytes = Files.readAllBytes(db);
        Files.write(db, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> SqliteJournal.open(db))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining(db.toAbsolutePath().toString())
                .hasMessageContaining("is damaged");
    }

    @Test
    void rejects_a_database_of_another_program() throws SQLException {
        Path other = dir.resolve("other.db");
        sql(other, "CREATE TABLE notes (text TEXT)");

        assertThatThrownBy(() -> SqliteJournal.open(other))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining(other.toString())
                .hasMessageContaining("not a Synod journal")
                .hasMessageContaining("[notes]");
    }

    @Test
    void rejects_a_journal_of_a_newer_schema() throws SQLException {
        Path db = journalWith(1);
        sql(db, "PRAGMA user_version = 3");

        assertThatThrownBy(() -> SqliteJournal.open(db))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining(db.toAbsolutePath().toString())
                .hasMessageContaining("schema version 3")
                .hasMessageContaining("expected version 2 (it was written by a newer Synod)");
    }

    @Test
    void rejects_a_journal_whose_tables_are_not_the_schema() throws SQLException {
        Path db = dir.resolve("odd.db");
        sql(db, "CREATE TABLE runs (id TEXT PRIMARY KEY, team TEXT, directory TEXT, created_at TEXT)",
                "CREATE TABLE events (run TEXT, seq INTEGER, body TEXT)",
                "PRAGMA user_version = 1");

        assertThatThrownBy(() -> SqliteJournal.open(db))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining("table events has the columns [run, seq, body], expected [run, seq, type, body, "
                        + "crc]");
    }

    @Test
    void leaves_the_database_in_wal_mode_at_the_current_schema_version() throws SQLException {
        Path db = journalWith(1);

        assertThat(query(db, "PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(query(db, "PRAGMA user_version")).isEqualTo("2");
    }
}
