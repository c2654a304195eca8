package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.core.Event;
import dev.synod.core.State;
import dev.synod.runtime.engine.Timeline;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod log [RUN]}: a readable timeline of a run. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Prints the timeline of a run: attempts, model turns with their tokens, gate verdicts with their "
                + "diagnostics, escalations, decisions; then the usage by role and by step.",
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
                if (e instanceof Event.TurnRecorded t) {
                    out.println(e.at() + "  " + t.command().substring(t.command().indexOf(':') + 1) + ": turn " + t.turn()
                            + " by " + t.role() + ": " + t.usage().inputTokens() + " in + " + t.usage().outputTokens()
                            + " out tokens, " + UsageText.money(t.usage().usd()));
                    continue;
                }
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
            State state = runs.state(id);
            Event.Usage total = state.usage();
            out.println("usage: " + UsageText.describe(total.tokens(), total.usd()));
            UsageText.print(out, UsageText.byRole(state), UsageText.roleBudgets(state));
            List<String> steps = new java.util.ArrayList<>(UsageText.stepsWithUsage(state));
            if (!steps.isEmpty()) {
                out.println("usage by step:");
                int width = steps.stream().mapToInt(String::length).max().orElse(4);
                for (String step : steps) {
                    Event.Usage u = state.usageByStep().get(step);
                    out.printf("  %-" + width + "s  %s%n", step, UsageText.describe(u.tokens(), u.usd()));
                }
            }
            return SynodCli.EXIT_OK;
        });
    }
}
