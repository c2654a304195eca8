package dev.synod.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.DecideProtocol;
import dev.synod.core.Plan;
import dev.synod.core.VoteKernel;
import dev.synod.core.Voting;
import dev.synod.core.Coins;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The lab runs synod-core's protocol classes: its decides are stepped by {@link DecideProtocol.Cursor}
 * and counted by {@link VoteKernel}, the runtime's by {@link DecideProtocol#next}. Driven with the
 * same ballots and the same coins, both must take the same transitions, give the same ben_or ballots
 * and settle the same way.
 */
class LabProtocolTest {

    /** What the lab did in one trial, seen through its trace. */
    private static final class Recorder implements Lab.Trace {
        final List<DecideProtocol.Transition> path = new ArrayList<>();
        final List<int[]> rounds = new ArrayList<>();
        Integer leader;
        /** Ballots of the replayed given rounds that a coin chose (counted by {@link #replay}). */
        int coinBallots;

        @Override
        public void took(DecideProtocol.Transition t) {
            path.add(t);
        }

        @Override
        public void round(int round, int[] ballots, int n) {
            assertThat(round).isEqualTo(rounds.size() + 1);
            rounds.add(Arrays.copyOf(ballots, n));
        }

        @Override
        public void leader(int answer) {
            assertThat(leader).as("the leader or fallback is asked once").isNull();
            leader = answer;
        }

        void clear() {
            path.clear();
            rounds.clear();
            leader = null;
            coinBallots = 0;
        }
    }

    @Test
    void theLabAndDecideProtocolNextAgreeBallotForBallotOnRandomDecides() {
        Rng pick = new Rng(2026);
        Map<Model.Protocol, Integer> decided = new EnumMap<>(Model.Protocol.class);
        Set<DecideProtocol.Transition> taken = new HashSet<>();
        int coins = 0;
        int unreachable = 0;
        int roundsSpent = 0;
        int laterQuorum = 0;
        for (int c = 0; c < 400; c++) {
            Model.Protocol protocol = List.of(Model.Protocol.LEADER, Model.Protocol.VOTE, Model.Protocol.BEN_OR)
                    .get(pick.nextInt(3));
            int n = 1 + pick.nextInt(7);
            int k = 2 + pick.nextInt(3);
            Model model = new Model(n, 0.3 + 0.6 * pick.nextDouble(), pick.nextInt(2) == 0 ? 0 : 0.3, k, pick.nextDouble(),
                    1, protocol, 1 + pick.nextInt(n), 1 + pick.nextInt(4), pick.nextDouble(),
                    pick.nextInt(3) == 0 ? 0.3 : 0, pick.nextInt(3) == 0 ? 0.2 : 0, 0, 0,
                    protocol != Model.Protocol.LEADER && pick.nextInt(2) == 0 ? 0.1 + 0.8 * pick.nextDouble() : 0);
            Coins coin = Coins.of(c, "d");
            Recorder seen = new Recorder();
            Lab lab = new Lab(model, c, coin, seen);
            Plan.Decide d = decide(protocol, n, model.effectiveQuorum(), model.rounds(), model.hasFallback() ? "f" : null);
            for (int t = 0; t < 25; t++) {
                seen.clear();
                long outcome = lab.trial();
                boolean consistent = (outcome & 2) != 0;
                boolean correct = (outcome & 1) != 0;
                boolean byQuorum = (outcome & 4) != 0;
                int rounds = (int) ((outcome >>> 8) & 0xffff);

                DecideProtocol.Result end = replay(d, k, seen, coin);
                String where = "case " + c + " trial " + t + " (" + model + ")";
                assertThat(seen.path).as(where).isEqualTo(end.path());
                taken.addAll(end.path());
                if (end.move() instanceof DecideProtocol.Move.Decided done) {
                    Voting.Settlement s = done.outcome().get(0);
                    assertThat(consistent).as(where).isTrue();
                    assertThat(correct).as(where).isEqualTo(s.option().equals("o0"));
                    assertThat(byQuorum).as(where).isEqualTo(s.how() == Voting.How.QUORUM);
                    assertThat(s.how()).as(where).isEqualTo(protocol == Model.Protocol.LEADER ? Voting.How.LEADER
                            : seen.leader != null ? Voting.How.FALLBACK : Voting.How.QUORUM);
                    assertThat(rounds).as(where).isEqualTo(s.round());
                    decided.merge(protocol, 1, Integer::sum);
                    laterQuorum += s.round() > 1 ? 1 : 0;
                } else {
                    DecideProtocol.Move.Fail fail = (DecideProtocol.Move.Fail) end.move();
                    assertThat(consistent || correct || byQuorum).as(where).isFalse();
                    assertThat(rounds).as(where).isEqualTo(protocol == Model.Protocol.LEADER ? 1 : seen.rounds.size());
                    unreachable += fail.reason().contains("fewer than the quorum") ? 1 : 0;
                    roundsSpent += fail.reason().contains("no option reached the quorum of " + model.effectiveQuorum()
                            + " in " + model.rounds() + " round") ? 1 : 0;
                }
                coins += seen.coinBallots;
            }
        }
        // The random cases reach every path the lab can take: each protocol decides, later rounds
        // settle, coins are drawn, rounds run out, ben_or finds its quorum out of reach, and every
        // transition of the table is taken.
        assertThat(decided.keySet()).containsExactlyInAnyOrder(Model.Protocol.LEADER, Model.Protocol.VOTE, Model.Protocol.BEN_OR);
        assertThat(laterQuorum).isPositive();
        assertThat(coins).isPositive();
        assertThat(roundsSpent).isPositive();
        assertThat(unreachable).isPositive();
        assertThat(taken).containsExactlyInAnyOrderElementsOf(DecideProtocol.TABLE);
    }

