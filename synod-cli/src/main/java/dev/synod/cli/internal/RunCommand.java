package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.core.Clock;
import dev.synod.runtime.Runs;
import dev.synod.runtime.engine.Engine;
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
        description = {"Runs the team of DIR (its team.synod and synod.yaml) on the embedded engine.",
                "Every check runs before anything is created in DIR. The run starts from the files on disk, "
                        + "uncommitted edits included, recorded on refs/synod/start/<run> (DIR becomes a git repository "
                        + "if it is not one). The run id is printed once the run is journaled, and the accepted artifacts "
                        + "end on the branch synod/<run>."},
        footer = {"", "Exit status: 0 the run succeeded, 1 it failed, 2 bad input or configuration."})
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
        try (Runs runs = Runs.openOrCreate(directory, Clock.SYSTEM)) {
            Engine.Result result = runs.start(accepted, options.engineOptions(), options.progress(out), id -> {
                out.println("run " + id);
                out.flush();
            });
            return options.merged(out, runs, RunOptions.report(out, result), result);
        }
    }

    /** The options shared by {@code run} and {@code resume}. */
    static final class RunOptions {
        @Option(names = "--yes", description = "Approve every review by a person automatically (never a person's "
                + "artifact, decide or ballot).")
        boolean yes;

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
            };
        }
    }
}
