package dev.synod.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.sim.Model.Protocol;
import org.junit.jupiter.api.Test;

/** The Monte Carlo against the closed forms, within 4 standard errors, on a grid with fixed seeds. */
class LabTest {
    private static final long TRIALS = 200_000;

    @Test
    void voteAgreesWithCondorcetAndBetaBinomialOnAGrid() {
        long seed = 1;
        for (int n : new int[] {1, 3, 5, 9}) {
            for (double p : new double[] {0.55, 0.7, 0.9}) {
                for (double rho : new double[] {0, 0.1, 0.4}) {
                    Model model = Model.of(Protocol.VOTE, n, p, rho);
                    Estimate e = Lab.estimate(model, TRIALS, seed++);
                    double exact = ClosedForms.betaBinomialMajority(n, p, rho);
                    if (rho == 0) {
                        assertThat(exact).isEqualTo(ClosedForms.condorcet(n, p));
                    }
                    assertThat(e.closedForm()).isEqualTo(exact);
                    assertThat(Math.abs(e.pCorrect() - exact)).as("n=%d p=%s rho=%s: %s vs %s", n, p, rho, e.pCorrect(), exact)
                            .isLessThanOrEqualTo(4 * e.stderr());
                }
            }
        }
    }

    @Test
    void benOrOfOneRoundAndLeaderAndNoneAgreeWithTheirClosedForms() {
        Model[] models = {Model.of(Protocol.BEN_OR, 5, 0.7, 0.2), Model.of(Protocol.LEADER, 5, 0.7, 0.3),
                Model.of(Protocol.NONE, 4, 0.8, 0), Model.of(Protocol.NONE, 4, 0.8, 0.3)};
        long seed = 100;
        for (Model model : models) {
            Estimate e = Lab.estimate(model, TRIALS, seed++);
            assertThat(e.closedForm()).isNotNull();
            assertThat(Math.abs(e.pCorrect() - e.closedForm())).as("%s", model).isLessThanOrEqualTo(4 * e.stderr());
        }
    }

    @Test
    void varianceOfTheRightCountAgreesWithTheClosedForm() {
        long seed = 7;
        for (int n : new int[] {3, 7}) {
            for (double rho : new double[] {0, 0.2, 0.5}) {
                double[] moments = Lab.rightCountMoments(Model.of(Protocol.NONE, n, 0.7, rho), 100_000, seed++);
                assertThat(Math.abs(moments[1] - ClosedForms.variance(n, 0.7, rho))).as("n=%d rho=%s", n, rho)
                        .isLessThanOrEqualTo(4 * moments[2]);
            }
        }
    }

    @Test
    void correlationCapsTheMajorityButDiverseFamiliesEscapeIt() {
        double rho = 0.4;
        Estimate many = Lab.estimate(Model.of(Protocol.VOTE, 25, 0.7, rho), TRIALS, 11);
        assertThat(many.pCorrect()).isLessThan(ClosedForms.majorityLimit(0.7, rho) + 4 * many.stderr());
        Model diverse = new Model(25, 0.7, rho, 2, 1, 5, Protocol.VOTE, 0, 1, 0.5, 0, 0, 0, 0);
        Estimate families = Lab.estimate(diverse, TRIALS, 12);
        assertThat(families.closedForm()).isNull();
        assertThat(families.pCorrect()).isGreaterThan(many.pCorrect() + 4 * (many.stderr() + families.stderr()));
    }

    @Test
    void aGateRaisesSynodAboveBenOr() {
        Model bare = new Model(5, 0.7, 0.3, 3, 0.7, 1, Protocol.BEN_OR, 0, 3, 0.5, 0, 0, 0, 0);
        Model gated = new Model(5, 0.7, 0.3, 3, 0.7, 1, Protocol.SYNOD, 0, 3, 0.5, 0, 0, 0.8, 2);
        Estimate b = Lab.estimate(bare, TRIALS, 21);
        Estimate g = Lab.estimate(gated, TRIALS, 22);
        assertThat(g.pCorrect()).isGreaterThan(b.pCorrect() + 4 * (b.stderr() + g.stderr()));
        assertThat(g.wastedCalls()).isPositive();
        assertThat(g.pConsistent()).isGreaterThanOrEqualTo(g.pCorrect());
    }

    @Test
    void aFallbackAnswersWhatTheRoundsLeaveOpen() {
        // Five voters, a quorum of 4 of 2 options, one round: the right voters reach the quorum with
        // P(S >= 4), the wrong ones with P(S <= 1); otherwise the fallback decides, right with pf.
        double p = 0.7;
        double rho = 0.2;
        double pf = 0.9;
        Model model = new Model(5, p, rho, 2, 1, 1, Protocol.VOTE, 4, 1, 0.5, 0, 0, 0, 0, pf);
        Estimate e = Lab.estimate(model, TRIALS, 31);
        double byQuorum = ClosedForms.betaBinomialAtLeast(5, p, rho, 4);
        double open = ClosedForms.betaBinomialAtLeast(5, p, rho, 2) - byQuorum;
        assertThat(Math.abs(e.pCorrect() - (byQuorum + open * pf))).isLessThanOrEqualTo(4 * e.stderr());
        assertThat(e.closedForm()).isNull();
        assertThat(e.pConsistent()).isEqualTo(1.0);
        assertThat(Math.abs(e.meanCalls() - (5 + open))).isLessThan(0.01);
        Estimate without = Lab.estimate(model.withFallback(0), TRIALS, 31);
        assertThat(Math.abs(without.pConsistent() - (1 - open))).isLessThanOrEqualTo(4 * e.stderr());
    }

    @Test
    void theSameSeedGivesTheSameEstimate() {
        Model model = new Model(5, 0.7, 0.2, 4, 0.6, 1, Protocol.VOTE, 0, 3, 0.5, 0.1, 0.05, 0, 0);
        assertThat(Lab.estimate(model, 10_000, 5)).isEqualTo(Lab.estimate(model, 10_000, 5));
    }
}
