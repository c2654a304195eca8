package dev.synod.peers;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Workflow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

/**
 * DBOS Transact Java on a local PostgreSQL: one workflow of {@code steps} sequential steps, each
 * returning a 4 KB string that DBOS checkpoints in PostgreSQL before the workflow goes on. A
 * step's time is the interval between the starts of consecutive steps, as Synod's harness times
 * its steps. Prints one tab-separated {@code result} line with PostgreSQL's durability settings
 * read back from the server.
 *
 * <p>usage: {@code DbosPeer JDBC_URL USER [STEPS] [WARMUP_RUNS] [RUNS]}
 */
public final class DbosPeer {
    private static final String PAYLOAD = "x".repeat(4096 - 8);

    /** The workflow, behind the interface DBOS makes its proxy of. */
    public interface Steps {
        String run(int steps);
    }

    /** Runs each step through {@link DBOS#runStep}, which records the step's output before returning it. */
    public static final class StepsImpl implements Steps {
        private final DBOS dbos;
        long[] starts = new long[0];

        StepsImpl(DBOS dbos) {
            this.dbos = dbos;
        }

        @Workflow
        @Override
        public String run(int steps) {
            String last = "";
            for (int i = 0; i < steps; i++) {
                int n = i;
                last = dbos.runStep(() -> {
                    starts[n] = System.nanoTime();
                    // A different 4 KB value at every step, so that nothing can be deduplicated.
                    return String.format("%08d", n) + PAYLOAD;
                }, "step");
            }
            return last.substring(0, 8);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DbosPeer JDBC_URL USER [STEPS] [WARMUP_RUNS] [RUNS]");
            System.exit(2);
        }
        String url = args[0];
        String user = args[1];
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        String settings = settings(url, user);
        DBOSConfig config = DBOSConfig.defaults("synod-peer").withDatabaseUrl(url).withDbUser(user)
                .withDbPassword("").withAdminServer(false);
        long[] samples = new long[runs * (steps - 1)];
        int n = 0;
        try (DBOS dbos = new DBOS(config)) {
            StepsImpl impl = new StepsImpl(dbos);
            Steps proxy = dbos.registerProxy(Steps.class, impl);
            dbos.launch();
            for (int r = 0; r < warmup + runs; r++) {
                impl.starts = new long[steps];
                String last = proxy.run(steps);
                if (!last.equals(String.format("%08d", steps - 1))) {
                    throw new IllegalStateException("run " + r + " ended on step " + last + ", expected " + (steps - 1));
                }
                if (r >= warmup) {
                    for (int i = 1; i < steps; i++) {
                        samples[n++] = impl.starts[i] - impl.starts[i - 1];
                    }
                }
            }
        }
        Arrays.sort(samples);
        double mean = Arrays.stream(samples).average().orElseThrow();
        long p50 = samples[Math.max(0, (int) Math.ceil(0.5 * samples.length) - 1)];
        System.out.printf(Locale.ROOT, "result\tdbos\t%d\t%.1f\t%.1f\t%s; %d step outputs recorded%n", samples.length,
                mean / 1e3, p50 / 1e3, settings, stepRows(url, user));
    }

    /** PostgreSQL's settings that decide whether a committed step survives a crash of the machine. */
    private static String settings(String url, String user) throws SQLException {
        StringBuilder out = new StringBuilder("PostgreSQL");
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            try (ResultSet v = s.executeQuery("SHOW server_version")) {
                v.next();
                out.append(' ').append(v.getString(1).split(" ")[0]);
            }
            for (String setting : new String[] {"synchronous_commit", "fsync", "wal_sync_method", "full_page_writes"}) {
                try (ResultSet v = s.executeQuery("SHOW " + setting)) {
                    v.next();
                    out.append(' ').append(setting).append('=').append(v.getString(1));
                }
            }
        }
        return out.toString();
    }

    /** How many step outputs DBOS holds, read from its system tables: proof that the steps were recorded. */
    private static long stepRows(String url, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
             ResultSet v = s.executeQuery("SELECT count(*) FROM dbos.operation_outputs")) {
            v.next();
            return v.getLong(1);
        }
    }
}
