package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.core.Event;
import dev.synod.runtime.engine.Timeline;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod log [RUN]}: a readable timeline of a run. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Prints the timeline of a run: attempts, gate verdicts with their diagnostics, escalations, decisions.",
        footer = {"", "Exit status: 0 printed, 2 unknown run or unreadable journal."})
final class LogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DirOption directory;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "The run (default: the most recent).")
    String run;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return RunLookup.with(directory, run, (runs, id) -> {
            for (Event e : runs.events(id)) {
                String line = Timeline.describe(e);
                if (line == null) {
                    continue;
                }
                out.println(e.at() + "  " + line.lines().findFirst().orElse(""));
                if (e instanceof Event.GateFinished g) {
                    g.diagnostics().forEach(d -> out.println("      " + d));
                } else if (e instanceof Event.AgentFinished a && a.outcome() instanceof Event.Outcome.Rejected r) {
                    r.diagnostics().forEach(d -> out.println("      " + d));
                }
            }
            return SynodCli.EXIT_OK;
        });
    }
}
