package dev.synod.peers;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Temporal's Java SDK on its in-process test server ({@link TestWorkflowEnvironment}, which keeps
 * its history in memory): one workflow of {@code steps} sequential activities, each returning a
 * 4 KB string. A step's time is the interval between the starts of consecutive activities, as
 * Synod's harness times its steps. Prints one tab-separated {@code result} line.
 *
 * <p>usage: {@code TemporalPeer [STEPS] [WARMUP_RUNS] [RUNS]}
 */
public final class TemporalPeer {
    private static final String QUEUE = "peer";
    private static final String PAYLOAD = "x".repeat(4096 - 8);
    private static volatile long[] starts = new long[0];

    @WorkflowInterface
    public interface StepsWorkflow {
        @WorkflowMethod
        String run(int steps);
    }

    @ActivityInterface
    public interface StepActivity {
        String step(int n);
    }

    public static final class StepsWorkflowImpl implements StepsWorkflow {
        private final StepActivity activity = Workflow.newActivityStub(StepActivity.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

        @Override
        public String run(int steps) {
            String last = "";
            for (int i = 0; i < steps; i++) {
                last = activity.step(i);
            }
            return last.substring(0, 8);
        }
    }

    public static final class StepActivityImpl implements StepActivity {
        @Override
        public String step(int n) {
            starts[n] = System.nanoTime();
            // A different 4 KB value at every step, so that nothing can be deduplicated.
            return String.format("%08d", n) + PAYLOAD;
        }
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long[] samples = new long[runs * (steps - 1)];
        int n = 0;
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(StepsWorkflowImpl.class);
            worker.registerActivitiesImplementations(new StepActivityImpl());
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            for (int r = 0; r < warmup + runs; r++) {
                starts = new long[steps];
                StepsWorkflow workflow = client.newWorkflowStub(StepsWorkflow.class,
                        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("peer-" + r).build());
                String last = workflow.run(steps);
                if (!last.equals(String.format("%08d", steps - 1))) {
                    throw new IllegalStateException("run " + r + " ended on step " + last + ", expected " + (steps - 1));
                }
                if (r >= warmup) {
                    long[] s = starts;
                    for (int i = 1; i < steps; i++) {
                        samples[n++] = s[i] - s[i - 1];
                    }
                }
            }
        }
        Arrays.sort(samples);
        double mean = Arrays.stream(samples).average().orElseThrow();
        long p50 = samples[Math.max(0, (int) Math.ceil(0.5 * samples.length) - 1)];
        System.out.printf(Locale.ROOT, "result\ttemporal\t%d\t%.1f\t%.1f\tTemporal SDK %s, in-process test server:"
                + " history in memory, nothing written to disk%n", samples.length, mean / 1e3, p50 / 1e3,
                io.temporal.common.Experimental.class.getPackage().getImplementationVersion());
    }
}
