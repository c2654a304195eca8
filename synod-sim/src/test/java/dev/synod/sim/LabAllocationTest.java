package dev.synod.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import dev.synod.sim.Model.Protocol;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The lab's hot path, synod-core's cursor and kernel included, allocates nothing (issue 13, point 6):
 * the bytes this thread allocates over many trials of every protocol stay below one per trial, where
 * a single object per trial would be at least 16.
 */
class LabAllocationTest {
    private static final int TRIALS = 200_000;

    @Test
    void aTrialOfEveryProtocolAllocatesNothing() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "the JVM counts a thread's allocations");
        threads.setThreadAllocatedMemoryEnabled(true);
        long self = Thread.currentThread().threadId();
        Model[] models = {
            Model.of(Protocol.VOTE, 5, 0.7, 0.3),
            Model.of(Protocol.LEADER, 5, 0.7, 0.3),
            new Model(5, 0.6, 0.3, 3, 0.5, 1, Protocol.VOTE, 4, 3, 0.5, 0.1, 0.05, 0, 0, 0.8),
            new Model(5, 0.6, 0.3, 3, 0.5, 1, Protocol.BEN_OR, 4, 3, 0.5, 0.1, 0.05, 0, 0, 0.8),
            new Model(5, 0.6, 0.3, 3, 0.5, 1, Protocol.SYNOD, 4, 3, 0.5, 0.1, 0.05, 0.8, 2),
            new Model(5, 0.7, 0.3, 2, 1, 1, Protocol.NONE, 0, 1, 0.5, 0, 0, 0.8, 2),
            new Model(6, 0.7, 0.3, 3, 0.5, 2, Protocol.DIVERSE, 0, 3, 0.5, 0, 0, 0, 0)};
        for (Model model : models) {
            Lab lab = new Lab(model, 1);
            long sink = 0;
            for (int i = 0; i < TRIALS; i++) {
                sink += lab.trial();
            }
            long before = threads.getThreadAllocatedBytes(self);
            for (int i = 0; i < TRIALS; i++) {
                sink += lab.trial();
            }
            long bytes = threads.getThreadAllocatedBytes(self) - before;
            assertThat(bytes).as("bytes allocated by %d trials of %s (sink %d)", TRIALS, model, sink).isLessThan(TRIALS);
        }
    }
}
