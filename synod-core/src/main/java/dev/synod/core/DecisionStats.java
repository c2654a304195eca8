package dev.synod.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The correlation statistics of a settled decide (ARCHITECTURE.md §7, docs/decisions.md): per
 * question the first round's agreement, the rounds it took and the ballots per model alias, and
 * the warnings that voters of one model prove little. Pure: the CLI and the simulation lab compute
 * them alike from a decision's record.
 *
 * @param question            the question
 * @param outcome             the option chosen
 * @param how                 how it was reached, in words ({@code quorum in round 2})
 * @param rounds              the rounds run on it (1 for a leader)
 * @param firstRoundAgreement the share of round 1's ballots for its most chosen option; 1 for a leader
 * @param ballotsByModel      per model alias, the voters' own ballots per option (a {@code ben_or}
 *                            round after the first gives ballots no voter cast, so they are not counted)
 * @param warnings            why this outcome may prove less than it seems
 */
public record DecisionStats(String question, String outcome, String how, int rounds, double firstRoundAgreement,
                            Map<String, Map<String, Integer>> ballotsByModel, List<String> warnings) {
    public DecisionStats {
        ballotsByModel = Maps.ordered(ballotsByModel);
        warnings = List.copyOf(warnings);
    }

    /**
     * The statistics of each question of a recorded decide.
     *
     * @param models the model alias of each participant, by role as written ({@code dev[2]})
     */
    public static List<DecisionStats> of(Plan.Decide d, Command.RecordDecision record, Map<String, String> models) {
        List<DecisionStats> out = new ArrayList<>();
        for (String q : d.questions()) {
            String option = record.answers().get(q);
            Voting.Settlement settled = record.outcome().stream().filter(s -> s.question().equals(q)).findFirst().orElse(null);
            String how = settled != null ? settled.describe() : record.how();
            List<Voting.Round> rounds = record.rounds().stream().filter(r -> r.questions().contains(q)).toList();
            if (rounds.isEmpty()) {
                out.add(new DecisionStats(q, option, how, 1, 1.0, Map.of(), List.of()));
                continue;
            }
            Map<String, Integer> first = rounds.get(0).tally(q);
            int cast = first.values().stream().mapToInt(Integer::intValue).sum();
            int top = first.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            Map<String, Map<String, Integer>> byModel = new LinkedHashMap<>();
            for (Voting.Round r : rounds) {
                for (Voting.Ballot b : r.ballots()) {
                    if (b.cast()) {
                        byModel.computeIfAbsent(models.getOrDefault(b.voter(), "?"), m -> new LinkedHashMap<>())
                                .merge(b.answers().get(q), 1, Integer::sum);
                    }
                }
            }
            out.add(new DecisionStats(q, option, how, rounds.size(), cast == 0 ? 0 : (double) top / cast, byModel,
                    warnings(d, q, rounds, models)));
        }
        return out;
    }

    private static List<String> warnings(Plan.Decide d, String q, List<Voting.Round> rounds, Map<String, String> models) {
        List<String> out = new ArrayList<>();
        Set<String> aliases = new LinkedHashSet<>();
        d.voters().forEach(v -> aliases.add(models.getOrDefault(v, "?")));
        if (d.voters().size() >= 2 && aliases.size() == 1) {
            out.add("S052: every voter of " + q + " uses model '" + aliases.iterator().next()
                    + "': their errors are correlated, so the vote adds little independence");
            return out;
        }
        // Voters of one model that agreed among themselves in every round they voted in, while
        // voters of different models disagreed in some round: suspect a shared error.
        boolean crossDisagreed = false;
        Map<String, Boolean> agreedAlways = new LinkedHashMap<>();
        for (Voting.Round r : rounds) {
            Map<String, Set<String>> answersByModel = new LinkedHashMap<>();
            Map<String, Integer> votersByModel = new LinkedHashMap<>();
            for (Voting.Ballot b : r.ballots()) {
                if (b.cast()) {
                    String m = models.getOrDefault(b.voter(), "?");
                    answersByModel.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(b.answers().get(q));
                    votersByModel.merge(m, 1, Integer::sum);
                }
            }
            Set<String> all = new LinkedHashSet<>();
            answersByModel.values().forEach(all::addAll);
            if (answersByModel.size() >= 2 && all.size() >= 2) {
                crossDisagreed = true;
            }
            answersByModel.forEach((m, answers) -> {
                if (votersByModel.get(m) >= 2) {
                    agreedAlways.merge(m, answers.size() == 1, Boolean::logicalAnd);
                }
            });
        }
        if (crossDisagreed) {
            agreedAlways.forEach((m, agreed) -> {
                if (agreed) {
                    out.add("the voters using model '" + m + "' agreed with each other in every round on " + q
                            + " while voters of different models did not: their agreement may be a shared error");
                }
            });
        }
        return out;
    }
}
