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

/** {@code synod status [DIR|RUN] [--json]}: where a run stands, step by step. */
@picocli.CommandLine.Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows where a run stands, step by step.",
                "The first line says whether the run is running (and in which process), waiting for a person, stopped "
                        + "(no live process runs it: resume it), succeeded or failed. Each step follows with its attempt, "
                        + "its state and how long a running one has run; then what each step and role used."},
        footer = {"", "Exit status: 0 shown, 2 unknown run or unreadable journal."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DirOption directory;

    @Parameters(arity = "0..2", paramLabel = "DIR|RUN", description = DirOption.WORDS)
    java.util.List<String> words;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    /**
     * One step's standing, with what its attempts, reviews or leader used.
     *
     * @param since when what is in flight of it started, while the run is active; else null
     */
    record StepStatus(String step, String status, int attempt, String performer, String commit, long tokens, double usd,
                      java.time.Instant since, List<AttemptGates> attempts) {
    }

    /**
     * One attempt of a hand-off with the verdicts of its gates so far, in the plan's order: an
     * element of a step's {@code attempts}, whose {@code attempt} is the number of the current one.
     */
    record AttemptGates(int attempt, String performer, List<GateVerdict> gates) {
    }

    /**
     * A gate's verdict on an attempt.
     *
     * @param verdict {@code pass}, {@code fail} or {@code error}
     * @param millis  how long its effect took (for a cached verdict, the lookup); null when unknown
     *                (a journal older than the duration, or a gate whose effect crashed)
     */
    record GateVerdict(String gate, String verdict, boolean cached, Long millis) {
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
     * @param status      the state in words, as the first line shows it ({@code running (pid 12)})
     * @param state       {@code running}, {@code waiting} (for a person, while the run is active),
     *                    {@code stopped} (not finished, and no live process runs it), {@code succeeded}
     *                    or {@code failed}
     * @param pid         the process running it, while it is active; else null
     * @param at          when the status was taken, which the running steps' times are measured to
     */
    record RunStatus(String run, String team, String status, String reason, String branch, long tokens, double usd,
                     List<StepStatus> steps, List<UsageText.Line> roles, List<UsageText.RoleBudget> roleBudgets,
                     List<String> waitingFor, List<Plan.Team> teams, List<dev.synod.core.DecisionStats> decisions,
                     List<Personal> personal, String state, Long pid, java.time.Instant at) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return RunLookup.withSource(directory, words, (runs, run) -> {
            RunStatus status = status(run.id(), run.state(), models(run.loaded()), runs.work(), starts(run.events()),
                    run instanceof RunSource.Journal j ? j.pid() : null, run.runner().orElse(null), java.time.Instant.now());
            if (json) {
                out.println(new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status));
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

    /** When each command was started, by its id. */
    static Map<String, java.time.Instant> starts(List<Event> events) {
        Map<String, java.time.Instant> out = new java.util.HashMap<>();
        events.forEach(e -> {
            if (e instanceof Event.Started s) {
                out.put(s.command().id(), s.at());
            }
        });
        return out;
    }

    /**
     * The standing of a run.
     *
     * @param work   where the run's working directories are, people's personal directories among them
     * @param starts when each command started ({@link #starts})
     * @param pid    the live process that runs it, or null when none does
     * @param now    the time running steps are measured to
     */
    static RunStatus status(String id, State state, Map<String, String> models, java.nio.file.Path work,
                            Map<String, java.time.Instant> starts,
                            Long pid, java.time.Instant now) {
        return status(id, state, models, work, starts, pid, pid == null ? null : "pid " + pid, now);
    }

    /**
     * {@link #status(String, State, Map, java.nio.file.Path, Map, Long, java.time.Instant)} of a run
     * that {@code runner} runs ({@code pid 12}, {@code on Temporal 127.0.0.1:7233 (namespace default)}),
     * or nothing when it is null.
     */
    static RunStatus status(String id, State state, Map<String, String> models, java.nio.file.Path work,
                            Map<String, java.time.Instant> starts,
                            Long pid, String runner, java.time.Instant now) {
        Map<String, String> accepted = Interpreter.accepted(state);
        boolean active = runner != null && state.finished().isEmpty();
        List<String> inFlight = state.inFlight().stream().map(Command::step).toList();
        List<StepStatus> steps = new ArrayList<>();
        boolean failed = state.finished().map(f -> !f.succeeded()).orElse(false);
        for (Plan.Step step : state.plan().steps()) {
            int attempts = state.currentAttempt(step.id());
            String performer = step instanceof Plan.Handoff h && attempts > 0 ? h.performer(attempts) : null;
            String s;
            java.time.Instant since = null;
            if (accepted.containsKey(step.id()) || step instanceof Plan.Decide && state.result(Ids.record(step.id())).isPresent()) {
                s = "accepted";
            } else if (inFlight.contains(step.id()) && !active) {
                // In flight when its process ended: nothing runs it until synod resume.
                s = state.finished().isPresent() ? "cut short" : "stopped";
            } else if (inFlight.contains(step.id())) {
                s = state.inFlight().stream().anyMatch(c -> c.step().equals(step.id()) && People.kind(c).isPresent())
                        ? "waiting for a person" : "running";
                since = state.inFlight().stream().filter(c -> c.step().equals(step.id())).map(c -> starts.get(c.id()))
                        .filter(java.util.Objects::nonNull).min(java.util.Comparator.naturalOrder()).orElse(null);
            } else if (failed && (attempts > 0 || state.started(Ids.leader(step.id())) || step instanceof Plan.Decide d
                    && d.voters().stream().anyMatch(v -> state.started(Ids.ballot(d.id(), 1, v))))) {
                s = "failed";
            } else if (attempts > 0) {
                s = "retrying";
            } else {
                s = "pending";
            }
            Event.Usage used = state.usageByStep().getOrDefault(step.id(), Event.Usage.NONE);
            steps.add(new StepStatus(step.id(), s, attempts, performer, accepted.get(step.id()), used.tokens(), used.usd(),
                    since, history(state, step)));
        }
        Event.Usage usage = state.usage();
        List<Personal> personal = new ArrayList<>();
        for (Command c : state.inFlight()) {
            People.kind(c).ifPresent(kind -> personal.add(new Personal(c.step(), kind.json(), c instanceof Command.RunAgent a
                    ? PersonAgent.directory(PersonAgent.root(work), id, a.step(), a.attempt()).toString() : null)));
        }
        List<String> waiting = personal.stream().map(Personal::step).distinct().toList();
        String runState = state.finished().map(f -> f.succeeded() ? "succeeded" : "failed")
                .orElse(!active ? "stopped" : waiting.isEmpty() ? "running" : "waiting");
        String overall = switch (runState) {
            case "running" -> "running (" + runner + ")";
            case "waiting" -> "waiting for a person (" + runner + ")";
            case "stopped" -> "stopped (resume with synod resume " + id + ")";
            default -> runState;
        };
        String reason = state.command(Ids.FINISH).map(c -> ((Command.Finish) c).reason()).orElse(null);
        return new RunStatus(id, state.plan().team(), overall, reason, state.finished().map(Event.RunFinished::branch)
                .orElse(null), usage.tokens(), usage.usd(), steps, UsageText.byRole(state), UsageText.roleBudgets(state), waiting,
                state.plan().teams(), decisions(state, models), personal, runState, active ? pid : null, now);
    }

    /** The attempts of a hand-off with the gates that gave a verdict on each; none for other steps. */
    static List<AttemptGates> history(State state, Plan.Step step) {
        if (!(step instanceof Plan.Handoff h)) {
            return List.of();
        }
        List<AttemptGates> out = new ArrayList<>();
        for (int attempt = 1; attempt <= state.currentAttempt(step.id()); attempt++) {
            List<GateVerdict> gates = new ArrayList<>();
            for (int i = 0; i < h.gates().size(); i++) {
                if (state.result(Ids.gate(step.id(), attempt, i)).orElse(null) instanceof Event.GateFinished g) {
                    gates.add(new GateVerdict(h.gates().get(i).name(), g.verdict().name().toLowerCase(java.util.Locale.ROOT),
                            g.cached(), g.millis()));
                }
            }
            out.add(new AttemptGates(attempt, h.performer(attempt), gates));
        }
        return out;
    }

    static void print(PrintWriter out, RunStatus s) {
        out.println("run " + s.run() + " of team " + s.team() + ": " + s.status()
                + (s.reason() == null ? "" : " (" + s.reason() + ")"));
        if (s.branch() != null) {
            out.println("branch " + s.branch());
        }
        List<List<String>> rows = new ArrayList<>();
        for (StepStatus step : s.steps()) {
            String used = step.tokens() == 0 && step.usd() == 0 ? "" : UsageText.describe(step.tokens(), step.usd());
            rows.add(List.of(step.step(), step.attempt() == 0 ? "" : "attempt " + step.attempt(),
                    step.status() + (step.since() == null ? "" : " " + elapsed(java.time.Duration.between(step.since(), s.at()))),
                    step.performer() == null ? "" : "by " + step.performer(), used));
        }
        table(out, rows);
        int width = s.steps().stream().mapToInt(x -> x.step().length()).max().orElse(4);
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
                    + (p.kind().equals("decide") || p.kind().equals("vote") ? " --option …" : " --approve | --reject")
                    + (s.state().equals("stopped") ? ", then synod resume " + s.run() : ""));
        }
    }

    /** Rows as columns two spaces apart, each as wide as its widest cell; trailing blanks left out. */
    static void table(PrintWriter out, List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length())).append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** {@code 45s}, {@code 1m12s}, {@code 2h05m}: how long a step has run, to the second. */
    static String elapsed(java.time.Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(java.util.Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + String.format(java.util.Locale.ROOT, "%02d", seconds / 60 % 60) + "m";
    }

}
