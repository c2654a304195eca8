package dev.synod.sim;

/**
 * The closed forms the lab is checked against (issue 13, point 4). {@code S_n} is the number of
 * the {@code n} voters that are right; a vote is right when {@code S_n} reaches the quorum.
 */
public final class ClosedForms {
    private ClosedForms() {
    }

    /** The Condorcet probability that a strict majority of {@code n} independent voters, each right with {@code p}, is right. */
    public static double condorcet(int n, double p) {
        return binomialAtLeast(n, p, n / 2 + 1);
    }

    /** P(S_n ≥ q) for independent voters: S_n ~ Binomial(n, p). */
    public static double binomialAtLeast(int n, double p, int q) {
        double sum = 0;
        for (int s = Math.max(q, 0); s <= n; s++) {
            sum += Math.exp(logChoose(n, s) + s * Math.log(p) + (n - s) * Math.log1p(-p));
        }
        return Math.min(1.0, sum);
    }

    /** P(S_n ≥ q) when correctness is correlated by the beta-binomial construction with mean {@code p} and correlation {@code rho}. */
    public static double betaBinomialAtLeast(int n, double p, double rho, int q) {
        if (rho == 0) {
            return binomialAtLeast(n, p, q);
        }
        double a = alpha(p, rho);
        double b = beta(p, rho);
        double sum = 0;
        for (int s = Math.max(q, 0); s <= n; s++) {
            sum += Math.exp(logChoose(n, s) + logBeta(s + a, n - s + b) - logBeta(a, b));
        }
        return Math.min(1.0, sum);
    }

    /** The beta-binomial probability that a strict majority of {@code n} correlated voters is right. */
    public static double betaBinomialMajority(int n, double p, double rho) {
        return betaBinomialAtLeast(n, p, rho, n / 2 + 1);
    }

    /**
     * The limit of {@link #betaBinomialMajority} as n grows: P(θ > 1/2) for θ ~ Beta(a, b). More voters
     * of one correlated kind cannot push a majority past it.
     */
    public static double majorityLimit(double p, double rho) {
        if (rho == 0) {
            return p > 0.5 ? 1.0 : p < 0.5 ? 0.0 : 0.5;
        }
        return 1.0 - regularizedBeta(0.5, alpha(p, rho), beta(p, rho));
    }

    /** P(all n voters are right): E[θ^n], which is p^n for independent voters. */
    public static double allRight(int n, double p, double rho) {
        if (rho == 0) {
            return Math.pow(p, n);
        }
        double a = alpha(p, rho);
        double b = beta(p, rho);
        return Math.exp(logBeta(a + n, b) - logBeta(a, b));
    }

    /** Var(S_n) = n p (1 − p) (1 + (n − 1) ρ). */
    public static double variance(int n, double p, double rho) {
        return n * p * (1 - p) * (1 + (n - 1) * rho);
    }

    /** The first shape of the Beta distribution of θ: a = p(1 − ρ)/ρ. */
    public static double alpha(double p, double rho) {
        return p * (1 - rho) / rho;
    }

    /** The second shape: b = (1 − p)(1 − ρ)/ρ. */
    public static double beta(double p, double rho) {
        return (1 - p) * (1 - rho) / rho;
    }

    static double logChoose(int n, int k) {
        return logGamma(n + 1.0) - logGamma(k + 1.0) - logGamma(n - k + 1.0);
    }

    static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** ln Γ(x) for x > 0 (Lanczos, g = 7, nine coefficients; relative error below 1e-13). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        x -= 1;
        double s = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            s += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }

    /** The regularized incomplete beta function I_x(a, b), by its continued fraction (Lentz). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(1 - x, b, a);
        }
        double front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b)) / a;
        double tiny = 1e-300;
        double f = 1;
        double c = 1;
        double d = 0;
        for (int i = 0; i <= 2000; i++) {
            int m = i / 2;
            double num;
            if (i == 0) {
                num = 1;
            } else if (i % 2 == 0) {
                num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            } else {
                num = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
            }
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            d = 1 / d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double cd = c * d;
            f *= cd;
            if (Math.abs(1 - cd) < 1e-14) {
                return front * (f - 1);
            }
        }
        return front * (f - 1);
    }
}
