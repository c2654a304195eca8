package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.core.Replay;
import java.io.PrintWriter;
import dev.synod.runtime.Runs;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod replay [RUN]}: re-derives every command of a run's journal and compares. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-derives every command of a run from its journal; reports the first difference.",
        footer = {"", "Exit status: 0 the journal replays exactly, 1 it does not, 2 unknown run or unreadable journal."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DirOption directory;

    @Parameters(arity = "0..2", paramLabel = "DIR|RUN", description = DirOption.WORDS)
    java.util.List<String> words;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return RunLookup.withSource(directory, words, (runs, run) -> {
            String id = run.id();
            List<dev.synod.core.Event> read = run.events();
            int events = read.size();
            Runs.Loaded loaded = run.loaded();
            Optional<Replay.Mismatch> mismatch = Replay.check(loaded.plan(), loaded.config().budget(), read);
            if (mismatch.isPresent()) {
                out.println("run " + id + ": replay differs: " + mismatch.get().describe());
                return SynodCli.EXIT_FAILED;
            }
            out.println("run " + id + ": " + events + " events replay to identical commands");
            return SynodCli.EXIT_OK;
        });
    }
}
