package dev.synod.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of a decide's rounds (ARCHITECTURE.md §7): ballots, rounds with their tally, what a
 * voter of a later {@code vote} round is shown, and how each question was settled. Values only;
 * {@link DecideProtocol} moves a decide from one to the next.
 */
public final class Voting {
    private Voting() {
    }

    /**
     * One voter's answer in one round: an option per open question and a rationale.
     *
     * @param cast  whether the voter answered itself; false for a {@code ben_or} round after the
     *              first, where the runtime gives each voter the previous round's majority or a coin
     * @param coins the questions whose answer is the voter's coin (the rest of a runtime-given
     *              ballot adopted the previous round's strict majority)
     */
    public record Ballot(String voter, Map<String, String> answers, String rationale, boolean cast,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> coins) {
        public Ballot {
            answers = Maps.ordered(answers);
            coins = coins == null ? List.of() : List.copyOf(coins);
        }

        /** A ballot the voter cast itself. */
        public static Ballot cast(String voter, Map<String, String> answers, String rationale) {
            return new Ballot(voter, answers, rationale, true, List.of());
        }
    }

    /**
     * A closed round.
     *
     * @param questions the questions open in this round (settled ones are not asked again)
     * @param ballots   the ballots, in the order of the decide's voters
     * @param absent    the voters without a ballot, each with why (crashed, timed out, malformed, or
     *                  for {@code ben_or} absent since round 1)
     * @param winners   the questions an option settled in this round, with at least the quorum of ballots
     */
    public record Round(int number, List<String> questions, List<Ballot> ballots, Map<String, String> absent,
                        Map<String, String> winners) {
        public Round {
            questions = List.copyOf(questions);
            ballots = List.copyOf(ballots);
            absent = Maps.ordered(absent);
            winners = Maps.ordered(winners);
        }

        /** The ballots per option of {@code question}, options in the order first chosen. */
        public Map<String, Integer> tally(String question) {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (Ballot b : ballots) {
                String answer = b.answers().get(question);
                if (answer != null) {
                    out.merge(answer, 1, Integer::sum);
                }
            }
            return out;
        }

        /** The option with more than half of this round's ballots on {@code question}, or null. */
        public String strictMajority(String question) {
            int counted = tally(question).values().stream().mapToInt(Integer::intValue).sum();
            return tally(question).entrySet().stream().filter(e -> VoteKernel.isStrictMajority(e.getValue(), counted)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }

        /** One line per open question: {@code money: long cents 1, BigDecimal 1; no ballot 1}. */
        public List<String> describe() {
            List<String> out = new ArrayList<>();
            for (String q : questions) {
                StringBuilder line = new StringBuilder(q).append(": ");
                List<String> parts = new ArrayList<>();
                tally(q).forEach((option, n) -> parts.add(option + " " + n));
                line.append(parts.isEmpty() ? "no ballot" : String.join(", ", parts));
                if (!absent.isEmpty()) {
                    line.append("; no ballot ").append(absent.size());
                }
                if (winners.containsKey(q)) {
                    line.append(" (quorum: ").append(winners.get(q)).append(')');
                }
                out.add(line.toString());
            }
            return out;
        }
    }

    /**
     * What every voter of a {@code vote} round after the first is shown (deliberation): the
     * previous round's anonymous tally and its rationales, without who gave which.
     *
     * @param round      the previous round's number
     * @param tally      per open question, the ballots per option
     * @param noBallot   how many voters gave no ballot in it
     * @param rationales the rationales of its ballots, in no voter's name
     */
    public record Deliberation(int round, Map<String, Map<String, Integer>> tally, int noBallot, List<String> rationales) {
        public Deliberation {
            Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
            tally.forEach((q, t) -> copy.put(q, Maps.ordered(t)));
            tally = Maps.ordered(copy);
            rationales = List.copyOf(rationales);
        }

        /** The deliberation a round gives the next one, on the questions still open. */
        public static Deliberation of(Round previous, List<String> open) {
            Map<String, Map<String, Integer>> tally = new LinkedHashMap<>();
            open.forEach(q -> tally.put(q, previous.tally(q)));
            List<String> rationales = previous.ballots().stream().map(Ballot::rationale)
                    .filter(r -> r != null && !r.isBlank()).toList();
            return new Deliberation(previous.number(), tally, previous.absent().size(), rationales);
        }
    }

    /** How a question was settled. */
    public enum How {
        /** An option had the quorum in a round. */
        QUORUM,
        /** No quorum within the rounds: the fallback role answered. */
        FALLBACK,
        /** A {@code leader} decide: one role answered. */
        LEADER
    }

    /**
     * The outcome of one question.
     *
     * @param round the round whose quorum settled it; for a fallback, the rounds that ran before it; 1 for a leader
     * @param by    the role that answered for a fallback or a leader, null for a quorum
     */
    public record Settlement(String question, String option, How how, int round,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String by) {
        /** How it was reached, in words: {@code quorum in round 3}, {@code fallback to architect after 4 rounds}. */
        public String describe() {
            return switch (how) {
                case QUORUM -> "quorum in round " + round;
                case FALLBACK -> "fallback to " + by + " after " + round + " round" + (round == 1 ? "" : "s") + " without a quorum";
                case LEADER -> "decided by leader " + by;
            };
        }
    }
}
