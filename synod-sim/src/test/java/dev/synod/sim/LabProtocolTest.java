package dev.synod.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.DecideProtocol;
import dev.synod.core.Plan;
import dev.synod.core.VoteKernel;
import dev.synod.core.Voting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lab's hot path settles decides by {@link VoteKernel}; the runtime by {@link DecideProtocol#next}.
 * On random ballots, both must settle the same option, and ben_or's second round must give the same ballots.
 */
class LabProtocolTest {

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

    private static Map<String, List<String>> options(int k) {
        List<String> out = new ArrayList<>();
        for (int o = 0; o < k; o++) {
            out.add("o" + o);
        }
        return Map.of("q", out);
    }
}
