package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Plan;
import dev.synod.core.State;
import dev.synod.core.SynodException;
import dev.synod.runtime.Runs;
import dev.synod.runtime.agents.model.TurnText;
import dev.synod.runtime.engine.Timeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod show BLOB|STEP#ATTEMPT[:GATE] [DIR|RUN]}: what a run stored, readable. */
@picocli.CommandLine.Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Prints a blob, an attempt's instructions and transcript, or a gate's whole output.",
                "BLOB is a blob's hash, or the first 8 or more of its hex digits: a model turn's request or answer is "
                + "shown message by message, any other blob (a CLI agent's transcript, a team.synod) as it is.",
                "STEP#ATTEMPT (such as impl[dev1]#2) shows the attempt: its instructions, each model turn (what was "
                + "sent, what the model answered), a CLI agent's transcript, how it ended, and its gates and reviews.",
                "STEP alone shows its latest attempt, or for a decide every leader's and voter's turns.",
                "STEP#ATTEMPT:GATE (a gate's name or its position from 1, such as impl[dev1]#2:compile) shows that "
                + "gate's verdict with every diagnostic it journaled."},
        footer = {"", "Exit status: 0 shown, 2 unknown run, step, attempt, gate or blob, or a blob that is missing."})
final class ShowCommand implements Callable<Integer> {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{8,64}");
    private static final Pattern TARGET = Pattern.compile("(?<step>[^#]+)(?:#(?<attempt>\\d+)(?::(?<gate>.+))?)?");
    private static final Pattern NAMED_BLOB = Pattern.compile("(?:synod show|blob) ([0-9a-f]{64})");

    @Spec
    CommandSpec spec;

    @Mixin
    DirOption directory;

    @Parameters(index = "0", paramLabel = "BLOB|STEP#ATTEMPT", description = "What to show: a blob's hash (or its "
            + "first 8 or more digits), STEP, STEP#ATTEMPT or STEP#ATTEMPT:GATE.")
    String what;

