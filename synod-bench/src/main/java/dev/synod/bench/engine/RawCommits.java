package dev.synod.bench.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The floor under every durable step: one row with a payload inserted and committed on its own
 * (autocommit) through plain sqlite-jdbc, one connection, WAL mode, {@code synchronous=FULL} —
 * the settings of the journal, without the journal.
 */
final class RawCommits {
    private RawCommits() {
    }

    /** Inserts rows of {@code payload} into a new database {@code file}, one commit per row, on one thread. */
    static Measurement measure(Path file, String payload, Schedule schedule, java.util.Optional<Path> profile)
            throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file)) {
            try (Statement s = connection.createStatement()) {
                // SQLite ignores a mode it cannot apply instead of failing, so read both back.
                expect(s, "journal_mode", "wal");
                expect(s, "synchronous", "2");
                s.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rows (body) VALUES (?)")) {
                insert.setString(1, payload);
                insertFor(insert, schedule.warmup().toNanos(), null);
                List<Double> perSecond = new ArrayList<>();
                List<Samples> windows = new ArrayList<>();
                CpuProfile cpu = CpuProfile.start(profile);
                for (int i = 0; i < schedule.iterations(); i++) {
                    Samples samples = new Samples();
                    long elapsed = insertFor(insert, schedule.window().toNanos(), samples);
                    perSecond.add(samples.size() / (elapsed / 1e9));
                    windows.add(samples);
                }
                long cpuNanos = cpu.stop();
                long[] latencies = Samples.concat(windows);
                return new Measurement("raw", "seq", 1, perSecond, latencies, new long[0], latencies.length, cpuNanos);
            }
        }
    }

    private static void expect(Statement s, String pragma, String expected) throws SQLException {
        try (ResultSet row = s.executeQuery("PRAGMA " + pragma)) {
            String found = row.next() ? row.getString(1) : "";
            if (!expected.equalsIgnoreCase(found)) {
                throw new IllegalStateException("expected PRAGMA " + pragma + " = " + expected + ", found " + found);
            }
        }
    }

    /** Inserts rows for {@code nanos}, recording each commit's latency when {@code samples} is given. */
    private static long insertFor(PreparedStatement insert, long nanos, Samples samples) throws SQLException {
        long start = System.nanoTime();
        long end = start + nanos;
        long now = start;
        while (now < end) {
            insert.executeUpdate();
            long done = System.nanoTime();
            if (samples != null) {
                samples.add(done - now);
            }
            now = done;
        }
        return now - start;
    }
}