    /**
     * Drives {@link DecideProtocol#next} through the decide the lab just ran: the lab's ballots as the
     * voters' answers (a crash as a failed answer), the lab's leader answer, and the same coins; checks
     * every round's ballots against the lab's; returns the last result.
     */
    private static DecideProtocol.Result replay(Plan.Decide d, int k, Recorder seen, DecideProtocol.Coin coin) {
        Map<String, List<String>> options = options(k);
        List<Voting.Round> closed = new ArrayList<>();
        DecideProtocol.Answer lead = null;
        while (true) {
            DecideProtocol.Result r = DecideProtocol.next(d, options, new DecideProtocol.Progress(closed, Map.of(), lead), coin);
            switch (r.move()) {
                case DecideProtocol.Move.Lead l -> {
                    assertThat(lead).isNull();
                    assertThat(l.role()).isEqualTo(l.fallback() ? d.fallback() : d.leader());
                    assertThat(seen.leader).as("the lab asked its leader").isNotNull();
                    lead = seen.leader == VoteKernel.NO_BALLOT ? DecideProtocol.Answer.failed("crashed")
                            : DecideProtocol.Answer.of(Map.of("q", "o" + seen.leader), "because");
                }
                case DecideProtocol.Move.Ask ask -> {
                    assertThat(ask.round()).isEqualTo(closed.size() + 1);
                    assertThat(seen.rounds.size()).as("the lab asked round %d", ask.round()).isGreaterThanOrEqualTo(ask.round());
                    int[] ballots = seen.rounds.get(ask.round() - 1);
                    Map<String, DecideProtocol.Answer> answers = new LinkedHashMap<>();
                    for (int i = 0; i < ballots.length; i++) {
                        answers.put(Lab.voter(i), ballots[i] == VoteKernel.NO_BALLOT ? DecideProtocol.Answer.failed("crashed")
                                : DecideProtocol.Answer.of(Map.of("q", "o" + ballots[i]), "because"));
                    }
                    DecideProtocol.Result tallied = DecideProtocol.next(d, options,
                            new DecideProtocol.Progress(closed, answers, null), coin);
                    Voting.Round round = ((DecideProtocol.Move.Tally) tallied.move()).round();
                    assertThat(ballots(round, ballots.length)).isEqualTo(ballots);
                    closed.add(round);
                }
                case DecideProtocol.Move.Tally given -> {
                    // ben_or after round 1: the runtime gives the ballots; the lab must have given the same.
                    Voting.Round round = given.round();
                    assertThat(seen.rounds.size()).isGreaterThanOrEqualTo(round.number());
                    assertThat(ballots(round, d.voters().size())).as("round %d", round.number())
                            .isEqualTo(seen.rounds.get(round.number() - 1));
                    seen.coinBallots += (int) round.ballots().stream().filter(b -> !b.coins().isEmpty()).count();
                    closed.add(round);
                }
                case DecideProtocol.Move.Decided done -> {
                    assertThat(seen.rounds).hasSize(closed.size());
                    return r;
                }
                case DecideProtocol.Move.Fail fail -> {
                    assertThat(seen.rounds).hasSize(closed.size());
                    return r;
                }
            }
        }
    }