    @Parameters(index = "1..*", arity = "0..2", paramLabel = "DIR|RUN", description = DirOption.WORDS)
    List<String> words;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return RunLookup.with(directory, words, (runs, id) -> {
            if (HASH.matcher(what).matches()) {
                String hash = resolveBlob(runs, what);
                printBlob(out, runs, hash);
                return SynodCli.EXIT_OK;
            }
            Matcher m = TARGET.matcher(what);
            if (!m.matches()) {
                throw new SynodException.InvalidInput("expected a blob's hash, STEP, STEP#ATTEMPT or STEP#ATTEMPT:GATE, "
                        + "found '" + what + "'");
            }
            showStep(out, runs, id, m.group("step"), m.group("attempt"), m.group("gate"));
            return SynodCli.EXIT_OK;
        });
    }

    /** The full hash of a blob named by its hash or a unique prefix of it. */
    private static String resolveBlob(Runs runs, String prefix) throws IOException {
        Path dir = runs.blobDirectory().resolve(prefix.substring(0, 2));
        List<String> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(f -> prefix.substring(0, 2) + f.getFileName()).filter(h -> h.startsWith(prefix)
                        && h.length() == 64).forEach(found::add);
            }
        }
        if (found.isEmpty()) {
            throw new SynodException.InvalidInput("no blob " + prefix + " in " + runs.directory()
                    + "; synod log and synod show STEP#ATTEMPT name the blobs of a run");
        }
        if (found.size() > 1) {
            throw new SynodException.InvalidInput("blob " + prefix + " is ambiguous: " + found.size()
                    + " blobs begin with it; give more of its digits");
        }
        return found.get(0);
    }

    private static void printBlob(PrintWriter out, Runs runs, String hash) {
        byte[] bytes = read(runs, hash);
        out.print(TurnText.readable(bytes).orElseGet(() -> new String(bytes, StandardCharsets.UTF_8)));
        out.flush();
    }

    private static byte[] read(Runs runs, String hash) {
        return runs.blobs().get(hash).orElseThrow(() -> new SynodException.InvalidInput("blob " + hash
                + " is missing from " + runs.blobDirectory()));
    }

    private static void showStep(PrintWriter out, Runs runs, String run, String step, String attemptText, String gate) {
        State state = runs.state(run);
        Plan plan = state.plan();
        if (plan.steps().stream().noneMatch(s -> s.id().equals(step))) {
            throw new SynodException.InvalidInput("no step '" + step + "' in run " + run + "; its steps are "
                    + String.join(", ", plan.steps().stream().map(Plan.Step::id).toList()));
        }
        List<Event> events = runs.events(run);
        int attempt = attemptText == null ? state.currentAttempt(step) : Integer.parseInt(attemptText);
        boolean decide = plan.step(step) instanceof Plan.Decide;
        if (!decide && (attempt < 1 || attempt > state.currentAttempt(step))) {
            throw new SynodException.InvalidInput("step '" + step + "' of run " + run + " has no attempt " + attempt
                    + (state.currentAttempt(step) == 0 ? "; it has not started" : "; its attempts are 1 to "
                    + state.currentAttempt(step)));
        }
        List<Command> commands = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof Event.Started s && s.command().step().equals(step) && (decide || attemptOf(s.command()) == attempt)) {
                commands.add(s.command());
            }
        }
        if (gate != null) {
            showGate(out, run, step, attempt, gate, commands, state);
            return;
        }
        out.println((decide ? step : step + "#" + attempt) + " of run " + run);
        for (Command c : commands) {
            showCommand(out, runs, state, events, c);
        }
        out.flush();
    }

    private static void showGate(PrintWriter out, String run, String step, int attempt, String gate,
                                 List<Command> commands, State state) {
        List<Command.RunGate> gates = commands.stream().filter(c -> c instanceof Command.RunGate)
                .map(c -> (Command.RunGate) c).toList();
        Command.RunGate chosen = gates.stream().filter(g -> g.gate().name().equals(gate)
                || gate.equals(Integer.toString(g.index() + 1))).findFirst().orElseThrow(() ->
                new SynodException.InvalidInput("attempt " + step + "#" + attempt + " of run " + run + " ran no gate '" + gate
                        + "'" + (gates.isEmpty() ? "; it ran none" : "; it ran " + String.join(", ",
                        gates.stream().map(g -> g.gate().name()).toList()))));
        out.println("gate " + chosen.gate().name() + (chosen.gate().argument() == null ? "" : " \"" + chosen.gate().argument()
                + "\"") + " of " + step + "#" + attempt + " of run " + run + ", on commit " + chosen.commit());
        Event verdict = state.result(chosen.id()).orElse(null);
        if (verdict == null) {
            out.println("no verdict yet");
        } else {
            Timeline.Entry entry = Timeline.entry(verdict, state.plan());
            out.println(entry.headline());
            entry.details().forEach(out::println);
        }
        out.flush();
    }

    private static void showCommand(PrintWriter out, Runs runs, State state, List<Event> events, Command c) {
        out.println();
        out.println("=== " + heading(c));
        if (c instanceof Command.RunAgent a && !a.diagnostics().isEmpty()) {
            out.println("--- diagnostics of the previous attempt");
            a.diagnostics().forEach(out::println);
        }
        List<Event.TurnRecorded> turns = events.stream().filter(e -> e instanceof Event.TurnRecorded t
                && t.command().equals(c.id())).map(e -> (Event.TurnRecorded) e).toList();
        for (Event.TurnRecorded t : turns) {
            out.println("--- turn " + t.turn() + ": sent (synod show " + t.request() + ")");
            out.print(TurnText.readable(read(runs, t.request()), false).orElse("(not a request blob)\n"));
            out.println("--- turn " + t.turn() + ": answered (synod show " + t.response() + ")");
            out.print(TurnText.readable(read(runs, t.response())).orElse("(not an answer blob)\n"));
        }
        Event result = state.result(c.id()).orElse(null);
        if (result == null) {
            out.println("--- still in flight");
            return;
        }
        Timeline.Entry entry = Timeline.entry(result, state.plan());
        if (entry != null) {
            out.println("--- " + entry.headline());
            entry.details().forEach(out::println);
        }
        // A CLI agent keeps its transcript, and the instructions it was given, as blobs its result names.
        String said = result instanceof Event.AgentFinished f ? switch (f.outcome()) {
            case Event.Outcome.Produced p -> p.summary();
            case Event.Outcome.Crashed k -> k.reason();
            case Event.Outcome.Misconfigured k -> k.reason();
            default -> "";
        } : "";
        Matcher named = NAMED_BLOB.matcher(said == null ? "" : said);
        String transcript = null;
        while (named.find()) {
            transcript = named.group(1);
        }
        if (transcript != null) {
            String text = new String(read(runs, transcript), StandardCharsets.UTF_8);
            Matcher instructions = Pattern.compile("instructions: .*?, blob ([0-9a-f]{64})").matcher(text);
            if (instructions.find()) {
                out.println("--- instructions (synod show " + instructions.group(1) + ")");
                out.println(new String(read(runs, instructions.group(1)), StandardCharsets.UTF_8).strip());
            }
            out.println("--- transcript (synod show " + transcript + ")");
            out.println(text.strip());
        }
    }

    private static String heading(Command c) {
        return switch (c) {
            case Command.RunAgent a -> "attempt " + a.attempt() + " by " + a.role();
            case Command.RunGate g -> "gate " + g.gate().name() + " (synod show " + g.step() + "#" + g.attempt() + ":"
                    + g.gate().name() + ")";
            case Command.RunReview r -> "review by " + r.reviewer();
            case Command.AskHuman h -> "question to a person: " + h.question();
            case Command.AskLeader l -> "asking " + l.role() + " to decide";
            case Command.AskVoter v -> "round " + v.round() + ": asking " + v.role() + " to vote";
            case Command.TallyRound t -> "round " + t.round().number() + " tallied";
            case Command.RecordDecision r -> "decision recorded";
            case Command.Finish f -> "finish";
        };
    }

    private static int attemptOf(Command c) {
        return switch (c) {
            case Command.RunAgent a -> a.attempt();
            case Command.RunGate g -> g.attempt();
            case Command.RunReview r -> r.attempt();
            case Command.AskHuman h -> h.attempt();
            default -> -1;
        };
    }
}
