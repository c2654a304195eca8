package dev.synod.testkit;

import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Plan;
import dev.synod.core.Voting;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sample events covering every record type of the sealed {@link Event} hierarchy, every
 * {@link Event.Outcome} and every {@link Command} that a {@link Event.Started} can carry, with
 * non-default values in every field, so that a round trip through a journal exercises the whole
 * JSON form.
 */
public final class SampleEvents {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

    private SampleEvents() {
    }

    /** An instant {@code seconds} after a fixed origin; samples never read the system clock. */
    public static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** At least one event of every type, in a fixed order. */
    public static List<Event> all() {
        Event.Usage usage = new Event.Usage(1200, 340, 0.0125);
        return List.of(
                new Event.RunStarted("run-1", "shop", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", null, "0123456789abcdef0123456789abcdef01234567", -42L, at(0)),
                new Event.Started(new Command.RunAgent("agent:api#1", "api", 1, "dev[2]", 600_000,
                        List.of("src/A.java:3:1: missing ';'")), at(1)),
                new Event.Started(new Command.RunGate("gate:api#1:0", "api", 1, 0,
                        new Plan.GateSpec("compile", "src/**"), "c0ffee"), at(2)),
                new Event.Started(new Command.RunReview("review:api#1:critic", "api", 1, "critic", "c0ffee",
                        30_000), at(3)),
                new Event.Started(new Command.AskHuman("human:api#1", "api", 1, "c0ffee", "Ship it?"), at(4)),
                new Event.Started(new Command.AskLeader("leader:db", "db", "core.lead", 90_000), at(5)),
                new Event.Started(new Command.RecordDecision("record:db", "db", Map.of("engine", "postgres"),
                        "mature", "quorum"), at(6)),
                new Event.Started(new Command.AskVoter("ballot:db#2:dev[1]", "db", 2, "dev[1]", 60_000, List.of("engine"),
                        new Voting.Deliberation(1, Map.of("engine", Map.of("postgres", 1, "sqlite", 1)), 1,
                                List.of("mature"))), at(6)),
                new Event.Started(new Command.TallyRound("tally:db#2", "db", new Voting.Round(2, List.of("engine"),
                        List.of(Voting.Ballot.cast("dev[1]", Map.of("engine", "postgres"), "mature"),
                                new Voting.Ballot("dev[2]", Map.of("engine", "postgres"), null, false, List.of("engine"))),
                        Map.of("dev[3]", "crashed: boom"), Map.of("engine", "postgres"))), at(6)),
                new Event.Started(new Command.RecordDecision("record:vote", "vote", Map.of("engine", "postgres"), null,
                        "engine: quorum in round 2", List.of(new Voting.Settlement("engine", "postgres", Voting.How.QUORUM, 2,
                        null)), List.of()), at(6)),
                new Event.Started(new Command.Finish("finish", "", true, "all accepted", Map.of("api", "c0ffee")),
                        at(7)),
                new Event.AgentFinished("agent:api#1", new Event.Outcome.Produced("c0ffee", "added the API"), usage,
                        at(8)),
                new Event.AgentFinished("agent:api#2", new Event.Outcome.Crashed("provider said 500"),
                        Event.Usage.NONE, at(9)),
                new Event.AgentFinished("agent:api#3", new Event.Outcome.TimedOut(600_000), usage, at(10)),
                new Event.AgentFinished("agent:api#4", new Event.Outcome.Rejected(List.of("wrote outside src/**")),
                        usage, at(11)),
                new Event.AgentFinished("agent:api#5", new Event.Outcome.Misconfigured("openai: HTTP 401"),
                        Event.Usage.NONE, at(11)),
                new Event.AgentFinished("agent:api#6", new Event.Outcome.Rejected(List.of("big.bin:1:1: too large"),
                        "c0ffee"), usage, at(11)),
                new Event.AgentFinished("agent:api#7", new Event.Outcome.Produced("c0ffee", "with a link",
                        List.of("link: a symbolic link")), usage, at(11)),
                new Event.AgentFinished("agent:api#8", new Event.Outcome.TimedOut(40_000, 10_000L, true), usage, at(11)),
                new Event.ProviderRetried("agent:api#3", "dev[2]", "openai: HTTP 503", 1, 3, 2_000, at(12)),
                new Event.TurnRecorded("agent:api#3", "dev[2]", 2, "a".repeat(64), "b".repeat(64),
                        new Event.Usage(1_200, 340, 0.0042), at(12)),
                new Event.LateAnswer("agent:api#3", "dev[2]", 612_345, at(12)),
                new Event.ProviderRetried("agent:api#3", "dev[2]", "openai: HTTP 503: overloaded", 2, 5, 2_000, at(12)),
                new Event.AgentFinished("agent:api#5", new Event.Outcome.Misconfigured(
                        "models.default (openai gpt-4.1-mini): the provider refused the request (HTTP 401)"),
                        Event.Usage.NONE, at(12)),
                new Event.GateFinished("gate:api#1:0", Event.Verdict.FAIL, List.of("A.java:1:1: error"), true,
                        at(13)),
                new Event.ReviewFinished("review:api#1:critic", false, "needs tests — «unicode» ✓", usage, at(14)),
                new Event.HumanAnswered("human:api#1", true, "", at(15)),
                new Event.LeaderAnswered("leader:db", Map.of("engine", "postgres", "orm", "none"), "simplest",
                        null, usage, at(16)),
                new Event.BallotCast("ballot:db#2:dev[1]", Map.of("engine", "postgres"), "mature", null, usage, at(16)),
                new Event.BallotCast("ballot:db#2:dev[3]", Map.of(), null, "crashed: boom", Event.Usage.NONE, at(16)),
                new Event.RoundTallied("tally:db#2", at(16)),
                new Event.DecisionRecorded("record:db", "beef", "docs/decisions/0001-engine.md", at(17)),
                new Event.DeadlinePassed(at(18)),
                new Event.RunFinished("finish", true, "synod/release", at(19)));
    }

    /**
     * A small event that tells where it came from: {@code source} in its command and role,
     * {@code index} in its elapsed time. Concurrency tests use it to find each append again.
     */
    public static Event.LateAnswer tagged(String source, long index) {
        return new Event.LateAnswer(source, source, index, at(index));
    }

    /** An event whose JSON body is about {@code bytes} long. */
    public static Event.GateFinished sized(int bytes) {
        return new Event.GateFinished("gate:big#1:0", Event.Verdict.ERROR, List.of("x".repeat(bytes)), false, at(0));
    }
}