    /** A round's ballots as the lab writes them: the option index per voter, or no ballot. */
    private static int[] ballots(Voting.Round round, int n) {
        int[] out = new int[n];
        Arrays.fill(out, VoteKernel.NO_BALLOT);
        for (Voting.Ballot b : round.ballots()) {
            out[Integer.parseInt(b.voter().substring(1))] = Integer.parseInt(b.answers().get("q").substring(1));
        }
        return out;
    }

    @Test
    void kernelAndDecideProtocolSettleTheSameOptionOnRandomBallots() {
        Rng rng = new Rng(42);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + rng.nextInt(7);
            int k = 2 + rng.nextInt(3);
            int quorum = 1 + rng.nextInt(n);
            Plan.Protocol protocol = rng.nextInt(2) == 0 ? Plan.Protocol.VOTE : Plan.Protocol.BEN_OR;
            int[] ballots = new int[n];
            for (int i = 0; i < n; i++) {
                ballots[i] = rng.nextInt(5) == 0 ? VoteKernel.NO_BALLOT : rng.nextInt(k);
            }
            Plan.Decide d = decide(protocol, n, quorum, 2);
            Map<String, DecideProtocol.Answer> answers = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                answers.put("v" + i, ballots[i] == VoteKernel.NO_BALLOT ? DecideProtocol.Answer.failed("crashed")
                        : DecideProtocol.Answer.of(Map.of("q", "o" + ballots[i]), "because"));
            }
            DecideProtocol.Result r = DecideProtocol.next(d, options(k), new DecideProtocol.Progress(List.of(), answers, null),
                    (q, round, voter, bound) -> 0);
            Voting.Round round1 = ((DecideProtocol.Move.Tally) r.move()).round();

            int[] counts = new int[k];
            int cast = VoteKernel.tally(ballots, n, counts);
            int winner = VoteKernel.quorumWinner(ballots, n, counts, quorum);
            assertThat(round1.winners().get("q")).isEqualTo(winner == VoteKernel.NO_BALLOT ? null : "o" + winner);
            int majority = VoteKernel.strictMajority(counts, k, cast);
            assertThat(round1.strictMajority("q")).isEqualTo(majority == VoteKernel.NO_BALLOT ? null : "o" + majority);

            if (protocol == Plan.Protocol.BEN_OR && winner == VoteKernel.NO_BALLOT && cast >= quorum) {
                // Round 2 is given by the runtime: adopt the strict majority, or the coin among round 1's options.
                DecideProtocol.Coin coin = (q, rnd, voter, bound) -> Integer.parseInt(voter.substring(1)) % bound;
                DecideProtocol.Result r2 = DecideProtocol.next(d, options(k),
                        new DecideProtocol.Progress(List.of(round1), Map.of(), null), coin);
                Voting.Round round2 = ((DecideProtocol.Move.Tally) r2.move()).round();
                int[] proposed = new int[k];
                int nProposed = VoteKernel.proposed(ballots, n, new boolean[k], proposed);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (ballots[i] != VoteKernel.NO_BALLOT) {
                        expected.add("o" + VoteKernel.adoptOrCoin(majority, proposed, i % nProposed));
                    }
                }
                assertThat(round2.ballots().stream().map(b -> b.answers().get("q")).toList()).isEqualTo(expected);
            }
        }
    }

    private static Plan.Decide decide(Plan.Protocol protocol, int n, int quorum, int rounds) {
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            voters.add("v" + i);
        }
        return new Plan.Decide("d", List.of("q"), protocol, null, voters, List.of(), quorum, rounds, null, 60);
    }

    private static Plan.Decide decide(Model.Protocol protocol, int n, int quorum, int rounds, String fallback) {
        if (protocol == Model.Protocol.LEADER) {
            return new Plan.Decide("d", List.of("q"), Plan.Protocol.LEADER, Lab.voter(0), List.of(), List.of(), 0, 1, null, 60);
        }
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            voters.add(Lab.voter(i));
        }
        return new Plan.Decide("d", List.of("q"), protocol == Model.Protocol.VOTE ? Plan.Protocol.VOTE : Plan.Protocol.BEN_OR,
                null, voters, List.of(), quorum, rounds, fallback, 60);
    }

    private static Map<String, List<String>> options(int k) {
        List<String> out = new ArrayList<>();
        for (int o = 0; o < k; o++) {
            out.add("o" + o);
        }
        return Map.of("q", out);
    }
}
