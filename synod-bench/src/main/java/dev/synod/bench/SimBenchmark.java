package dev.synod.bench;

import com.sun.management.ThreadMXBean;
import dev.synod.sim.Lab;
import dev.synod.sim.Model;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The simulation lab's throughput (issue 13, point 6): simulated agent ballots per second for a
 * one-round {@code vote} of five correlated voters, stepped by synod-core's {@code
 * DecideProtocol.Cursor} and counted by its {@code VoteKernel}, on two threads with one lab each.
 * One operation is one ballot; run with {@code -prof gc} to see that a trial allocates nothing
 * ({@code gc.alloc.rate.norm} ≈ 0 B/op). {@link #main} checks the same without JMH, for every
 * protocol.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SimBenchmark {
    private static final int VOTERS = 5;
    private static final int TRIALS_PER_OP = 1000;

    /** The correlation of correctness: 0 skips the Beta draw of θ, 0.3 draws one per trial. */
    @Param({"0", "0.3"})
    public double correlation;

    private Lab lab;

    @Setup
    public void setUp() {
        lab = new Lab(Model.of(Model.Protocol.VOTE, VOTERS, 0.7, correlation), Thread.currentThread().threadId());
    }

    /** {@value #TRIALS_PER_OP} trials of five ballots each; the score is ballots per second. */
    @Benchmark
    @OperationsPerInvocation(TRIALS_PER_OP * VOTERS)
    public long vote() {
        long sum = 0;
        for (int i = 0; i < TRIALS_PER_OP; i++) {
            sum += lab.trial();
        }
        return sum;
    }

    /** Trials of each model {@link #main} measures, after as many to warm up. */
    private static final int CHECKED_TRIALS = 1_000_000;

    /**
     * The JMH-free check that the lab's path allocates nothing: for each protocol (and {@code vote}
     * and {@code ben_or} over three rounds with crashes, so that deliberation, adopt-or-coin and
     * coins run), a million trials on one thread after a million to warm up, printing the bytes the
     * thread allocated per trial ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes})
     * and the trials per second. Run with {@code java -cp synod-bench/target/benchmarks.jar
     * dev.synod.bench.SimBenchmark}.
     */
    public static void main(String[] args) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemorySupported()) {
            System.err.println("synod: this JVM cannot count the bytes a thread allocates");
            System.exit(1);
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        long self = Thread.currentThread().threadId();
        System.out.println("model                                                bytes/trial  trials/s (1 thread)  calls/trial");
        for (Model model : checkedModels()) {
            Lab lab = new Lab(model, 1);
            long sink = 0;
            for (int i = 0; i < CHECKED_TRIALS; i++) {
                sink += lab.trial();
            }
            long calls = 0;
            long before = threads.getThreadAllocatedBytes(self);
            long start = System.nanoTime();
            for (int i = 0; i < CHECKED_TRIALS; i++) {
                long outcome = lab.trial();
                calls += (outcome >>> 24) & 0xffffff;
                sink += outcome;
            }
            long nanos = System.nanoTime() - start;
            long bytes = threads.getThreadAllocatedBytes(self) - before;
            System.out.printf(Locale.ROOT, "%-52s %11.4f  %19.3g  %11.2f%n", describe(model), (double) bytes / CHECKED_TRIALS,
                    CHECKED_TRIALS * 1e9 / nanos, (double) calls / CHECKED_TRIALS);
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private static Model[] checkedModels() {
        Model vote = Model.of(Model.Protocol.VOTE, VOTERS, 0.7, 0.3);
        Model rounds = new Model(VOTERS, 0.6, 0.3, 3, 0.5, 1, Model.Protocol.VOTE, 4, 3, 0.5, 0.1, 0.05, 0, 0);
        return new Model[] {Model.of(Model.Protocol.VOTE, VOTERS, 0.7, 0), vote,
                Model.of(Model.Protocol.LEADER, VOTERS, 0.7, 0.3), rounds, rounds.withProtocol(Model.Protocol.BEN_OR),
                new Model(VOTERS, 0.6, 0.3, 3, 0.5, 1, Model.Protocol.SYNOD, 4, 3, 0.5, 0.1, 0.05, 0.8, 2),
                new Model(VOTERS, 0.7, 0.3, 2, 1, 1, Model.Protocol.NONE, 0, 1, 0.5, 0, 0, 0.8, 2),
                new Model(6, 0.7, 0.3, 3, 0.5, 2, Model.Protocol.DIVERSE, 0, 3, 0.5, 0, 0, 0, 0)};
    }

    private static String describe(Model m) {
        return String.format(Locale.ROOT, "%s n=%d rho=%s k=%d quorum=%d rounds=%d crash=%s", m.protocol(), m.voters(),
                m.correlation(), m.options(), m.effectiveQuorum(), m.rounds(), m.crash());
    }
}
