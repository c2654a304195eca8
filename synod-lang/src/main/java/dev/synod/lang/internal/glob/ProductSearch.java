package dev.synod.lang.internal.glob;

import java.util.Arrays;

/**
 * Breadth-first search of the product of two automata for a pair of accepting states.
 *
 * <p>A product state is a pair {@code (p, q)}; from it, a transition of {@code p} and one of
 * {@code q} move together when their labels intersect, since some character then fires both.
 * The search visits each reachable pair once, so it costs at most the product of the state
 * counts times the transition pairs, with no subset construction. Being breadth-first, the
 * first accepting pair found ends a shortest common path; the path is rebuilt from parent
 * links, taking at each step a readable character from the intersection of the two labels.
 */
final class ProductSearch {
    private final Automaton left;
    private final Automaton right;

    // The queue of discovered pairs doubles as the parent table for rebuilding the path.
    private long[] pairs = new long[64];
    private int[] parent = new int[64];
    private int[] leftMove = new int[64];
    private int[] rightMove = new int[64];
    private int size;

    // Visited pairs: open addressing over keys (p << 32 | q), with -1 for an empty slot.
    private long[] table = filled(128);
    private int occupied;

    private ProductSearch(Automaton left, Automaton right) {
        this.left = left;
        this.right = right;
    }

    /** A shortest path accepted by both, as code points, or {@code null} if there is none. */
    static int[] shortestCommonPath(Automaton left, Automaton right) {
        return new ProductSearch(left, right).run();
    }

    private int[] run() {
        for (int p : left.starts()) {
            for (int q : right.starts()) {
                if (discover(p, q, -1, -1, -1)) {
                    return path(size - 1);
                }
            }
        }
        for (int head = 0; head < size; head++) {
            int p = (int) (pairs[head] >>> 32);
            int q = (int) pairs[head];
            for (int i = 0; i < left.transitionCount(p); i++) {
                CharSet leftLabel = left.label(p, i);
                for (int j = 0; j < right.transitionCount(q); j++) {
                    if (leftLabel.intersects(right.label(q, j))
                            && discover(left.target(p, i), right.target(q, j), head, i, j)) {
                        return path(size - 1);
                    }
                }
            }
        }
        return null;
    }

    /** Records a pair if it is new; returns whether it is new and accepting on both sides. */
    private boolean discover(int p, int q, int from, int i, int j) {
        long key = ((long) p << 32) | (q & 0xFFFFFFFFL);
        if (!visit(key)) {
            return false;
        }
        if (size == pairs.length) {
            int grown = size * 2;
            pairs = Arrays.copyOf(pairs, grown);
            parent = Arrays.copyOf(parent, grown);
            leftMove = Arrays.copyOf(leftMove, grown);
            rightMove = Arrays.copyOf(rightMove, grown);
        }
        pairs[size] = key;
        parent[size] = from;
        leftMove[size] = i;
        rightMove[size] = j;
        size++;
        return left.accepting(p) && right.accepting(q);
    }

    private int[] path(int index) {
        int length = 0;
        for (int k = index; parent[k] >= 0; k = parent[k]) {
            length++;
        }
        int[] codePoints = new int[length];
        for (int k = index; parent[k] >= 0; k = parent[k]) {
            long from = pairs[parent[k]];
            CharSet leftLabel = left.label((int) (from >>> 32), leftMove[k]);
            CharSet rightLabel = right.label((int) from, rightMove[k]);
            codePoints[--length] = leftLabel.intersect(rightLabel).pick();
        }
        return codePoints;
    }

    /** Adds {@code key} to the visited set; returns whether it was absent. */
    private boolean visit(long key) {
        if (2 * (occupied + 1) > table.length) {
            long[] old = table;
            table = filled(old.length * 2);
            for (long k : old) {
                if (k >= 0) {
                    insert(k);
                }
            }
        }
        if (!insert(key)) {
            return false;
        }
        occupied++;
        return true;
    }

    private boolean insert(long key) {
        int mask = table.length - 1;
        int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (table[slot] >= 0) {
            if (table[slot] == key) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = key;
        return true;
    }

    private static long[] filled(int length) {
        long[] t = new long[length];
        Arrays.fill(t, -1L);
        return t;
    }
}
