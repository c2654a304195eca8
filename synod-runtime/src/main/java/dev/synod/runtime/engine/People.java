package dev.synod.runtime.engine;

import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Plan;
import dev.synod.runtime.agents.PersonAgent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which commands a person answers, and what they answer: one rule for the engine, which waits for
 * them, {@code synod answer}, which writes their answers, and {@code synod status}, which lists them.
 */
public final class People {
    private People() {
    }

    /** What a person is asked to do. */
    public enum Kind {
        /** Approve or reject an attempt ({@code review human}). */
        REVIEW,
        /** Choose the options of a decide alone, as its leader or fallback ({@code by leader human}). */
        DECIDE,
        /** Cast one ballot among a decide's voters. */
        VOTE,
        /** Produce an artifact in a personal directory ({@code else escalate human}). */
        PRODUCE;

        /** Its name as {@code synod status --json} writes it. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a person is asked by {@code c}; empty when an agent, a gate or the runtime carries it out. */
    public static Optional<Kind> kind(Command c) {
        return Optional.ofNullable(switch (c) {
            case Command.AskHuman h -> Kind.REVIEW;
            case Command.AskLeader l when l.role().equals(PersonAgent.ROLE) -> Kind.DECIDE;
            case Command.AskVoter v when v.role().equals(PersonAgent.ROLE) -> Kind.VOTE;
            case Command.RunAgent a when a.role().equals(PersonAgent.ROLE) -> Kind.PRODUCE;
            default -> null;
        });
    }

    /**
     * The questions a person's {@link Kind#DECIDE} or {@link Kind#VOTE} command asks, with their
     * options: all those a leader or fallback settles, or the voter's.
     *
     * @throws IllegalArgumentException for a command that asks no question
     */
    public static Map<String, List<String>> questions(Plan plan, Command c) {
        Plan.Decide d = (Plan.Decide) plan.step(c.step());
        List<String> asked = switch (c) {
            case Command.AskVoter v -> v.questions();
            case Command.AskLeader l -> l.asked(d);
            default -> throw new IllegalArgumentException(c.id() + " asks no question of a decide");
        };
        Map<String, List<String>> questions = new LinkedHashMap<>();
        asked.forEach(q -> questions.put(q, plan.questions().get(q).options()));
        return questions;
    }

    /**
     * The result a person's answer to a {@link Kind#REVIEW}, {@link Kind#DECIDE} or {@link Kind#VOTE}
     * command makes: an approval or rejection; or the options chosen, which must settle every question
     * asked (an answer that does not is recorded with the reason, as an agent's would be). One rule for
     * the embedded engine and the Temporal workflow.
     *
     * @param approved for a review, whether the person approved
     * @param options  for a decide, question to the option chosen
     */
    public static Event answered(Plan plan, Command c, boolean approved, String comment, Map<String, String> options,
                                 Instant at) {
        if (!(c instanceof Command.AskLeader || c instanceof Command.AskVoter)) {
            return new Event.HumanAnswered(c.id(), approved, comment, at);
        }
        String problem = Decisions.validate(questions(plan, c), options);
        Map<String, String> answers = problem == null ? options : Map.of();
        return c instanceof Command.AskVoter
                ? new Event.BallotCast(c.id(), answers, comment, problem, Event.Usage.NONE, at)
                : new Event.LeaderAnswered(c.id(), answers, comment, problem, Event.Usage.NONE, at);
    }
}
