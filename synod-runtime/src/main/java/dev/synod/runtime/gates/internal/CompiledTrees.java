package dev.synod.runtime.gates.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The last few trees the compile gate compiled, each as the {@link UnitState}s of its units, from
 * which the next tree compiles incrementally. The gate sees trees, not roles or lineages, so a new
 * tree continues from the kept tree that shares the most source files with it, unchanged: the
 * previous attempt of the same role, or the step its lineage came from, in practice. Held in memory
 * for the gate's life (one run); the class directories are released when a tree is pushed out.
 */
public final class CompiledTrees {
    private final int capacity;
    private final Deque<Map<String, UnitState>> kept = new ArrayDeque<>();

    /** @param capacity how many trees to keep, at least 1 */
    public CompiledTrees(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("expected to keep at least 1 compiled tree, found " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * The kept tree with the most sources of {@code hashes} (path relative to the tree to SHA-256)
     * unchanged, each state retained for the caller, who gives it back with {@link #release}; an
     * empty map when no kept tree shares a source.
     */
    public synchronized Map<String, UnitState> closest(Map<String, String> hashes) {
        Map<String, UnitState> best = Map.of();
        int bestScore = 0;
        for (Map<String, UnitState> tree : kept) {
            int score = 0;
            for (UnitState unit : tree.values()) {
                for (Map.Entry<String, UnitState.Source> s : unit.sources().entrySet()) {
                    if (s.getValue().hash().equals(hashes.get(s.getKey()))) {
                        score++;
                    }
                }
            }
            if (score > bestScore) {
                best = tree;
                bestScore = score;
            }
        }
        best.values().forEach(u -> u.dir().retain());
        return best;
    }

    /** Keeps {@code tree}, whose states the caller gives up, pushing out the oldest kept tree when full. */
    public void keep(Map<String, UnitState> tree) {
        Map<String, UnitState> out = null;
        synchronized (this) {
            kept.addFirst(Map.copyOf(tree));
            if (kept.size() > capacity) {
                out = kept.removeLast();
            }
        }
        if (out != null) {
            release(out);
        }
    }

    /** Forgets every kept tree, releasing its class directories. */
    public void clear() {
        List<Map<String, UnitState>> out;
        synchronized (this) {
            out = List.copyOf(kept);
            kept.clear();
        }
        out.forEach(CompiledTrees::release);
    }

    /** Gives back states from {@link #closest} or from a compilation that is not kept. */
    public static void release(Map<String, UnitState> tree) {
        tree.values().forEach(u -> u.dir().release());
    }
}
