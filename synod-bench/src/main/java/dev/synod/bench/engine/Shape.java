package dev.synod.bench.engine;

import java.util.Locale;

/** How {@code concurrency} steps are kept in flight against one journal. */
enum Shape {
    /** One run, one step at a time: concurrency 1, where the other two shapes are the same thing. */
    SEQ,
    /** One run whose {@code par} has {@code concurrency} branches: one engine loop, the journal's only appender. */
    PAR,
    /** {@code concurrency} independent runs at once, one engine loop each, all appending to the one journal. */
    RUNS;

    /** Concurrent runs for this shape at {@code concurrency}. */
    int runs(int concurrency) {
        return this == RUNS ? concurrency : 1;
    }

    /** Branches per run for this shape at {@code concurrency}. */
    int branches(int concurrency) {
        return this == PAR ? concurrency : 1;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
