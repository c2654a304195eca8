package dev.synod.cli.internal;

import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Interpreter;
import dev.synod.core.State;
import dev.synod.core.SynodException;
import dev.synod.runtime.Runs;
import dev.synod.runtime.config.EngineChoice;
import dev.synod.runtime.engine.Engine;
import dev.synod.runtime.engine.People;
import dev.synod.temporal.LocalTeam;
import dev.synod.temporal.TaskQueues;
import dev.synod.temporal.TeamOutcome;
import dev.synod.temporal.TeamStart;
import dev.synod.temporal.TeamWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code synod run} on a Temporal engine: prepares the start in the run directory, starts the
 * team's workflow (workflow id = run id) and follows it, feeding the events its {@code events}
 * query returns to the same progress listener as the embedded engine, so a run prints the same
 * lines and summary on either engine. The workflow runs on {@code synod worker} processes; Ctrl-C
 * stops following it, not the run.
 */
final class TemporalRun {
    /** How often the follower asks the workflow for its events. */
    static final Duration POLL = Duration.ofMillis(250);
    /** The runs this directory started on Temporal, one id a line, oldest first: what status and log look up. */
    static final String RUNS_FILE = "temporal-runs";
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private TemporalRun() {
    }

    /**
     * Starts and follows a run of {@code accepted}'s team on {@code engine}.
     *
     * @param heartbeat the activities' heartbeat timeout, or null for {@link TeamStart#HEARTBEAT}
     * @return the exit status, as for the embedded engine
     */
    static int run(PrintWriter out, Path directory, Runs.Accepted accepted, EngineChoice.Temporal engine,
                   RunCommand.RunOptions options, Duration heartbeat) {
        Path config = directory.resolve("synod.yaml");
        // The service is reached before anything is created in DIR, as every other check is.
        try (TemporalService service = TemporalService.connect(engine, config);
             LocalTeam team = LocalTeam.open(directory, Clock.SYSTEM, options.progress(out),
                     TemporalService.remote(engine, directory));
             Runs runs = Runs.openOrCreate(directory, Clock.SYSTEM)) {
            AtomicReference<String> id = new AtomicReference<>();
            AtomicReference<State> last = new AtomicReference<>();
            var models = StatusCommand.models(accepted.loaded());
            return options.drive(out, runs, id::get, directory, (engineOptions, progress) -> {
                String run = newRunId();
                TeamStart start = team.prepare(run, new SecureRandom().nextLong(), engineOptions.autoApprove(), Clock.SYSTEM);
                TeamWorkflow workflow = service.client().newWorkflowStub(TeamWorkflow.class, WorkflowOptions.newBuilder()
                        .setWorkflowId(run).setTaskQueue(TaskQueues.workflow(team.team())).build());
                WorkflowClient.start(workflow::run, heartbeat == null ? start : start.withHeartbeat(heartbeat));
                remember(runs.directory(), run);
                id.set(run);
                progress.say("run " + run + " on Temporal " + service.describe());
                Engine.Result result = follow(workflow, Interpreter.fold(accepted.loaded().plan(),
                        accepted.loaded().config().budget(), List.of()), run, engineOptions, progress, last);
                if (result instanceof Engine.Result.Finished f && f.succeeded()) {
                    // The release was made on whichever worker served the gates: bring its branch here.
                    team.fetchRelease(run);
                }
                return result;
            }, run -> new RunCommand.RunOptions.Ended(last.get(), models, runs.work(), "the run goes on on Temporal: synod status " + run));
        }
    }

    /**
     * Feeds the workflow's events to {@code progress} as they come, folded into {@code state}, until
     * the workflow ends or Ctrl-C asks to stop following.
     */
    static Engine.Result follow(TeamWorkflow workflow, State state, String run, Engine.Options options,
                                RunCommand.RunOptions.Shown progress, AtomicReference<State> last) {
        CompletableFuture<TeamOutcome> outcome = WorkflowStub.fromTyped(workflow).getResultAsync(TeamOutcome.class);
        int seen = 0;
        last.set(state);
        while (true) {
            boolean done = outcome.isDone();
            List<Event> events;
            try {
                events = workflow.events().events();
            } catch (WorkflowException e) {
                // A query can fail while no worker answers for the workflow (the one that cached it was lost and
                // its task has not moved to another yet): ask again at the next look, unless the run is over.
                if (done) {
                    throw new SynodException.Retriable("cannot read the events of run " + run + " from Temporal: "
                            + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
                }
                events = List.of();
            }
            for (Event e : events.subList(Math.min(seen, events.size()), events.size())) {
                Interpreter.apply(state, e);
                progress.event(e, state);
                if (e instanceof Event.Started s) {
                    waiting(s.command(), run, options.autoApprove()).ifPresent(progress::notice);
                }
            }
            seen = Math.max(seen, events.size());
            if (done) {
                break;
            }
            if (options.stop() != null && options.stop().requested()) {
                return new Engine.Result.Stopped(state.inFlight());
            }
            try {
                outcome.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Not finished yet: look at its events again.
            } catch (ExecutionException e) {
                // Read once more below, where the failure is reported.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Engine.Result.Stopped(state.inFlight());
            }
        }
        try {
            TeamOutcome o = outcome.get();
            return new Engine.Result.Finished(o.succeeded(), o.reason(), o.branch());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof WorkflowException w && w.getCause() != null ? w.getCause() : e.getCause();
            throw new SynodException.Retriable("the workflow of run " + run + " failed on Temporal: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Engine.Result.Stopped(state.inFlight());
        }
    }

    /** The notice of a command that waits for a person's answer, as the embedded engine gives it. */
    private static Optional<String> waiting(Command c, String run, boolean autoApprove) {
        Optional<People.Kind> kind = People.kind(c);
        if (kind.isEmpty() || kind.get() == People.Kind.PRODUCE || autoApprove && c instanceof Command.AskHuman) {
            return Optional.empty();
        }
        return Optional.of("waiting for a person: synod answer " + run + " " + c.step()
                + (c instanceof Command.AskHuman ? " --approve | --reject [--comment …]" : " --option …"));
    }

    /** A run id as the embedded engine makes them: {@code r20261203-112911-c71b}, the time in UTC. */
    static String newRunId() {
        byte[] bytes = new byte[2];
        new SecureRandom().nextBytes(bytes);
        return "r" + RUN_TIME.format(Clock.SYSTEM.now()) + "-" + HexFormat.of().formatHex(bytes);
    }

    /** Adds {@code run} to the runs this directory started on Temporal. */
    static void remember(Path directory, String run) {
        Path file = directory.resolve(".synod").resolve(RUNS_FILE);
        try {
            Files.writeString(file, run + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The runs this directory started on Temporal, oldest first. */
    static List<String> started(Path directory) {
        Path file = directory.resolve(".synod").resolve(RUNS_FILE);
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .toList() : List.of();
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
