package dev.synod.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a journal says so far: which commands started, what they answered, the usage, the
 * failure detector's per-role timeouts. Built only by {@link Interpreter#fold}; the interpreter
 * derives everything else (step status, the next commands) from it.
 */
public final class State {
    private final Plan plan;
    private final Budget budget;
    private Event.RunStarted runStarted;
    private final Map<String, Command> started = new LinkedHashMap<>();
    private final Map<String, Event> results = new HashMap<>();
    private final Map<String, Integer> currentAttempt = new HashMap<>();
    private final Map<String, Long> grownTimeouts = new HashMap<>();
    private Event.Usage usage = Event.Usage.NONE;
    private final Map<String, Event.Usage> roleUsage = new LinkedHashMap<>();
    private final Map<String, Event.Usage> stepUsage = new LinkedHashMap<>();
    private final Map<String, java.util.List<Event.TurnRecorded>> turns = new HashMap<>();
    private Event.DeadlinePassed deadlinePassed;
    private Event.RunFinished finished;

    private final Map<String, Plan.Step> steps = new HashMap<>();
    private final Map<String, String> settled = new HashMap<>();

    State(Plan plan, Budget budget) {
        this.plan = plan;
        this.budget = budget;
        plan.steps().forEach(s -> steps.putIfAbsent(s.id(), s));
    }

    /**
     * The commit of a step the interpreter found accepted ("" for a decide), remembered because
     * events only ever add: a step once accepted stays accepted, and re-deriving it on every turn
     * made replay quadratic in the length of the plan.
     */
    java.util.Optional<String> settled(String step) {
        return java.util.Optional.ofNullable(settled.get(step));
    }

    void settle(String step, String commit) {
        settled.put(step, commit);
    }

    /** The plan's step with this id, in constant time: the interpreter asks for every step on every turn. */
    Plan.Step step(String id) {
        Plan.Step step = steps.get(id);
        if (step == null) {
            throw new IllegalArgumentException("no step '" + id + "' in the plan of team " + plan.team());
        }
        return step;
    }

    void apply(Event event) {
        switch (event) {
            case Event.RunStarted e -> runStarted = e;
            case Event.Started e -> {
                started.put(e.command().id(), e.command());
                if (e.command() instanceof Command.RunAgent run) {
                    currentAttempt.merge(run.step(), run.attempt(), Math::max);
                }
            }
            case Event.AgentFinished e -> {
                results.put(e.command(), e);
                spend(e.command(), e.usage());
            }
            case Event.ReviewFinished e -> {
                results.put(e.command(), e);
                spend(e.command(), e.usage());
            }
            case Event.LeaderAnswered e -> {
                results.put(e.command(), e);
                spend(e.command(), e.usage());
            }
            case Event.BallotCast e -> {
                results.put(e.command(), e);
                spend(e.command(), e.usage());
            }
            case Event.RoundTallied e -> results.put(e.command(), e);
            case Event.TurnRecorded e -> {
                turns.computeIfAbsent(e.command(), k -> new java.util.ArrayList<>()).add(e);
                count(e.role(), e.command(), e.usage());
            }
            case Event.GateFinished e -> results.put(e.command(), e);
            case Event.HumanAnswered e -> results.put(e.command(), e);
            case Event.DecisionRecorded e -> results.put(e.command(), e);
            case Event.ProviderRetried e -> {
                // a sign of life within an attempt, not a result
            }
            case Event.LateAnswer e -> grownTimeouts.merge(e.role(), FailureDetector.grownAfterLateAnswer(e.elapsedMillis()),
                    Math::max);
            case Event.DeadlinePassed e -> deadlinePassed = e;
            case Event.RunFinished e -> {
                results.put(e.command(), e);
                finished = e;
            }
        }
    }

    /**
     * Counts what a command's result says it used, less what its recorded turns already counted:
     * a result's usage is the whole attempt's, turns included.
     */
    private void spend(String commandId, Event.Usage total) {
        Event.Usage counted = Event.Usage.NONE;
        for (Event.TurnRecorded t : turns.getOrDefault(commandId, java.util.List.of())) {
            counted = counted.plus(t.usage());
        }
        Event.Usage rest = new Event.Usage(Math.max(0, total.inputTokens() - counted.inputTokens()),
                Math.max(0, total.outputTokens() - counted.outputTokens()), Math.max(0, total.usd() - counted.usd()));
        Command command = started.get(commandId);
        count(command == null ? "" : roleOf(command), commandId, rest);
    }

    private void count(String role, String commandId, Event.Usage spent) {
        usage = usage.plus(spent);
        roleUsage.merge(role, spent, Event.Usage::plus);
        Command command = started.get(commandId);
        stepUsage.merge(command == null ? "" : command.step(), spent, Event.Usage::plus);
    }

    /** The role whose model a command calls (producer, reviewer or leader), or "" for other commands. */
    public static String roleOf(Command c) {
        return switch (c) {
            case Command.RunAgent a -> a.role();
            case Command.RunReview r -> r.reviewer();
            case Command.AskLeader l -> l.role();
            case Command.AskVoter v -> v.role();
            default -> "";
        };
    }

    public Plan plan() {
        return plan;
    }

    public Budget budget() {
        return budget;
    }

    /** The first event, once journaled. */
    public Optional<Event.RunStarted> runStarted() {
        return Optional.ofNullable(runStarted);
    }

    /** The command journaled with this id, if it started. */
    public Optional<Command> command(String commandId) {
        return Optional.ofNullable(started.get(commandId));
    }

    public boolean started(String commandId) {
        return started.containsKey(commandId);
    }

    /** Commands started whose result is not journaled: in flight, or lost in a crash. */
    public java.util.List<Command> inFlight() {
        return started.values().stream().filter(c -> !results.containsKey(c.id())).toList();
    }

    /** The result event of a command, if journaled. */
    public Optional<Event> result(String commandId) {
        return Optional.ofNullable(results.get(commandId));
    }

    /** The highest attempt of a hand-off that started, or 0. */
    public int currentAttempt(String step) {
        return currentAttempt.getOrDefault(step, 0);
    }

    /** The timeout of a role's next step: {@code within}, grown after late answers. */
    public long timeoutMillis(String role, long withinSeconds) {
        return FailureDetector.timeoutMillis(withinSeconds, grownTimeouts.getOrDefault(role, 0L));
    }

    /** What the run used so far, turns of attempts still in flight included. */
    public Event.Usage usage() {
        return usage;
    }

    /** What each role used so far, by role as written (such as {@code dev[2]}), in order of first use. */
    public Map<String, Event.Usage> usageByRole() {
        return java.util.Collections.unmodifiableMap(roleUsage);
    }

    /** What each step used so far (its attempts, reviews or leader's answer), by step id, in order of first use. */
    public Map<String, Event.Usage> usageByStep() {
        return java.util.Collections.unmodifiableMap(stepUsage);
    }

    /** The model turns journaled for a command, oldest first. */
    public java.util.List<Event.TurnRecorded> turns(String commandId) {
        return java.util.List.copyOf(turns.getOrDefault(commandId, java.util.List.of()));
    }

    public Optional<Event.DeadlinePassed> deadlinePassed() {
        return Optional.ofNullable(deadlinePassed);
    }

    public Optional<Event.RunFinished> finished() {
        return Optional.ofNullable(finished);
    }

}
