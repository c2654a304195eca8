package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.core.Clock;
import dev.synod.runtime.Runs;
import dev.synod.runtime.engine.Engine;
import dev.synod.runtime.engine.Progress;
import dev.synod.runtime.engine.StopSignal;
import java.time.ZoneId;
import java.util.Map;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod run [DIR] [--yes]}: starts a run of the team in DIR and drives it to its end. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the team of DIR (its team.synod and synod.yaml) on the embedded engine, or on Temporal when "
                + "synod.yaml says engine: { temporal: … } (synod worker processes then carry out its steps).",
                "Every check runs before anything is created in DIR. The run starts from the files on disk, "
                        + "uncommitted edits included, recorded on refs/synod/start/<run> (DIR becomes a git repository "
                        + "if it is not one). The run id is printed once the run is journaled, and the accepted artifacts "
                        + "end on the branch synod/<run>."},
        footer = {"", "Exit status: 0 the run succeeded or waits for a person, 1 it failed, 2 bad input or configuration, "
                + "130 stopped by Ctrl-C (synod resume goes on from there)."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The run directory (default: the current directory).")
    Path directory = Path.of(".");

    @Mixin
    RunOptions options;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Run the built-in default team on this request: an "
            + "architect, three developers and a lead, gated by compile, test and lint; DIR gets its team.synod and "
            + "PROMPT.md (DIR must have neither, and a synod.yaml that defines the model).")
    String prompt;

    @Option(names = "--model", paramLabel = "ALIAS",
            description = "With --prompt: the model alias of synod.yaml that every role uses (default: default).")
    String model;

    @Option(names = "--heartbeat-timeout", paramLabel = "DURATION", description = "With a Temporal engine: how long a "
            + "step's activity may go without a heartbeat before Temporal gives it to another worker (default 30s; "
            + "workers beat at least three times within it).")
    String heartbeatTimeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (model != null && prompt == null) {
            throw new dev.synod.core.SynodException.InvalidInput("--model goes with --prompt: it names the model of the "
                    + "default team's roles; a team.synod names its own");
        }
        java.util.List<Path> written = prompt == null ? java.util.List.of()
                : PromptTeam.prepare(directory, prompt, model == null ? "default" : model);
        Runs.Acceptance start;
        try {
            start = Runs.accept(directory, options.progress(out));
        } catch (RuntimeException e) {
            PromptTeam.remove(written);
            throw e;
        }
        if (start instanceof Runs.TeamErrors) {
            PromptTeam.remove(written);
        }
        // Every check runs before .git, .synod/ or a commit is made: a refused run leaves DIR as it was.
        Runs.Accepted accepted = switch (start) {
            case Runs.Accepted a -> a;
            case Runs.TeamErrors errors -> {
                PrintWriter err = spec.commandLine().getErr();
                DiagnosticText.print(err, errors.source(), errors.checked().diagnostics());
                err.println("synod: " + errors.source().name() + " has errors; fix them before running (synod check "
                        + errors.source().name() + ")");
                err.flush();
                yield null;
            }
        };
        if (accepted == null) {
            return SynodCli.EXIT_USAGE;
        }
        java.util.Optional<dev.synod.runtime.config.EngineChoice.Temporal> temporal = TemporalService.of(accepted.loaded().config());
        if (temporal.isPresent()) {
            return TemporalRun.run(out, directory, accepted, temporal.get(), options, heartbeat());
        }
        if (heartbeatTimeout != null) {
            throw new dev.synod.core.SynodException.InvalidInput("--heartbeat-timeout goes with a Temporal engine (engine: {"
                    + " temporal: … } in synod.yaml); this run is on the embedded engine");
        }
        try (Runs runs = Runs.openOrCreate(directory, Clock.SYSTEM)) {
            java.util.concurrent.atomic.AtomicReference<String> id = new java.util.concurrent.atomic.AtomicReference<>();
            return options.drive(out, runs, id::get, directory, (engineOptions, progress) ->
                    runs.start(accepted, engineOptions, progress, run -> {
                        id.set(run);
                        progress.say("run " + run);
                    }));
        }
    }

    /** {@code --heartbeat-timeout}, or null when it is not given. */
    private Duration heartbeat() {
        if (heartbeatTimeout == null) {
            return null;
        }
        return dev.synod.runtime.config.Units.duration(heartbeatTimeout).filter(d -> !d.isZero())
                .orElseThrow(() -> new dev.synod.core.SynodException.InvalidInput("--heartbeat-timeout: expected "
                        + dev.synod.runtime.config.Units.DURATION_EXAMPLES + ", above zero, found '" + heartbeatTimeout + "'"));
    }

    /** The options shared by {@code run} and {@code resume}. */
    static final class RunOptions {
        @Option(names = "--yes", description = "Approve every review by a person automatically (never a person's "
                + "artifact, decide or ballot).")
        boolean yes;

        @Option(names = "--plain", description = "Print one timestamped line per event even on a terminal, instead of "
                + "a line per active step redrawn in place (plain lines are the default when output is not a terminal "
                + "or TERM is dumb).")
        boolean plain;

        @Option(names = "--merge", description = "After a successful run, also merge synod/<run> into the current branch.")
        boolean merge;

        /** Merges the release branch when asked to and the run succeeded; the exit status. */
        int merged(PrintWriter out, Runs runs, int status, Engine.Result result) {
            if (!merge || !(result instanceof Engine.Result.Finished f) || !f.succeeded()) {
                return status;
            }
            dev.synod.runtime.workspace.BranchMerge m = runs.mergeRelease(f.branch());
            out.println(m.message());
            out.flush();
            return m.merged() ? status : SynodCli.EXIT_FAILED;
        }

        Engine.Options engineOptions() {
            return new Engine.Options(yes, true, Duration.ofMillis(500));
        }

        /** How a command drives its run with the options and progress {@link #drive} gives it. */
        interface Driver {
            Engine.Result drive(Engine.Options options, Shown progress);
        }

        /** The progress a run shows, and a way to print a line of the command's own among it (the run's id). */
        interface Shown extends Progress {
            void say(String line);
        }

        /**
         * Drives a run with live progress on a terminal (plain timestamped lines otherwise, or with
         * {@code --plain}), Ctrl-C stopping it cleanly, then prints its end and its figures once.
         *
         * @param run       the run's id once it is known (a new run's is known only once it is journaled)
         * @param directory the run directory, for the resume hint of a stopped run
         * @return the exit status: 0, 1, or 130 for a run stopped by Ctrl-C
         */
        int drive(PrintWriter out, Runs runs, java.util.function.Supplier<String> run, Path directory, Driver driver) {
            return drive(out, runs, run, directory, driver, id -> new Ended(runs.state(id), StatusCommand.models(runs.loaded(id)),
                    runs.work(), "resume with synod resume " + id));
        }

        /**
         * How a run stands once it was driven: its state, each participant's model alias, where its
         * working directories are, and what to do about a run that was stopped ({@code resume with synod resume …}).
         */
        record Ended(dev.synod.core.State state, Map<String, String> models, Path work, String stopped) {
        }

        /** {@link #drive(PrintWriter, Runs, java.util.function.Supplier, Path, Driver)} with the run's end read by {@code ended}. */
        int drive(PrintWriter out, Runs runs, java.util.function.Supplier<String> run, Path directory, Driver driver,
                  java.util.function.Function<String, Ended> ended) {
            StopSignal stop = new StopSignal();
            Map<String, String> env = System.getenv();
            ProgressLines lines = new ProgressLines(out, Clock.SYSTEM, ZoneId.systemDefault());
            LiveProgress live = Terminal.live(plain, env)
                    ? new LiveProgress(out, Clock.SYSTEM, lines, Terminal.widthReader(), Terminal.color(env)).start() : null;
            Shown shown = live != null ? shown(live, live::say) : shown(lines, line -> {
                out.println(line);
                out.flush();
            });
            Engine.Result result;
            try (CtrlC ignored = CtrlC.handle(stop::request)) {
                try {
                    result = driver.drive(engineOptions().withStop(stop), shown);
                } finally {
                    if (live != null) {
                        live.close();
                    }
                }
            }
            int status = end(out, run.get(), directory, result, ended);
            return result instanceof Engine.Result.Stopped ? status : merged(out, runs, status, result);
        }

        private static Shown shown(Progress progress, java.util.function.Consumer<String> say) {
            return new Shown() {
                @Override
                public void event(dev.synod.core.Event event, dev.synod.core.State state) {
                    progress.event(event, state);
                }

                @Override
                public void resumed(dev.synod.core.State state) {
                    progress.resumed(state);
                }

                @Override
                public void notice(String text) {
                    progress.notice(text);
                }

                @Override
                public void waiting(String command, String text) {
                    progress.waiting(command, text);
                }

                @Override
                public void say(String line) {
                    say.accept(line);
                }
            };
        }

        /** Prints how the run ended and its figures ({@link RunSummary}), once; the exit status. */
        static int end(PrintWriter out, String id, Path directory, Engine.Result result,
                       java.util.function.Function<String, Ended> ended) {
            int status = report(out, result);
            Ended end = id == null ? null : ended.apply(id);
            if (result instanceof Engine.Result.Stopped) {
                Path here = Path.of("").toAbsolutePath().normalize();
                boolean elsewhere = !directory.toAbsolutePath().normalize().equals(here);
                out.println("stopped; " + (end == null ? "resume with synod resume " + id : end.stopped())
                        + (elsewhere ? " --dir " + directory : ""));
            }
            if (end != null) {
                StatusCommand.RunStatus figures = StatusCommand.status(id, end.state(), end.models(), end.work(),
                        Map.of(), null, Clock.SYSTEM.now());
                out.println(RunSummary.of(figures, end.state(), Clock.SYSTEM.now()).figures());
            }
            out.flush();
            return status;
        }

        java.util.function.Consumer<String> progress(PrintWriter out) {
            return line -> {
                out.println("  " + line);
                out.flush();
            };
        }

        static int report(PrintWriter out, Engine.Result result) {
            return switch (result) {
                case Engine.Result.Finished f -> {
                    // The one line naming the branch or the reason: the progress lines name neither.
                    out.println(dev.synod.runtime.engine.Timeline.outcome(f.succeeded(), f.reason(), f.branch()));
                    yield f.succeeded() ? SynodCli.EXIT_OK : SynodCli.EXIT_FAILED;
                }
                case Engine.Result.Waiting w -> {
                    out.println("waiting for a person: answer with synod answer, then synod resume");
                    yield SynodCli.EXIT_OK;
                }
                case Engine.Result.Stopped s -> CtrlC.EXIT_STOPPED;
            };
        }
    }
}
