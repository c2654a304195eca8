package dev.synod.bench.engine;

import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Prints the harness's figures: one line per measurement as it ends, then the pooled table and the targets. */
final class Report {
    private static final double MAX_STEP_OVER_RAW = 2.0;
    private static final double MIN_STEPS_PER_SECOND = 10_000;
    private static final int TARGET_CONCURRENCY = 64;

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    /** One measurement of one round, with the machine's load average when it ended. */
    void line(int round, Measurement m, String loadAverage) {
        Latencies l = m.latencySummary();
        Latencies a = m.appendSummary();
        out.printf(Locale.ROOT, "round %d  %-7s %-4s c=%-3d %8.0f /s  p50 %8.3f  p90 %8.3f  p99 %8.3f  max %8.3f ms"
                        + "  [%d]%s  cpu %.0f us/op  load %s%n", round, m.part(), m.shape(), m.concurrency(), m.medianPerSecond(),
                l.p50(), l.p90(), l.p99(), l.max(), l.count(), a.count() == 0 ? ""
                        : String.format(Locale.ROOT, "  append p50 %.3f p99 %.3f ms", a.p50(), a.p99()),
                m.cpuMicrosPerOperation(), loadAverage);
    }

    /** The Markdown table of every measurement, pooled over the rounds. */
    void table(Collection<Measurement> pooled) {
        out.println();
        out.println("| part | shape | concurrency | ops/s: median of windows (min–max) | p50 ms | p90 ms | p99 ms | max ms "
                + "| append p50 ms | append p99 ms | process CPU µs/op |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Measurement m : pooled) {
            Latencies l = m.latencySummary();
            Latencies a = m.appendSummary();
            out.printf(Locale.ROOT, "| %s | %s | %d | %.0f (%.0f–%.0f) | %.3f | %.3f | %.3f | %.3f | %s | %s | %.0f |%n",
                    m.part(), m.shape(), m.concurrency(), m.medianPerSecond(), m.minPerSecond(), m.maxPerSecond(),
                    l.p50(), l.p90(), l.p99(), l.max(), cell(a.p50()), cell(a.p99()), m.cpuMicrosPerOperation());
        }
    }

    /**
     * The targets: a step at concurrency 1 costs at most twice a raw commit (p50, pooled, and per
     * round, since the raw commit and the steps of a round ran minutes apart at most), and at least
     * 10,000 steps per second at concurrency 64.
     */
    void targets(Map<String, Measurement> pooled, List<Map<String, Measurement>> rounds) {
        out.println();
        for (String part : List.of("journal", "engine")) {
            String key = part + "/seq/1";
            if (pooled.containsKey("raw/seq/1") && pooled.containsKey(key)) {
                double ratio = p50(pooled.get(key)) / p50(pooled.get("raw/seq/1"));
                List<String> perRound = rounds.stream().filter(r -> r.containsKey(key) && r.containsKey("raw/seq/1"))
                        .map(r -> String.format(Locale.ROOT, "%.2f", p50(r.get(key)) / p50(r.get("raw/seq/1")))).toList();
                out.printf(Locale.ROOT, "target: %s step p50 at c=1 <= %.0fx raw commit p50: %.2fx pooled (per round %s)"
                        + " -> %s%n", part, MAX_STEP_OVER_RAW, ratio, perRound, ratio <= MAX_STEP_OVER_RAW ? "met" : "NOT met");
            }
            for (String shape : List.of("par", "runs")) {
                Optional<Measurement> many = Optional.ofNullable(pooled.get(part + "/" + shape + "/" + TARGET_CONCURRENCY));
                many.ifPresent(m -> out.printf(Locale.ROOT, "target: %s (%s) steps/s at c=%d >= %.0f: %.0f -> %s%n", part,
                        shape, TARGET_CONCURRENCY, MIN_STEPS_PER_SECOND, m.medianPerSecond(),
                        m.medianPerSecond() >= MIN_STEPS_PER_SECOND ? "met" : "NOT met"));
            }
        }
    }

    private static double p50(Measurement m) {
        return m.latencySummary().p50();
    }

    private static String cell(double millis) {
        return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.3f", millis);
    }
}
