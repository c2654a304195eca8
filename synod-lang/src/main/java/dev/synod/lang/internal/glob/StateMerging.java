package dev.synod.lang.internal.glob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shrinks an automaton by merging bisimilar states, which keeps its language.
 *
 * <p>Brace expansion gives each alternative its own chain of states, so {@code {a,b}} ten times
 * over is 1024 chains, and the product of two such automata is a million pairs. Merging states
 * with the same pasts (the same start flag and the same labelled predecessors, up to merging)
 * shares common prefixes as a trie would; merging states with the same futures (the same
 * accepting flag and labelled successors) then shares common suffixes. The ten braces collapse
 * to eleven states. Both merges are coarsest stable partitions found by plain refinement:
 * start from the flags, split blocks by signature until the block count stops growing.
 *
 * <p>Why merging keeps the language: states with the same pasts are reached by the same words,
 * so whatever one accepts or continues with, the words reaching the other could already do
 * through the first; dually for states with the same futures. Labels compare by set equality,
 * which may merge less than possible but never wrongly.
 */
final class StateMerging {
    private static final long LABEL_MASK = 0xFFFFFFFF00000000L;

    private StateMerging() {
    }

    static Automaton merge(Automaton automaton) {
        Automaton byPast = quotient(automaton, refine(automaton, false));
        return quotient(byPast, refine(byPast, true));
    }

    /** The block of each state in the coarsest partition stable for futures (or pasts). */
    private static int[] refine(Automaton a, boolean futures) {
        int n = a.stateCount();
        List<long[]> neighbours = neighbours(a, futures);
        boolean[] starts = new boolean[n];
        for (int s : a.starts()) {
            starts[s] = true;
        }
        int[] block = new int[n];
        for (int s = 0; s < n; s++) {
            block[s] = (futures ? a.accepting(s) : starts[s]) ? 1 : 0;
        }
        int blocks = -1;
        while (true) {
            Map<Signature, Integer> ids = new HashMap<>();
            int[] next = new int[n];
            for (int s = 0; s < n; s++) {
                next[s] = ids.computeIfAbsent(signature(block, s, neighbours.get(s)), k -> ids.size());
            }
            // Refinement only ever splits blocks, so an unchanged count means a fixpoint.
            if (ids.size() == blocks) {
                return next;
            }
            blocks = ids.size();
            block = next;
        }
    }

    /** The current block of {@code s}, then its set of (label, neighbour's block), sorted. */
    private static Signature signature(int[] block, int s, long[] edges) {
        long[] codes = new long[edges.length + 1];
        for (int e = 0; e < edges.length; e++) {
            codes[e + 1] = (edges[e] & LABEL_MASK) | block[(int) edges[e]];
        }
        Arrays.sort(codes, 1, codes.length);
        int length = codes.length > 1 ? 2 : 1;
        for (int e = 2; e < codes.length; e++) {
            if (codes[e] != codes[length - 1]) {
                codes[length++] = codes[e];
            }
        }
        codes[0] = block[s];
        return new Signature(Arrays.copyOf(codes, length));
    }

    /** A signature as a value: arrays compare by identity, so they are wrapped. */
    private record Signature(long[] codes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Signature other && Arrays.equals(codes, other.codes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes);
        }

        @Override
        public String toString() {
            return Arrays.toString(codes);
        }
    }

    /**
     * For each state, its outgoing (or incoming) edges, each packed as {@code labelId << 32 |
     * other state}, so a signature needs only to swap the state for its block.
     */
    private static List<long[]> neighbours(Automaton a, boolean outgoing) {
        Map<CharSet, Integer> labelIds = new HashMap<>();
        List<List<Long>> lists = new ArrayList<>();
        for (int s = 0; s < a.stateCount(); s++) {
            lists.add(new ArrayList<>());
        }
        for (int s = 0; s < a.stateCount(); s++) {
            for (int t = 0; t < a.transitionCount(s); t++) {
                long label = (long) labelIds.computeIfAbsent(a.label(s, t), k -> labelIds.size()) << 32;
                int target = a.target(s, t);
                lists.get(outgoing ? s : target).add(label | (outgoing ? target : s));
            }
        }
        return lists.stream().map(l -> l.stream().mapToLong(Long::longValue).toArray()).toList();
    }

    /** The automaton whose states are the blocks, keeping edge order for stable witnesses. */
    private static Automaton quotient(Automaton a, int[] block) {
        int blocks = Arrays.stream(block).max().orElse(-1) + 1;
        boolean[] accepting = new boolean[blocks];
        List<Set<Edge>> edges = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            edges.add(new LinkedHashSet<>());
        }
        for (int s = 0; s < a.stateCount(); s++) {
            accepting[block[s]] |= a.accepting(s);
            for (int t = 0; t < a.transitionCount(s); t++) {
                edges.get(block[s]).add(new Edge(a.label(s, t), block[a.target(s, t)]));
            }
        }
        int[][] targets = new int[blocks][];
        CharSet[][] labels = new CharSet[blocks][];
        for (int b = 0; b < blocks; b++) {
            List<Edge> own = List.copyOf(edges.get(b));
            targets[b] = own.stream().mapToInt(Edge::target).toArray();
            labels[b] = own.stream().map(Edge::label).toArray(CharSet[]::new);
        }
        int[] starts = Arrays.stream(a.starts()).map(s -> block[s]).distinct().toArray();
        return Automaton.fromTables(starts, accepting, targets, labels);
    }

    private record Edge(CharSet label, int target) {
    }
}
