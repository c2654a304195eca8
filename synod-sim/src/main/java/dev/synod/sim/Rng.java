package dev.synod.sim;

/**
 * The lab's random numbers: SplitMix64 (Steele, Lea and Flood, OOPSLA 2014), the generator behind
 * synod-core's {@code Coins}, as a mutable stream so that a draw allocates nothing. Beta variates
 * come from two gamma variates (Marsaglia and Tsang, ACM TOMS 2000).
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9e3779b97f4a7c15L);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** A standard normal variate (Box-Muller, one of the pair). */
    public double nextGaussian() {
        double u = 1.0 - nextDouble();
        double v = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    /** A Gamma(shape, 1) variate. */
    public double gamma(double shape) {
        if (shape < 1.0) {
            // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
            double u = 1.0 - nextDouble();
            return gamma(shape + 1.0) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = nextGaussian();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - nextDouble();
            double x2 = x * x;
            // Marsaglia and Tsang's squeeze accepts most draws without a logarithm; it accepts only
            // draws the exact test below accepts too, so the variates are the same, just cheaper.
            if (u < 1.0 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** A Beta(a, b) variate. */
    public double beta(double a, double b) {
        double x = gamma(a);
        double y = gamma(b);
        return x / (x + y);
    }
}
