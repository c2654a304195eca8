package dev.synod.core;

import java.nio.charset.StandardCharsets;

/**
 * The coins of a {@code ben_or} decide (ARCHITECTURE.md §7): each draw is a pure function of the
 * run's seed (journaled in {@link Event.RunStarted}), the decide, the question, the round and the
 * voter, so that a replay or a resumed run draws exactly the same coins, in any order. The value
 * is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA
 * 2014) of the seed mixed with the FNV-1a hash of those names; its output passes BigCrush, more
 * than enough for choosing among a handful of options.
 */
public final class Coins implements DecideProtocol.Coin {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long seed;
    private final String decide;

    private Coins(long seed, String decide) {
        this.seed = seed;
        this.decide = decide;
    }

    /** The coins of decide {@code decide} in a run seeded with {@code seed}. */
    public static Coins of(long seed, String decide) {
        return new Coins(seed, decide);
    }

    @Override
    public int draw(String question, int round, String voter, int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("a coin needs at least one option to land on, found " + bound);
        }
        return (int) Long.remainderUnsigned(mix(seed ^ fnv(decide + '\u0000' + question + '\u0000' + round + '\u0000' + voter)),
                bound);
    }

    /** The SplitMix64 finalizer of {@code z} plus its golden-ratio increment. */
    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long fnv(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }
}
