package dev.synod.bench.gates;

import java.util.Arrays;

/**
 * A summary of timings in milliseconds: the median and the spread around it (nearest-rank
 * percentiles over the sorted samples).
 */
record Spread(int count, double p50, double p10, double p90, double min, double max) {

    static Spread ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("expected at least one sample, found none");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Spread(sorted.length, millis(rank(sorted, 50)), millis(rank(sorted, 10)), millis(rank(sorted, 90)),
                millis(sorted[0]), millis(sorted[sorted.length - 1]));
    }

    private static long rank(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
