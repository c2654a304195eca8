package dev.synod.cli.internal;

import dev.synod.core.SynodException;
import dev.synod.cli.SynodCli;
import dev.synod.core.Command;
import dev.synod.core.DecideProtocol;
import dev.synod.core.State;
import dev.synod.temporal.PersonAnswer;
import dev.synod.runtime.engine.Answers;
import dev.synod.runtime.engine.People;
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
                "Approve or reject a review by human; approve (done) or reject (give up) an attempt a person produced "
                        + "in their directory; or choose the options of a decide led by human or of a human voter's ballot "
                        + "(--option X, or --option question=X for several)."},
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
        @Option(names = "--approve", description = "Approve a review, or say a person's attempt is done.")
        boolean approve;

        @Option(names = "--reject", description = "Reject a review (the producer tries again with your comment), or give "
                + "a person's attempt up.")
        boolean reject;

        @Option(names = "--option", paramLabel = "X", description = "The chosen option of a decide.")
        List<String> options;
    }

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why you answer so; the producer reads it on a rejection.")
    String comment = "";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String step = words.get(words.size() - 1);
        return RunLookup.withSource(directory, words.subList(0, words.size() - 1), (runs, run) -> {
            String id = run.id();
            State state = run.state();
            Optional<Command> waiting = state.inFlight().stream().filter(c -> c.step().equals(step))
                    .filter(c -> People.kind(c).isPresent()).findFirst();
            if (waiting.isEmpty()) {
                List<String> open = state.inFlight().stream().filter(c -> People.kind(c).isPresent())
                        .map(c -> c.step() + " (" + People.kind(c).orElseThrow().json() + ")").distinct().toList();
                throw new SynodException.InvalidInput("step '" + step + "' of run " + id + " does not wait for a person"
                        + (open.isEmpty() ? "; no step does" : "; waiting for a person: " + String.join(", ", open)));
            }
            Command c = waiting.get();
            Answers.Answer answer = switch (People.kind(c).orElseThrow()) {
                case DECIDE, VOTE -> {
                    if (choice.options == null) {
                        throw new SynodException.InvalidInput("step '" + step + "' asks a person to "
                                + (c instanceof Command.AskVoter ? "vote" : "decide") + ": answer it with --option X");
                    }
                    Map<String, List<String>> questions = People.questions(state.plan(), c);
                    Map<String, String> chosen = options(questions, choice.options);
                    // The rule that makes an agent's answer a ballot, so a typo is refused here rather than lost.
                    String problem = DecideProtocol.invalid(questions, List.copyOf(questions.keySet()), chosen);
                    if (problem != null) {
                        throw new SynodException.InvalidInput("the answer to step '" + step + "' does not settle it: " + problem);
                    }
                    yield new Answers.Answer(true, comment, chosen);
                }
                case REVIEW, PRODUCE -> {
                    if (choice.options != null) {
                        throw new SynodException.InvalidInput("step '" + step + "' asks a person to "
                                + (c instanceof Command.RunAgent ? "produce it" : "approve it")
                                + ": answer it with --approve or --reject");
                    }
                    yield new Answers.Answer(choice.approve, comment, Map.of());
                }
            };
            if (run instanceof RunSource.Temporal temporal) {
                try {
                    // The workflow's update: refused by its validator, before it reaches the history, when nothing waits.
                    temporal.workflow().answer(new PersonAnswer(c.id(), answer.approved(), answer.comment(), answer.options()));
                } catch (io.temporal.client.WorkflowUpdateException e) {
                    throw new SynodException.InvalidInput("the workflow of run " + id + " refused the answer to step '" + step
                            + "': " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                }
                out.println("answered " + step + " of run " + id + " on Temporal; the run goes on");
                return SynodCli.EXIT_OK;
            }
            Answers.write(runs.answers(), id, c.id(), answer);
            out.println("answered " + step + " of run " + id + "; an active run picks it up now, a stopped one on synod resume "
                    + id);
            return SynodCli.EXIT_OK;
        });
    }

    /** The chosen options by question: {@code question=X}, or {@code X} alone when one question is asked. */
    private static Map<String, String> options(Map<String, List<String>> questions, List<String> given) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String g : given) {
            int eq = g.indexOf('=');
            if (eq > 0) {
                answers.put(g.substring(0, eq), g.substring(eq + 1));
            } else if (questions.size() == 1) {
                answers.put(questions.keySet().iterator().next(), g);
            } else {
                throw new SynodException.InvalidInput("this step asks " + String.join(", ", questions.keySet())
                        + ": give --option question=X for each");
            }
        }
        return answers;
    }
}
