package dev.synod.lang.internal.check;

/**
 * Arithmetic on non-negative counts that stops at {@link Long#MAX_VALUE} instead of wrapping
 * around: literals may be as large as a file cares to write them.
 */
final class Saturating {
    private Saturating() {
    }

    static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    static long times(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
