package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.core.Event;
import dev.synod.core.Ids;
import dev.synod.core.Journals;
import dev.synod.core.State;
import dev.synod.core.SynodException;
import dev.synod.runtime.Runs;
import dev.synod.runtime.agents.model.TurnText;
import dev.synod.runtime.engine.Timeline;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod log [DIR|RUN] [--utc] [--json]}: a readable timeline of a run. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Prints the timeline of a run, event by event.",
                "It shows attempts, model turns with their tool calls and tokens, gate verdicts with their "
                        + "diagnostics, escalations, decisions and the outcome; then the usage by role and by step.",
                "Times are local, to the second, with the date on a line of its own whenever it changes."},
        footer = {"", "Exit status: 0 printed, 2 unknown run or unreadable journal."})
final class LogCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String INDENT = "          ";

    @Spec
    CommandSpec spec;

    @Mixin
    DirOption directory;

    @Parameters(arity = "0..2", paramLabel = "DIR|RUN", description = DirOption.WORDS)
    java.util.List<String> words;

    @Option(names = "--utc", description = "Print times in UTC instead of the local time zone.")
    boolean utc;

    @Option(names = "--json", description = "Print the journal's events as JSON lines, one event per line, with the "
            + "journal's own fields.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return RunLookup.withSource(directory, words, (runs, run) -> {
            List<Event> events = run.events();
            if (json) {
                events.forEach(e -> out.println(Journals.toJson(e)));
                return SynodCli.EXIT_OK;
            }
            State state = run.state();
            print(out, run.blobs(), events, state, utc ? ZoneOffset.UTC : ZoneId.systemDefault());
            return SynodCli.EXIT_OK;
        });
    }

    /** The timeline in {@code zone}: each event's entry, its details indented once, the outcome at the run's end. */
    static void print(PrintWriter out, dev.synod.core.BlobStore blobs, List<Event> events, State state, ZoneId zone) {
        LocalDate day = null;
        for (Event e : events) {
            Timeline.Entry entry = switch (e) {
                case Event.TurnRecorded t -> Timeline.turn(t, calls(blobs, t));
                case Event.RunFinished f -> new Timeline.Entry(Timeline.outcome(f.succeeded(), state.command(Ids.FINISH)
                        .map(c -> ((dev.synod.core.Command.Finish) c).reason()).orElse(""), f.branch()), List.of(), "");
                default -> Timeline.entry(e, state.plan());
            };
            if (entry == null) {
                continue;
            }
            LocalDate date = e.at().atZone(zone).toLocalDate();
            if (!date.equals(day)) {
                day = date;
                ZoneOffset offset = e.at().atZone(zone).getOffset();
                String utcOffset = offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
                out.println(date + " (" + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId() + ", " + utcOffset) + ")");
            }
            out.println(TIME.format(e.at().atZone(zone)) + "  " + entry.headline());
            entry.details().forEach(d -> out.println(INDENT + d));
        }
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
        out.println("an attempt's instructions and transcript: synod show STEP#ATTEMPT (such as "
                + events.stream().filter(e -> e instanceof Event.AgentFinished).map(e -> ((Event.AgentFinished) e)
                .command().substring("agent:".length())).findFirst().orElse("book#1") + ")");
    }

    /** The tool calls of a turn's answer, from its response blob; none when the blob cannot be read. */
    private static List<String> calls(dev.synod.core.BlobStore blobs, Event.TurnRecorded t) {
        try {
            return blobs.get(t.response()).map(TurnText::calls).orElse(List.of("(its answer's blob is missing)"));
        } catch (SynodException.Corrupted damaged) {
            return List.of("(its answer's blob is damaged)");
        }
    }
}
