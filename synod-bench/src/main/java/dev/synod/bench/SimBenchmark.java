package dev.synod.bench;

import dev.synod.sim.Lab;
import dev.synod.sim.Model;
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
 * one-round {@code vote} of five correlated voters, settled by synod-core's {@code VoteKernel},
 * on two threads with one lab each. One operation is one ballot; run with {@code -prof gc} to see
 * that a trial allocates nothing ({@code gc.alloc.rate.norm} ≈ 0 B/op).
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
}
