package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.core.Clock;
import dev.synod.core.SynodException;
import dev.synod.runtime.config.EngineChoice;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.temporal.EffectActivities;
import dev.synod.temporal.LocalTeam;
import dev.synod.temporal.SynodTemporal;
import dev.synod.temporal.TaskQueues;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code synod worker [--roles r1,r2] [--gates] [--workflow] [DIR]}: serves a team's task queues
 * on the Temporal service of DIR's {@code synod.yaml} until Ctrl-C or SIGTERM.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Serves the team of DIR on the Temporal service its synod.yaml names (engine: { temporal: … }).",
                "A worker carries out the steps of the runs that synod run starts there: the attempts, reviews and ballots "
                        + "of the roles it has agents for (task queues synod.<team>.<role>), the gates and the run's "
                        + "bookkeeping (synod.<team>.gates), and the workflow itself (synod.<team>). Without --roles, "
                        + "--gates or --workflow it serves all of them; with any of them, only what they name. It prints "
                        + "one line saying what it serves and runs until Ctrl-C or SIGTERM."},
        footer = {"", "Exit status: 0 stopped by Ctrl-C or SIGTERM, 2 bad input or configuration, or the service cannot "
                + "be reached."})
final class WorkerCommand implements Callable<Integer> {
    /** How long a stopping worker lets the activities it runs finish before it interrupts them. */
    private static final long DRAIN_SECONDS = 10;
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The run directory (default: the current directory).")
    Path directory = Path.of(".");

    @Option(names = "--roles", split = ",", paramLabel = "ROLE", description = "Serve the queues of these roles only, "
            + "as team.synod writes them (dev[2] for one replica).")
    List<String> roles;

    @Option(names = "--gates", description = "Serve the gates and the run's bookkeeping (tallies, decision records, the "
            + "release).")
    boolean gates;

    @Option(names = "--workflow", description = "Serve the workflow's own tasks.")
    boolean workflow;

    @Option(names = "--no-sticky", description = "Take no workflow to this worker's own (sticky) queue: every workflow "
            + "task goes to the team's queue and is served from the workflow's history, on any worker. Temporal's own "
            + "service moves a lost worker's sticky tasks to the team's queue after 5 s; its standalone test server never "
            + "does, so workers against it need this to survive the loss of one of them.")
    boolean noSticky;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path config = directory.resolve("synod.yaml");
        EngineChoice.Temporal engine = TemporalService.of(SynodConfig.load(config)).orElseThrow(() ->
                new SynodException.InvalidInput(config + ": engine is local; synod worker serves a team on Temporal,"
                        + " expected engine: { temporal: { target: \"127.0.0.1:7233\" } }"));
        boolean everything = roles == null && !gates && !workflow;
        try (LocalTeam team = LocalTeam.open(directory, Clock.SYSTEM, warning -> {
                err.println("  " + warning);
                err.flush();
            }, TemporalService.remote(engine, directory));
             TemporalService service = TemporalService.connect(engine, config)) {
            List<String> served = everything ? new ArrayList<>(new TreeSet<>(team.roles())) : roles == null ? List.of() : roles;
            for (String role : served) {
                if (!team.roles().contains(role)) {
                    throw new SynodException.InvalidInput("--roles " + role + ": team " + team.team() + " has no agent role '"
                            + role + "'; expected one of " + String.join(", ", new TreeSet<>(team.roles())));
                }
            }
            boolean serveGates = everything || gates;
            boolean serveWorkflow = everything || workflow;
            WorkerFactory factory = noSticky
                    ? WorkerFactory.newInstance(service.client(), WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build())
                    : WorkerFactory.newInstance(service.client());
            if (serveWorkflow) {
                SynodTemporal.serveWorkflow(factory, team.team(), !noSticky);
            }
            SynodTemporal.serveActivities(factory, team.team(), served, serveGates, told(out, team.activities()));
            CountDownLatch stop = new CountDownLatch(1);
            List<Signal> handled = handle(stop, "INT", "TERM");
            factory.start();
            out.println("worker of team " + team.team() + " on " + service.describe() + ": serving "
                    + served(team.team(), serveWorkflow, serveGates, served)
                    + team.remote().map(r -> "; commits and blobs through " + r).orElse("") + "; stop with Ctrl-C");
            out.flush();
            try {
                stop.await();
            } finally {
                // Activities in flight may finish and report; past the drain they are interrupted, and
                // Temporal gives them to another worker once their heartbeat stops.
                factory.shutdown();
                factory.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS);
                if (!factory.isTerminated()) {
                    factory.shutdownNow();
                    factory.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS);
                }
                handled.forEach(s -> Signal.handle(s, sun.misc.SignalHandler.SIG_DFL));
            }
            out.println("worker of team " + team.team() + " stopped");
            out.flush();
            return SynodCli.EXIT_OK;
        }
    }

    /**
     * {@code activities}, with a line when a command starts on this worker and when it ends, so that
     * whoever runs workers sees which one carries out what: {@code 14:02:11  agent:api#1 of run r… started}.
     */
    private static EffectActivities told(PrintWriter out, EffectActivities activities) {
        return request -> {
            String what = request.command().id() + " of run " + request.run();
            say(out, what + " started");
            try {
                EffectActivities.Result result = activities.perform(request);
                say(out, what + " ended");
                return result;
            } catch (RuntimeException | Error e) {
                say(out, what + " failed on this worker: " + e.getMessage());
                throw e;
            }
        };
    }

    private static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(TIME.format(java.time.LocalTime.now()) + "  " + line);
            out.flush();
        }
    }

    /** What a worker serves, with the task queues: {@code the workflow (synod.bank), gates (synod.bank.gates), …}. */
    private static String served(String team, boolean workflow, boolean gates, List<String> roles) {
        List<String> parts = new ArrayList<>();
        if (workflow) {
            parts.add("the workflow (" + TaskQueues.workflow(team) + ")");
        }
        if (gates) {
            parts.add("gates (" + TaskQueues.gates(team) + ")");
        }
        for (String role : roles) {
            parts.add("role " + role + " (" + TaskQueues.role(team, role) + ")");
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    /** Counts {@code stop} down on each of {@code names}; a signal that cannot be handled here is left alone. */
    private static List<Signal> handle(CountDownLatch stop, String... names) {
        List<Signal> handled = new ArrayList<>();
        for (String name : names) {
            try {
                Signal signal = new Signal(name);
                Signal.handle(signal, s -> stop.countDown());
                handled.add(signal);
            } catch (IllegalArgumentException e) {
                // Ignored by the parent (nohup) or reserved by the JVM (-Xrs): the default action stays.
            }
        }
        return handled;
    }
}
