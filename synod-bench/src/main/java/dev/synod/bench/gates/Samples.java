package dev.synod.bench.gates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/** Timed samples by name, pooled over the rounds of a gate benchmark, in the order first measured. */
final class Samples {
    /** Something measured; it checks its own result and throws when it is wrong. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private final Map<String, List<Long>> nanos = new LinkedHashMap<>();

    /** Runs {@code work} {@code count} times, keeping each duration, and prints their median. */
    void time(String name, int count, Work work) throws Exception {
        List<Long> out = nanos.computeIfAbsent(name, n -> new ArrayList<>());
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            work.run();
            out.add(System.nanoTime() - start);
        }
        System.out.printf(Locale.ROOT, "  %-48s p50 %10.3f ms over %d%n", name,
                Spread.ofNanos(out.subList(out.size() - count, out.size()).stream().mapToLong(Long::longValue).toArray()).p50(),
                count);
    }

    /** The spread of every sample of {@code name}. */
    Spread spread(String name) {
        return Spread.ofNanos(nanos.get(name).stream().mapToLong(Long::longValue).toArray());
    }

    /** Each name with the spread of its samples, in the order first measured. */
    void forEach(BiConsumer<String, Spread> action) {
        nanos.keySet().forEach(name -> action.accept(name, spread(name)));
    }
}
