package dev.synod.temporal;

import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.runtime.Runs;
import dev.synod.runtime.engine.Engine;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A team of a directory on an in-memory Temporal service ({@link TestWorkflowEnvironment}): its
 * workflow worker and one machine's activity workers, every queue of the team served.
 */
final class OnTemporal implements AutoCloseable {
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    final LocalTeam team;
    final TestWorkflowEnvironment env;
    /** How often each command's activity was performed, by command id. */
    final Map<String, AtomicInteger> performed = new ConcurrentHashMap<>();

    /**
     * @param timeSkipping whether the service skips time while the workflow only waits
     * @param wrap         puts a test's activities around the directory's (to hang a worker, say)
     */
    OnTemporal(Path directory, boolean timeSkipping, UnaryOperator<EffectActivities> wrap) {
        this(directory, timeSkipping, wrap, role -> true);
    }

    /** @param served which roles' queues get a worker */
    OnTemporal(Path directory, boolean timeSkipping, UnaryOperator<EffectActivities> wrap,
               Predicate<String> served) {
        team = LocalTeam.open(directory, Clock.SYSTEM, warning -> { });
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(SynodTemporal.dataConverter()).build())
                .setUseTimeskipping(timeSkipping)
                .build());
        EffectActivities real = team.activities();
        EffectActivities counted = request -> {
            performed.computeIfAbsent(request.command().id(), id -> new AtomicInteger()).incrementAndGet();
            return real.perform(request);
        };
        SynodTemporal.serveWorkflow(env.getWorkerFactory(), team.team());
        SynodTemporal.serveActivities(env.getWorkerFactory(), team.team(), team.roles().stream().filter(served).toList(), true,
                wrap.apply(counted));
        env.start();
    }

    OnTemporal(Path directory) {
        this(directory, false, UnaryOperator.identity());
    }

    /** A stub of the workflow of run {@code run}, on the team's queue. */
    TeamWorkflow workflow(String run) {
        return client().newWorkflowStub(TeamWorkflow.class, WorkflowOptions.newBuilder().setWorkflowId(run)
                .setTaskQueue(TaskQueues.workflow(team.team())).build());
    }

    /** A stub of the workflow of run {@code run}, started before. */
    TeamWorkflow running(String run) {
        return client().newWorkflowStub(TeamWorkflow.class, run);
    }

    WorkflowClient client() {
        return env.getWorkflowClient();
    }

    @Override
    public void close() {
        try {
            env.close();
        } finally {
            team.close();
        }
    }

    /**
     * Waits until {@code condition} holds, looking every few milliseconds: for a state the workflow
     * reaches asynchronously (a question asked). Nothing is asserted about the time it takes.
     */
    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        for (int look = 0; look < 3000; look++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("expected " + what + ", which did not happen");
    }

    /** What the embedded engine did with a directory's team: its release tree and the commands it started. */
    record Embedded(String tree, List<Command> commands) {
    }

    /** Runs the team of {@code directory} on the embedded engine, every approval given ({@code --yes}), to success. */
    static Embedded embedded(Path directory) {
        try (Runs runs = Runs.openOrCreate(directory, Clock.SYSTEM, new Random(7))) {
            Engine.Result result = runs.start(new Engine.Options(true, false, Duration.ofMillis(20)), line -> { }, id -> { });
            if (!(result instanceof Engine.Result.Finished finished) || !finished.succeeded()) {
                throw new AssertionError("expected the embedded run of " + directory + " to succeed, found " + result);
            }
            return new Embedded(tree(directory, finished.branch()), started(runs.events(runs.resolve(Optional.empty()))));
        }
    }

    /** The commands the events started, in order. */
    static List<Command> started(List<Event> events) {
        return events.stream().filter(e -> e instanceof Event.Started).map(e -> ((Event.Started) e).command()).toList();
    }

    /** The id of the tree the branch {@code branch} of the repository in {@code directory} points at. */
    static String tree(Path directory, String branch) {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(directory.resolve(".git").toFile()).build()) {
            return repo.resolve("refs/heads/" + branch + "^{tree}").name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code from} at {@code to}. */
    static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
