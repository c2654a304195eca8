package dev.synod.cli.internal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod resume [RUN] [--yes]}: continues a stopped or killed run where its journal ends. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continues a stopped or killed run from its journal.",
                "Completed steps are not repeated; only what was in flight when it stopped runs again."},
        footer = {"", "Exit status: 0 the run succeeded or waits for a person, 1 it failed, 2 unknown run, corrupted journal "
                + "or bad input, 130 stopped by Ctrl-C."})
final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DirOption directory;

    @Parameters(arity = "0..2", paramLabel = "DIR|RUN", description = DirOption.WORDS)
    java.util.List<String> words;

    @Mixin
    RunCommand.RunOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return RunLookup.withSource(directory, words, (runs, run) -> {
            String id = run.id();
            if (run instanceof RunSource.Temporal) {
                throw new dev.synod.core.SynodException.InvalidInput("run " + id + " is on Temporal, where it goes on by itself"
                        + " while synod worker processes serve it: nothing to resume (synod status " + id + " shows it)");
            }
            out.println("run " + id);
            out.flush();
            return options.drive(out, runs, () -> id, directory.dir, (engineOptions, progress) ->
                    runs.resume(id, engineOptions, progress));
        });
    }
}
