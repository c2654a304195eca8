package dev.synod.bench.gates;

import dev.synod.core.Clock;
import dev.synod.runtime.Runs;
import dev.synod.runtime.engine.Engine;
import dev.synod.temporal.LocalTeam;
import dev.synod.temporal.SynodTemporal;
import dev.synod.temporal.TaskQueues;
import dev.synod.temporal.TeamOutcome;
import dev.synod.temporal.TeamStart;
import dev.synod.temporal.TeamWorkflow;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * The overhead of one gated step on Temporal against the embedded engine (issue 14): the same
 * one-step team (a scripted agent writes a file, the {@code exists} gate checks it) run to its
 * release again and again on both, alternately, in one JVM. The Temporal side is Temporal's test
 * service in memory (no time skipping) with the team's workflow and activity workers in the same
 * JVM, so it counts the workflow and activity tasks, their gRPC round trips (in-process) and the
 * history, not a network; the embedded side counts the journal's commits (fsync'd). Before each run
 * a file of both directories changes, so that every run's tree is new and the gate really runs
 * (no verdict comes from the cache).
 *
 * <p>{@code java -cp synod-bench/target/benchmarks.jar dev.synod.bench.gates.GatedStepOnTemporal
 * [--runs N] [--warmup N]}
 */
public final class GatedStepOnTemporal {
    private GatedStepOnTemporal() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 30;
        int warmup = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: GatedStepOnTemporal [--runs N] [--warmup N]; found '" + args[i] + "'");
                    System.exit(2);
                }
            }
        }
        Path root = Files.createTempDirectory("synod-gated-step");
        Path embedded = team(root.resolve("embedded"));
        Path temporal = team(root.resolve("temporal"));
        long[] onEmbedded = new long[runs];
        long[] onTemporal = new long[runs];
        try (Runs journal = Runs.openOrCreate(embedded, Clock.SYSTEM, new Random(7));
             LocalTeam team = LocalTeam.open(temporal, Clock.SYSTEM, warning -> { });
             TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                     .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                             .setDataConverter(SynodTemporal.dataConverter()).build())
                     .setUseTimeskipping(false).build())) {
            SynodTemporal.serveWorkflow(env.getWorkerFactory(), team.team());
            SynodTemporal.serveActivities(env.getWorkerFactory(), team.team(), team.roles(), true, team.activities());
            env.start();
            for (int i = -warmup; i < runs; i++) {
                // Alternate which engine goes first, so that a drift of the machine hits both alike.
                boolean embeddedFirst = (i & 1) == 0;
                long a = 0;
                long b = 0;
                if (embeddedFirst) {
                    a = embedded(journal, embedded, i);
                }
                b = temporal(env, team, temporal, i);
                if (!embeddedFirst) {
                    a = embedded(journal, embedded, i);
                }
                if (i >= 0) {
                    onEmbedded[i] = a;
                    onTemporal[i] = b;
                }
            }
        }
        Spread e = Spread.ofNanos(onEmbedded);
        Spread t = Spread.ofNanos(onTemporal);
        System.out.printf(Locale.ROOT, "one gated step to its release, %d runs each after %d warm-up, %d cores%n", runs, warmup,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-26s %9s %9s %9s%n", "engine", "p50 ms", "p10 ms", "p90 ms");
        System.out.printf(Locale.ROOT, "%-26s %9.1f %9.1f %9.1f%n", "embedded (SQLite journal)", e.p50(), e.p10(), e.p90());
        System.out.printf(Locale.ROOT, "%-26s %9.1f %9.1f %9.1f%n", "Temporal (test service)", t.p50(), t.p10(), t.p90());
        System.out.printf(Locale.ROOT, "Temporal's overhead per gated step: %+.1f ms at the median (%.2fx the embedded engine)%n",
                t.p50() - e.p50(), t.p50() / e.p50());
    }

    /** A one-step team in {@code dir}: dev writes notes/A.md, the exists gate checks it. */
    private static Path team(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("team.synod"), """
                synod 1
                team step {
                  defaults within 1m retry 1
                  role dev model scripted
                  dev -> all : note "notes/A.md"
                    gate exists
                }
                """);
        Files.writeString(dir.resolve("synod.yaml"), """
                models:
                  scripted: { provider: scripted, script: agents.yaml }
                sandbox: none
                """);
        Files.writeString(dir.resolve("agents.yaml"), """
                dev:
                  produce:
                    note:
                      - write: { notes/A.md: "# A\\n" }
                """);
        return dir;
    }

    /** Changes a file of the project, so that the run's start and tree are new. */
    private static void touch(Path dir, int run) throws IOException {
        Files.writeString(dir.resolve("RUN.txt"), "run " + run + "\n");
    }

    private static long embedded(Runs journal, Path dir, int run) throws IOException {
        touch(dir, run);
        long start = System.nanoTime();
        Engine.Result result = journal.start(new Engine.Options(true, false, Duration.ofMillis(20)), line -> { }, id -> { });
        long took = System.nanoTime() - start;
        if (!(result instanceof Engine.Result.Finished f) || !f.succeeded()) {
            throw new IllegalStateException("expected the embedded run to succeed, found " + result);
        }
        return took;
    }

    private static long temporal(TestWorkflowEnvironment env, LocalTeam team, Path dir, int run) throws IOException {
        touch(dir, run);
        long start = System.nanoTime();
        String id = String.format(Locale.ROOT, "bench-%06d", run + 1_000);
        TeamStart begin = team.prepare(id, 7, true, Clock.SYSTEM);
        TeamWorkflow workflow = env.getWorkflowClient().newWorkflowStub(TeamWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(id).setTaskQueue(TaskQueues.workflow(team.team())).build());
        TeamOutcome outcome = workflow.run(begin);
        long took = System.nanoTime() - start;
        if (!outcome.succeeded()) {
            throw new IllegalStateException("expected the run on Temporal to succeed, found " + outcome.reason());
        }
        return took;
    }
}
