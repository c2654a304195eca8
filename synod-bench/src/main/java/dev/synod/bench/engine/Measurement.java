package dev.synod.bench.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one part of the harness measured in one shape at one concurrency, raw: a rate per window
 * and every latency sample, so that several rounds can be pooled before percentiles are taken.
 *
 * @param part      what was measured ({@code raw}, {@code journal}, {@code engine})
 * @param shape     how the concurrency was made ({@code seq} at concurrency 1, {@code par}, {@code runs})
 * @param perSecond operations (rows or steps) per second, one figure per window
 * @param latencies the latency of each operation, in nanoseconds
 * @param appends   the latency of each journal append, in nanoseconds (none for raw rows)
 * @param operations the operations (rows or attempts started) during the windows
 * @param cpuNanos  the process's CPU time during the windows ({@link CpuProfile}), or negative when unknown
 */
record Measurement(String part, String shape, int concurrency, List<Double> perSecond, long[] latencies,
                   long[] appends, long operations, long cpuNanos) {
    Measurement {
        perSecond = List.copyOf(perSecond);
    }

    /** The same part, shape and concurrency measured again: windows and samples pooled. */
    Measurement plus(Measurement other) {
        if (!key().equals(other.key())) {
            throw new IllegalArgumentException("cannot pool " + key() + " with " + other.key());
        }
        List<Double> rates = new ArrayList<>(perSecond);
        rates.addAll(other.perSecond);
        return new Measurement(part, shape, concurrency, rates, concat(latencies, other.latencies),
                concat(appends, other.appends), operations + other.operations,
                cpuNanos < 0 || other.cpuNanos < 0 ? -1 : cpuNanos + other.cpuNanos);
    }

    /** The process's CPU time per operation over the windows, in microseconds; NaN when unknown. */
    double cpuMicrosPerOperation() {
        return cpuNanos < 0 || operations == 0 ? Double.NaN : cpuNanos / 1e3 / operations;
    }

    /** What identifies the measurement across rounds. */
    String key() {
        return part + "/" + shape + "/" + concurrency;
    }

    Latencies latencySummary() {
        return Latencies.ofNanos(latencies.clone());
    }

    Latencies appendSummary() {
        return Latencies.ofNanos(appends.clone());
    }

    /** The median of the windows' rates. */
    double medianPerSecond() {
        List<Double> sorted = perSecond.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double minPerSecond() {
        return perSecond.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double maxPerSecond() {
        return perSecond.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
