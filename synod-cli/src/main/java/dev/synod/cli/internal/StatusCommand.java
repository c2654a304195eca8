package dev.synod.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Ids;
import dev.synod.core.Interpreter;
import dev.synod.core.Plan;
import dev.synod.core.State;
import dev.synod.runtime.agents.PersonAgent;
import dev.synod.runtime.engine.People;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod status [RUN] [--json]}: where a run stands, step by step. */
@picocli.CommandLine.Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows where a run of the current directory stands: each step, its attempts, what is in flight.",
        footer = {"", "Exit status: 0 shown, 2 unknown run or unreadable journal."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DirOption directory;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "The run (default: the most recent).")
    String run;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    /** One step's standing, with what its attempts, reviews or leader used. */
    record StepStatus(String step, String status, int attempts, String performer, String commit, long tokens, double usd) {
    }

    /**
     * A step that waits for a person.
     *
     * @param kind      what the person is asked: review, decide, vote or produce
     * @param directory for produce, the personal directory the person edits; null otherwise
     */
    record Personal(String step, String kind,
                    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                    String directory) {
    }

    /**
     * The whole run's standing.
     *
     * @param roles       what each participant used, by role as written
     * @param roleBudgets each role with a budget of its own, with what its replicas used together
     * @param personal    the steps waiting for a person, with what each asks
     */
    record RunStatus(String run, String team, String status, String reason, String branch, long tokens, double usd,
                     List<StepStatus> steps, List<UsageText.Line> roles, List<UsageText.RoleBudget> roleBudgets,
                     List<String> waitingFor, List<Plan.Team> teams, List<dev.synod.core.DecisionStats> decisions,
                     List<Personal> personal) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return RunLookup.with(directory, run, (runs, id) -> {
            RunStatus status = status(id, runs.state(id), models(runs.loaded(id)), runs.work());
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status));
            } else {
                print(out, status);
            }
            return 0;
        });
    }

    /** The model alias of each participant, by role as written ({@code dev[2]}). */
    static Map<String, String> models(dev.synod.runtime.Runs.Loaded loaded) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        loaded.checked().model().ifPresent(m -> m.participants().forEach(r -> m.modelOf(r).ifPresent(a -> out.put(r.display(), a))));
        return out;
    }

    /** The correlation statistics of every recorded decide, question by question, in plan order. */
    static List<dev.synod.core.DecisionStats> decisions(State state, Map<String, String> models) {
        List<dev.synod.core.DecisionStats> out = new ArrayList<>();
        for (Plan.Step step : state.plan().steps()) {
            if (step instanceof Plan.Decide d && state.result(Ids.record(d.id())).isPresent()
                    && state.command(Ids.record(d.id())).orElse(null) instanceof Command.RecordDecision r) {
                out.addAll(dev.synod.core.DecisionStats.of(d, r, models));
            }
        }
        return out;
    }

    /** @param work where the run's working directories are, people's personal directories among them */
    static RunStatus status(String id, State state, Map<String, String> models, java.nio.file.Path work) {
        Map<String, String> accepted = Interpreter.accepted(state);
        List<String> inFlight = state.inFlight().stream().map(Command::step).toList();
        List<StepStatus> steps = new ArrayList<>();
        boolean failed = state.finished().map(f -> !f.succeeded()).orElse(false);
        for (Plan.Step step : state.plan().steps()) {
            int attempts = state.currentAttempt(step.id());
            String performer = step instanceof Plan.Handoff h && attempts > 0 ? h.performer(attempts) : null;
            String s;
            if (accepted.containsKey(step.id()) || step instanceof Plan.Decide && state.result(Ids.record(step.id())).isPresent()) {
                s = "accepted";
            } else if (inFlight.contains(step.id())) {
                s = state.inFlight().stream().anyMatch(c -> c.step().equals(step.id()) && People.kind(c).isPresent())
                        ? "waiting for a person" : "running";
            } else if (failed && (attempts > 0 || state.started(Ids.leader(step.id())) || step instanceof Plan.Decide d
                    && d.voters().stream().anyMatch(v -> state.started(Ids.ballot(d.id(), 1, v))))) {
                s = "failed";
            } else if (attempts > 0) {
                s = "retrying";
            } else {
                s = "pending";
            }
            Event.Usage used = state.usageByStep().getOrDefault(step.id(), Event.Usage.NONE);
            steps.add(new StepStatus(step.id(), s, attempts, performer, accepted.get(step.id()), used.tokens(), used.usd()));
        }
        Event.Usage usage = state.usage();
        String overall = state.finished().map(f -> f.succeeded() ? "succeeded" : "failed").orElse("stopped or running");
        String reason = state.command(Ids.FINISH).map(c -> ((Command.Finish) c).reason()).orElse(null);
        List<Personal> personal = new ArrayList<>();
        for (Command c : state.inFlight()) {
            People.kind(c).ifPresent(kind -> personal.add(new Personal(c.step(), kind.json(), c instanceof Command.RunAgent a
                    ? PersonAgent.directory(PersonAgent.root(work), id, a.step(), a.attempt()).toString() : null)));
        }
        List<String> waiting = personal.stream().map(Personal::step).distinct().toList();
        return new RunStatus(id, state.plan().team(), overall, reason, state.finished().map(Event.RunFinished::branch)
                .orElse(null), usage.tokens(), usage.usd(), steps, UsageText.byRole(state), UsageText.roleBudgets(state), waiting,
                state.plan().teams(), decisions(state, models), personal);
    }

    private static void print(PrintWriter out, RunStatus s) {
        out.println("run " + s.run() + " of team " + s.team() + ": " + s.status()
                + (s.reason() == null ? "" : " (" + s.reason() + ")"));
        if (s.branch() != null) {
            out.println("branch " + s.branch());
        }
        int width = s.steps().stream().mapToInt(x -> x.step().length()).max().orElse(4);
        for (StepStatus step : s.steps()) {
            String attempts = step.attempts() == 0 ? "" : step.attempts() + " attempt" + (step.attempts() == 1 ? "" : "s")
                    + (step.performer() == null ? "" : ", last by " + step.performer());
            String used = step.tokens() == 0 && step.usd() == 0 ? "" : UsageText.describe(step.tokens(), step.usd());
            out.printf("  %-" + width + "s  %-20s%s%n", step.step(), step.status(),
                    attempts + (!attempts.isEmpty() && !used.isEmpty() ? "; " : "") + used);
        }
        for (Plan.Team team : s.teams()) {
            out.println("team " + team.name() + " -> lead " + team.lead() + " -> members " + String.join(", ", team.members()));
            s.steps().stream().filter(step -> team.steps().contains(step.step()))
                    .forEach(step -> out.printf("  %-" + width + "s  %s%n", step.step(), step.status()));
        }
        for (dev.synod.core.DecisionStats d : s.decisions()) {
            out.printf(java.util.Locale.ROOT, "decision %s: %s (%s; %d round%s, first-round agreement %.0f%%)%n", d.question(),
                    d.outcome(), d.how(), d.rounds(), d.rounds() == 1 ? "" : "s", 100 * d.firstRoundAgreement());
            if (!d.ballotsByModel().isEmpty()) {
                out.println("  ballots by model: " + d.ballotsByModel());
            }
            d.warnings().forEach(w -> out.println("  warning: " + w));
        }
        out.println("usage: " + UsageText.describe(s.tokens(), s.usd()));
        UsageText.print(out, s.roles(), s.roleBudgets());
        for (Personal p : s.personal()) {
            out.println("waiting for a person: " + p.step() + " (" + p.kind() + (p.directory() == null ? ""
                    : ", edit the files in " + p.directory()) + "): synod answer " + s.run() + " " + p.step()
                    + (p.kind().equals("decide") || p.kind().equals("vote") ? " --option …" : " --approve | --reject"));
        }
    }

}
