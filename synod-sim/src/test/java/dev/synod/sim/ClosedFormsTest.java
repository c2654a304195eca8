package dev.synod.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClosedFormsTest {

    @Test
    void condorcetMatchesHandComputedSums() {
        // n = 3, p = 0.7: p^3 + 3 p^2 (1 - p) = 0.343 + 0.441.
        assertThat(ClosedForms.condorcet(3, 0.7)).isCloseTo(0.784, within(1e-12));
        // n = 5, p = 0.6: 0.6^5 + 5 * 0.6^4 * 0.4 + 10 * 0.6^3 * 0.4^2.
        assertThat(ClosedForms.condorcet(5, 0.6)).isCloseTo(0.07776 + 0.2592 + 0.3456, within(1e-12));
        assertThat(ClosedForms.condorcet(1, 0.8)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void betaBinomialOfTwoVotersMatchesItsMoments() {
        // P(S_2 = 2) = E[θ^2] = p^2 + Var θ = p^2 + ρ p (1 - p).
        double p = 0.7;
        double rho = 0.3;
        assertThat(ClosedForms.betaBinomialAtLeast(2, p, rho, 2)).isCloseTo(p * p + rho * p * (1 - p), within(1e-12));
        assertThat(ClosedForms.allRight(2, p, rho)).isCloseTo(p * p + rho * p * (1 - p), within(1e-12));
    }

    @Test
    void betaBinomialTendsToTheLimitAndIndependentTendsToCondorcet() {
        assertThat(ClosedForms.betaBinomialMajority(5, 0.7, 1e-6)).isCloseTo(ClosedForms.condorcet(5, 0.7), within(1e-4));
        double limit = ClosedForms.majorityLimit(0.7, 0.2);
        assertThat(limit).isBetween(0.5, 1.0);
        assertThat(ClosedForms.betaBinomialMajority(2001, 0.7, 0.2)).isCloseTo(limit, within(2e-3));
        assertThat(ClosedForms.betaBinomialMajority(2001, 0.7, 0.2)).isLessThan(0.999);
    }

    @Test
    void regularizedBetaIsSymmetricAndUniformAtOne() {
        assertThat(ClosedForms.regularizedBeta(0.5, 2.5, 2.5)).isCloseTo(0.5, within(1e-12));
        assertThat(ClosedForms.regularizedBeta(0.3, 1, 1)).isCloseTo(0.3, within(1e-12));
        // I_x(2, 1) = x^2.
        assertThat(ClosedForms.regularizedBeta(0.4, 2, 1)).isCloseTo(0.16, within(1e-12));
    }

    @Test
    void varianceGrowsWithCorrelation() {
        assertThat(ClosedForms.variance(5, 0.7, 0)).isCloseTo(5 * 0.21, within(1e-12));
        assertThat(ClosedForms.variance(5, 0.7, 0.25)).isCloseTo(5 * 0.21 * 2, within(1e-12));
    }
}
