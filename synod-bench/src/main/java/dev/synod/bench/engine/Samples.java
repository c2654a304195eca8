package dev.synod.bench.engine;

import java.util.Arrays;

/** Latency samples in nanoseconds, added from any thread. */
final class Samples {
    private long[] values = new long[1 << 12];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int size() {
        return size;
    }

    /** A copy of the samples so far. */
    synchronized long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** All samples of several windows, for percentiles over a whole measurement. */
    static long[] concat(Iterable<Samples> all) {
        long[] out = new long[0];
        for (Samples s : all) {
            long[] part = s.toArray();
            int at = out.length;
            out = Arrays.copyOf(out, at + part.length);
            System.arraycopy(part, 0, out, at, part.length);
        }
        return out;
    }
}
