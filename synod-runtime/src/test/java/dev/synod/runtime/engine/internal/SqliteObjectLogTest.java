package dev.synod.runtime.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Event;
import dev.synod.core.RunInfo;
import dev.synod.core.SynodException;
import dev.synod.runtime.workspace.ObjectLog;
import dev.synod.testkit.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The journal's {@link ObjectLog}: git objects durable in the same transaction as the events that follow them. */
class SqliteObjectLogTest {
    /** Long enough that in a test only an append commits an object, never the writer on its own. */
    private static final Duration NEVER = Duration.ofHours(1);
    private static final int OBJ_BLOB = 3;
    private static final int OBJ_TREE = 2;

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve(".synod/synod.db");
    }

    /** A blob object named by its content, as git names it. */
    static ObjectLog.Entry blob(String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII));
            sha1.update(data);
            return new ObjectLog.Entry(HexFormat.of().formatHex(sha1.digest()), OBJ_BLOB, data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** An entry as a comparable value: records compare arrays by identity. */
    private record Stored(String id, int type, String data) {
        static Stored of(ObjectLog.Entry e) {
            return new Stored(e.id(), e.type(), HexFormat.of().formatHex(e.data()));
        }
    }

    private static List<Stored> stored(List<ObjectLog.Entry> entries) {
        return entries.stream().map(Stored::of).toList();
    }

    private static List<Stored> stored(ObjectLog.Entry... entries) {
        return stored(List.of(entries));
    }

    private RunInfo run(String id) {
        return new RunInfo(id, "shop", dir.toString(), SampleEvents.at(0));
    }

    @Test
    void objects_survive_a_close_and_a_reopen_with_their_type_and_bytes() {
        ObjectLog.Entry a = blob("hello\n");
        ObjectLog.Entry binary = new ObjectLog.Entry(blob("x").id(), OBJ_TREE, new byte[] {0, (byte) 0xff, 10, 0});
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.objectLog().add(a);
            journal.objectLog().add(binary);
        }
        try (SqliteJournal reopened = SqliteJournal.open(db())) {
            assertThat(stored(reopened.objectLog().entries())).containsExactly(Stored.of(a), Stored.of(binary));
        }
    }

    @Test
    void an_object_added_before_an_append_is_committed_when_the_append_returns() {
        ObjectLog.Entry named = blob("the artifact");
        try (SqliteJournal journal = SqliteJournal.open(db(), 0, SqliteJournal.UNBOUNDED_BATCH, NEVER)) {
            journal.create(run("r"));
            journal.objectLog().add(named);

            journal.append("r", List.of(SampleEvents.tagged("dev", 0)));

            // Read on another connection: only what is committed is visible there.
            assertThat(stored(journal.objectLog().entries())).containsExactly(Stored.of(named));
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void an_object_no_append_carries_is_committed_on_its_own() {
        ObjectLog.Entry alone = blob("nobody appends after me");
        try (SqliteJournal journal = SqliteJournal.open(db(), 0, SqliteJournal.UNBOUNDED_BATCH, Duration.ZERO)) {
            journal.objectLog().add(alone);

            while (journal.objectLog().entries().isEmpty()) {
                Thread.onSpinWait();
            }
            assertThat(stored(journal.objectLog().entries())).containsExactly(Stored.of(alone));
        }
    }

    @Test
    @Timeout(60)
    void from_many_threads_every_object_is_committed_by_the_time_the_append_after_it_returns() throws Exception {
        int threads = 8;
        int appendsPerThread = 30;
        try (SqliteJournal journal = SqliteJournal.open(db(), 0, SqliteJournal.UNBOUNDED_BATCH, NEVER)) {
            journal.create(run("r"));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> missing = new ArrayList<>();
            // Platform threads run transactions themselves; virtual threads hand them to the writer.
            ThreadFactory platform = Thread.ofPlatform().factory();
            ThreadFactory virtual = Thread.ofVirtual().factory();
            try (ExecutorService platforms = Executors.newFixedThreadPool(threads / 2, platform);
                 ExecutorService virtuals = Executors.newThreadPerTaskExecutor(virtual)) {
                for (int t = 0; t < threads; t++) {
                    String source = "thread-" + t;
                    missing.add((t % 2 == 0 ? platforms : virtuals).submit(() -> {
                        start.await();
                        List<String> notThere = new ArrayList<>();
                        for (int i = 0; i < appendsPerThread; i++) {
                            ObjectLog.Entry object = blob(source + "/" + i);
                            journal.objectLog().add(object);
                            journal.append("r", List.of(SampleEvents.tagged(source, i)));
                            boolean there = journal.objectLog().entries().stream()
                                    .anyMatch(e -> e.id().equals(object.id()));
                            if (!there) {
                                notThere.add(object.id());
                            }
                        }
                        return notThere;
                    }));
                }
                start.countDown();
            }
            for (Future<List<String>> thread : missing) {
                assertThat(thread.get(10, TimeUnit.SECONDS)).as("objects not committed with the append after them")
                        .isEmpty();
            }
            assertThat(journal.objectLog().entries()).hasSize(threads * appendsPerThread);
            assertThat(journal.read("r")).hasSize(threads * appendsPerThread);
        }
    }

    @Test
    void forgotten_objects_are_dropped_with_a_later_commit_and_an_object_added_again_stays() {
        ObjectLog.Entry flushed = blob("flushed");
        ObjectLog.Entry kept = blob("kept");
        ObjectLog.Entry again = blob("forgotten, then added again");
        ObjectLog.Entry shortLived = blob("added and forgotten before any commit");
        try (SqliteJournal journal = SqliteJournal.open(db(), 0, SqliteJournal.UNBOUNDED_BATCH, NEVER)) {
            journal.create(run("r"));
            journal.objectLog().add(flushed);
            journal.objectLog().add(kept);
            journal.objectLog().add(again);
            journal.append("r", List.of(SampleEvents.tagged("dev", 0)));

            journal.objectLog().forget(List.of(flushed.id(), again.id()));
            journal.objectLog().add(again);
            journal.objectLog().add(shortLived);
            journal.objectLog().forget(List.of(shortLived.id()));
            assertThat(journal.objectLog().entries()).as("forget is not awaited: nothing dropped before a commit")
                    .hasSize(3);

            journal.append("r", List.of(SampleEvents.tagged("dev", 1)));
            assertThat(stored(journal.objectLog().entries())).containsExactly(Stored.of(kept), Stored.of(again));
        }
        try (SqliteJournal reopened = SqliteJournal.open(db())) {
            assertThat(stored(reopened.objectLog().entries())).containsExactly(Stored.of(kept), Stored.of(again));
        }
    }

    @Test
    void objects_of_a_transaction_that_rolled_back_go_into_the_next_one() {
        ObjectLog.Entry object = blob("must not be lost");
        Event small = SampleEvents.tagged("small", 0);
        try (SqliteJournal journal = SqliteJournal.open(db(), 16, SqliteJournal.UNBOUNDED_BATCH, NEVER)) {
            journal.create(run("r"));
            journal.objectLog().add(object);
            List<Event> tooMuch = Collections.nCopies(40, SampleEvents.sized(4096));

            assertThatThrownBy(() -> journal.append("r", tooMuch))
                    .isInstanceOf(SynodException.Retriable.class)
                    .hasMessageContaining("SQLITE_FULL");
            assertThat(journal.objectLog().entries()).as("rolled back with the append").isEmpty();

            journal.append("r", List.of(small));
            assertThat(stored(journal.objectLog().entries())).containsExactly(Stored.of(object));
        }
        try (SqliteJournal reopened = SqliteJournal.open(db())) {
            assertThat(stored(reopened.objectLog().entries())).containsExactly(Stored.of(object));
            assertThat(reopened.read("r")).containsExactly(small);
        }
    }

    @Test
    void closing_with_objects_that_cannot_be_committed_says_so() {
        ObjectLog.Entry tooBig = new ObjectLog.Entry(blob("big").id(), OBJ_BLOB, new byte[200_000]);
        SqliteJournal journal = SqliteJournal.open(db(), 16, SqliteJournal.UNBOUNDED_BATCH, NEVER);
        journal.create(run("r"));
        journal.objectLog().add(tooBig);

        assertThatThrownBy(() -> journal.append("r", List.of(SampleEvents.tagged("dev", 0))))
                .as("an append cannot commit before the objects added ahead of it")
                .hasMessageContaining("SQLITE_FULL");
        assertThatThrownBy(journal::close)
                .isInstanceOf(SynodException.Retriable.class)
                .hasMessageContaining("1 git object changes that could not be committed")
                .hasMessageContaining("SQLITE_FULL");
    }

    @Test
    void adding_after_close_is_refused_and_forgetting_does_nothing() {
        SqliteJournal journal = SqliteJournal.open(db());
        ObjectLog log = journal.objectLog();
        journal.close();

        assertThatThrownBy(() -> log.add(blob("late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        log.forget(List.of(blob("late").id()));
    }

    @Test
    void rejects_an_object_without_data() {
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            assertThatThrownBy(() -> journal.objectLog().add(new ObjectLog.Entry(blob("x").id(), OBJ_BLOB, null)))
                    .isInstanceOf(SynodException.InvalidInput.class)
                    .hasMessageContaining("expected a git object with an id and data");
        }
    }

    @Test
    void a_version_1_journal_is_migrated_in_place_and_keeps_its_events() throws SQLException, IOException {
        Event first = SampleEvents.tagged("old", 0);
        Event second = SampleEvents.tagged("old", 1);
        StoredEvent a = StoredEvent.of(first);
        StoredEvent b = StoredEvent.of(second);
        Files.createDirectories(db().getParent());
        sql("""
                CREATE TABLE runs (
                    id TEXT NOT NULL PRIMARY KEY,
                    team TEXT NOT NULL,
                    directory TEXT NOT NULL,
                    created_at TEXT NOT NULL
                )""", """
                CREATE TABLE events (
                    run TEXT NOT NULL REFERENCES runs(id),
                    seq INTEGER NOT NULL CHECK (seq >= 1),
                    type TEXT NOT NULL,
                    body TEXT NOT NULL,
                    crc INTEGER NOT NULL,
                    PRIMARY KEY (run, seq)
                ) WITHOUT ROWID""",
                "INSERT INTO runs VALUES ('old', 'shop', '/tmp', '" + SampleEvents.at(0) + "')",
                "INSERT INTO events VALUES ('old', 1, '" + a.type() + "', '" + a.body() + "', " + a.crc() + ")",
                "INSERT INTO events VALUES ('old', 2, '" + b.type() + "', '" + b.body() + "', " + b.crc() + ")",
                "PRAGMA user_version = 1");
        ObjectLog.Entry object = blob("after the migration");

        try (SqliteJournal journal = SqliteJournal.open(db())) {
            assertThat(journal.read("old")).containsExactly(first, second);
            journal.objectLog().add(object);
            assertThat(journal.append("old", List.of(SampleEvents.tagged("new", 0)))).isEqualTo(3);
        }

        assertThat(query("PRAGMA user_version")).isEqualTo("2");
        try (SqliteJournal reopened = SqliteJournal.open(db())) {
            assertThat(reopened.read("old")).hasSize(3).startsWith(first, second);
            assertThat(stored(reopened.objectLog().entries())).containsExactly(Stored.of(object));
        }
    }

    @Test
    void rejects_a_journal_whose_objects_table_is_not_the_schema() throws SQLException {
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.create(run("r"));
        }
        sql("DROP TABLE objects", "CREATE TABLE objects (id TEXT PRIMARY KEY, data BLOB)");

        assertThatThrownBy(() -> SqliteJournal.open(db()))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining("schema version 2 but its table objects has the columns [id, data], expected "
                        + "[id, type, data]");
    }

    @Test
    void an_append_after_another_writer_wrote_behind_the_journals_back_takes_the_next_free_seq() throws SQLException {
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            journal.create(run("r"));
            journal.append("r", List.of(SampleEvents.tagged("journal", 0)));
            // The run lock keeps other writers out; if one got in anyway, the remembered seq is stale.
            StoredEvent intruder = StoredEvent.of(SampleEvents.tagged("intruder", 0));
            sql("INSERT INTO events VALUES ('r', 2, '" + intruder.type() + "', '" + intruder.body() + "', "
                    + intruder.crc() + ")");

            long seq = journal.append("r", List.of(SampleEvents.tagged("journal", 1)));

            assertThat(seq).isEqualTo(3);
            assertThat(journal.read("r")).containsExactly(SampleEvents.tagged("journal", 0),
                    SampleEvents.tagged("intruder", 0), SampleEvents.tagged("journal", 1));
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
