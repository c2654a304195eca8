package dev.synod.core;

import dev.synod.lang.CheckOptions;
import dev.synod.lang.CheckResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs the interpreter against scripted effects, in memory: what an engine does, minus the
 * durability. Results of concurrently started commands are delivered in a seeded random order.
 */
final class Driver {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final Plan plan;
    final Budget budget;
    final List<Event> journal = new ArrayList<>();
    final State state;
    private final Random random;
    private long clock;

    Driver(Plan plan, Budget budget, long seed) {
        this.plan = plan;
        this.budget = budget;
        this.random = new Random(seed);
        this.state = Interpreter.fold(plan, budget, List.of());
        append(new Event.RunStarted("run-1", plan.team(), "plan", null, "base", seed, now()));
    }

    static Plan plan(String source) {
        CheckResult checked = Synod.check(new SourceFile("team.synod", source), CheckOptions.none());
        return PlanCompiler.compile(checked);
    }

    Instant now() {
        return T0.plusSeconds(clock++);
    }

    void append(Event event) {
        journal.add(event);
        Interpreter.apply(state, event);
    }

    /** Starts every command next() gives and answers them with {@code effects}, until the run ends or nothing moves. */
    Driver run(Function<Command, Event> effects, int maxRounds) {
        for (int round = 0; round < maxRounds && state.finished().isEmpty(); round++) {
            List<Command> commands = new ArrayList<>(Interpreter.next(state));
            if (commands.isEmpty()) {
                return this;
            }
            commands.forEach(c -> append(new Event.Started(c, now())));
            java.util.Collections.shuffle(commands, random);
            for (Command c : commands) {
                Event result = c instanceof Command.Finish f
                        ? new Event.RunFinished(f.id(), f.succeeded(), f.succeeded() ? "synod/run-1" : null, now())
                        : effects.apply(c);
                if (result != null) {
                    append(result);
                }
            }
        }
        return this;
    }

    Command.Finish finish() {
        return journal.stream().filter(e -> e instanceof Event.Started s && s.command() instanceof Command.Finish)
                .map(e -> (Command.Finish) ((Event.Started) e).command()).findFirst()
                .orElseThrow(() -> new AssertionError("the run did not finish: " + journal));
    }

    List<Command> started() {
        return journal.stream().filter(Event.Started.class::isInstance).map(e -> ((Event.Started) e).command()).toList();
    }

    /** Effects where every agent produces, every gate passes and every review approves. */
    static Event happy(Command c, Instant at) {
        return switch (c) {
            case Command.RunAgent a -> new Event.AgentFinished(a.id(), new Event.Outcome.Produced("c-" + a.id(), "done"),
                    new Event.Usage(100, 50, 0.01), at);
            case Command.RunGate g -> new Event.GateFinished(g.id(), Event.Verdict.PASS, List.of(), false, at);
            case Command.RunReview r -> new Event.ReviewFinished(r.id(), true, "ok", Event.Usage.NONE, at);
            case Command.AskHuman h -> new Event.HumanAnswered(h.id(), true, "", at);
            case Command.AskLeader l -> new Event.LeaderAnswered(l.id(), java.util.Map.of("money", "long cents"),
                    "simplest", null, Event.Usage.NONE, at);
            case Command.AskVoter v -> {
                java.util.Map<String, String> answers = new java.util.LinkedHashMap<>();
                v.questions().forEach(q -> answers.put(q, "long cents"));
                yield new Event.BallotCast(v.id(), answers, "simplest", null, Event.Usage.NONE, at);
            }
            case Command.TallyRound t -> new Event.RoundTallied(t.id(), at);
            case Command.RecordDecision r -> new Event.DecisionRecorded(r.id(), "d-" + r.step(), "docs/decisions/0001.md", at);
            case Command.Finish f -> throw new IllegalStateException("finish is answered by the driver");
        };
    }
}
