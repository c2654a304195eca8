package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** For random agent, gate and review outcomes, every journal replays to identical commands. */
class DeterminismProperties {
    private static final Plan PLAN = Driver.plan(InterpreterTest.TEAM);

    @Property(tries = 300, seed = "20261128")
    void every_journal_replays_to_identical_commands(@ForAll long seed, @ForAll @IntRange(min = 0, max = 100) int failurePercent) {
        Random random = new Random(seed);
        Driver d = new Driver(PLAN, Budget.UNLIMITED, seed);
        d.run(c -> randomOutcome(c, random, failurePercent, d), 500);

        assertThat(Replay.check(PLAN, Budget.UNLIMITED, d.journal)).isEmpty();
        Command.Finish finish = d.finish();
        assertThat(d.state.finished()).isPresent();
        Set<String> ids = new HashSet<>();
        for (Command c : d.started()) {
            assertThat(ids.add(c.id())).as("command %s started twice", c.id()).isTrue();
        }
        if (finish.succeeded()) {
            assertThat(finish.accepted()).containsOnlyKeys("api", "impl[dev1]", "impl[dev2]", "release");
            // An accepted artifact is the commit of an attempt whose gates all passed.
            finish.accepted().values().forEach(commit -> assertThat(commit).startsWith("c-agent:"));
        } else {
            assertThat(finish.reason()).isNotBlank();
        }
        // Folding the whole journal at once gives the same next commands as folding it event by event.
        assertThat(Interpreter.next(Interpreter.fold(PLAN, Budget.UNLIMITED, d.journal))).isEqualTo(Interpreter.next(d.state));
    }

    private static Event randomOutcome(Command c, Random random, int failurePercent, Driver d) {
        boolean fail = random.nextInt(100) < failurePercent;
        return switch (c) {
            case Command.RunAgent a -> new Event.AgentFinished(a.id(), fail
                    ? (random.nextBoolean() ? new Event.Outcome.Crashed("boom") : new Event.Outcome.TimedOut(a.timeoutMillis()))
                    : new Event.Outcome.Produced("c-" + a.id(), "ok"), new Event.Usage(10, 10, 0), d.now());
            case Command.RunGate g -> new Event.GateFinished(g.id(), fail ? Event.Verdict.FAIL : Event.Verdict.PASS,
                    fail ? List.of("X.java:1:1: no") : List.of(), false, d.now());
            case Command.RunReview r -> new Event.ReviewFinished(r.id(), !fail, fail ? "no" : "", Event.Usage.NONE, d.now());
            case Command.AskHuman h -> new Event.HumanAnswered(h.id(), !fail, "", d.now());
            case Command.AskLeader l -> new Event.LeaderAnswered(l.id(), fail ? Map.of() : Map.of("money", "long cents"),
                    "", fail ? "crashed" : null, Event.Usage.NONE, d.now());
            case Command.AskVoter v -> {
                Map<String, String> answers = new java.util.LinkedHashMap<>();
                v.questions().forEach(q -> answers.put(q, random.nextBoolean() ? "long cents" : "BigDecimal"));
                yield new Event.BallotCast(v.id(), fail ? Map.of() : answers, "", fail ? "crashed" : null,
                        Event.Usage.NONE, d.now());
            }
            case Command.TallyRound t -> new Event.RoundTallied(t.id(), d.now());
            case Command.RecordDecision r -> new Event.DecisionRecorded(r.id(), "d", "p", d.now());
            case Command.Finish f -> throw new IllegalStateException("finish is answered by the driver");
        };
    }
}
