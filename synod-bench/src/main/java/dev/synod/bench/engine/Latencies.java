package dev.synod.bench.engine;

import java.util.Arrays;

/**
 * A summary of latency samples: nearest-rank percentiles over the sorted samples, in milliseconds.
 *
 * @param count how many samples there were
 */
record Latencies(int count, double p50, double p90, double p99, double max) {
    static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The summary of {@code nanos}, which it sorts in place. */
    static Latencies ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return NONE;
        }
        Arrays.sort(nanos);
        return new Latencies(nanos.length, millis(percentile(nanos, 50)), millis(percentile(nanos, 90)),
                millis(percentile(nanos, 99)), millis(nanos[nanos.length - 1]));
    }

    /** The nearest-rank percentile: the smallest sample that at least {@code p} percent of samples do not exceed. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0 || p <= 0 || p > 100) {
            throw new IllegalArgumentException("expected samples and 0 < p <= 100, found " + sorted.length
                    + " samples and p = " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
