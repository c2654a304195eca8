package dev.synod.cli.internal;

import dev.synod.core.SynodException;
import dev.synod.cli.SynodCli;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Plan;
import dev.synod.core.State;
import dev.synod.runtime.Runs;
import dev.synod.runtime.engine.Answers;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod answer [RUN] STEP --approve|--reject [--comment …]|--option X}: answers a person's step. */
@picocli.CommandLine.Command(name = "answer", mixinStandardHelpOptions = true,
        description = {"Answers a step that waits for a person.",
                "Approve or reject a review by human, or choose the options of a decide led by human (--option X, or "
                        + "--option question=X for several)."},
        footer = {"", "Exit status: 0 answered, 2 no such run or step, or the step does not wait for a person."})
final class AnswerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DirOption directory;

    @Parameters(arity = "1..3", paramLabel = "[DIR|RUN] STEP", description = {"The step that waits, the last word; "
            + "before it, the run directory (a word that names an existing directory; default: the current directory) "
            + "and the run (any other word; default: the most recent run)."})
    List<String> words;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--approve", description = "Approve the step's artifact.")
        boolean approve;

        @Option(names = "--reject", description = "Reject it; the producer tries again with your comment.")
        boolean reject;

        @Option(names = "--option", paramLabel = "X", description = "The chosen option of a decide.")
        List<String> options;
    }

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why you answer so; the producer reads it on a rejection.")
    String comment = "";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String step = words.get(words.size() - 1);
        DirOption.Target target = directory.target(words.subList(0, words.size() - 1));
        try (Runs runs = Runs.open(target.dir(), Clock.SYSTEM)) {
            String id = runs.resolve(target.run());
            State state = runs.state(id);
            Optional<Command> waiting = state.inFlight().stream().filter(c -> c.step().equals(step))
                    .filter(c -> c instanceof Command.AskHuman || c instanceof Command.AskLeader l && l.role().equals("human"))
                    .findFirst();
            if (waiting.isEmpty()) {
                List<String> open = state.inFlight().stream().filter(c -> c instanceof Command.AskHuman
                        || c instanceof Command.AskLeader).map(Command::step).toList();
                throw new SynodException.InvalidInput("step '" + step + "' of run " + id + " does not wait for a person"
                        + (open.isEmpty() ? "; no step does" : "; waiting: " + String.join(", ", open)));
            }
            Command c = waiting.get();
            Answers.Answer answer;
            if (c instanceof Command.AskLeader) {
                if (choice.options == null) {
                    throw new SynodException.InvalidInput("step '" + step + "' is a decide: answer it with --option X");
                }
                answer = new Answers.Answer(true, comment, options((Plan.Decide) state.plan().step(step), choice.options));
            } else {
                if (choice.options != null) {
                    throw new SynodException.InvalidInput("step '" + step + "' asks for an approval: answer it with --approve or --reject");
                }
                answer = new Answers.Answer(choice.approve, comment, Map.of());
            }
            Answers.write(runs.answers(), id, c.id(), answer);
            out.println("answered " + step + " of run " + id + "; an active run picks it up now, a stopped one on synod resume "
                    + id);
            return SynodCli.EXIT_OK;
        }
    }

    private static Map<String, String> options(Plan.Decide decide, List<String> given) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String g : given) {
            int eq = g.indexOf('=');
            if (eq > 0) {
                answers.put(g.substring(0, eq), g.substring(eq + 1));
            } else if (decide.questions().size() == 1) {
                answers.put(decide.questions().get(0), g);
            } else {
                throw new SynodException.InvalidInput("this decide settles " + String.join(", ", decide.questions())
                        + ": give --option question=X for each");
            }
        }
        return answers;
    }
}
