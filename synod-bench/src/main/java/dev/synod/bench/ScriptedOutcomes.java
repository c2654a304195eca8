package dev.synod.bench;

import dev.synod.core.Blobs;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Plan;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plausible answers to every command: agents produce a commit with {@code summary} as their
 * response, gates pass, reviews and people approve, leaders choose each question's first option.
 * When {@code failGateEvery} is positive, the first gate of the first attempt of every
 * {@code failGateEvery}-th hand-off (in plan order) fails, so that the run retries as real runs do.
 * Commit ids are derived from the command's id, so the same plan gives the same events.
 */
public record ScriptedOutcomes(Plan plan, String summary, int failGateEvery) implements ScriptedRun.Script {
    private static final Event.Usage USAGE = new Event.Usage(12_000, 900, 0.02);

    public ScriptedOutcomes {
        if (failGateEvery < 0) {
            throw new IllegalArgumentException("failGateEvery must not be negative, found " + failGateEvery);
        }
    }

    @Override
    public Event answer(Command command, Instant at) {
        return switch (command) {
            case Command.RunAgent c -> new Event.AgentFinished(c.id(), new Event.Outcome.Produced(commitOf(c.id()),
                    summary), USAGE, at);
            case Command.RunGate c -> fails(c)
                    ? new Event.GateFinished(c.id(), Event.Verdict.FAIL, List.of("src/Main.java:3:5: cannot find symbol"),
                    false, at)
                    : new Event.GateFinished(c.id(), Event.Verdict.PASS, List.of(), false, at);
            case Command.RunReview c -> new Event.ReviewFinished(c.id(), true, "looks right", USAGE, at);
            case Command.AskHuman c -> new Event.HumanAnswered(c.id(), true, "", at);
            case Command.AskLeader c -> new Event.LeaderAnswered(c.id(), firstOptions((Plan.Decide) plan.step(c.step())),
                    "the simplest option", null, USAGE, at);
            case Command.AskVoter c -> {
                Map<String, String> answers = new LinkedHashMap<>(firstOptions((Plan.Decide) plan.step(c.step())));
                answers.keySet().retainAll(c.questions());
                yield new Event.BallotCast(c.id(), answers, "the simplest option", null, USAGE, at);
            }
            case Command.TallyRound c -> new Event.RoundTallied(c.id(), at);
            case Command.RecordDecision c -> new Event.DecisionRecorded(c.id(), commitOf(c.id()),
                    "docs/decisions/" + c.step() + ".md", at);
            case Command.Finish c -> new Event.RunFinished(c.id(), c.succeeded(), c.succeeded() ? "synod/bench" : null, at);
        };
    }

    private boolean fails(Command.RunGate gate) {
        if (failGateEvery == 0 || gate.attempt() != 1 || gate.index() != 0) {
            return false;
        }
        return plan.steps().indexOf(plan.step(gate.step())) % failGateEvery == 0;
    }

    private Map<String, String> firstOptions(Plan.Decide decide) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String q : decide.questions()) {
            List<String> options = plan.questions().get(q).options();
            answers.put(q, options.isEmpty() ? "yes" : options.getFirst());
        }
        return answers;
    }

    /** A 40-hex-digit id that stands for the commit a command produced. */
    static String commitOf(String commandId) {
        return Blobs.hash(commandId.getBytes(StandardCharsets.UTF_8)).substring(0, 40);
    }
}
