package dev.synod.lang.internal.glob;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A nondeterministic automaton without epsilon moves over code points, recognizing exactly the
 * paths a glob matches. Paths are {@code seg(/seg)*} with non-empty segments, and the automaton
 * enforces that shape itself: segment labels never contain {@code /}, and every segment pattern
 * consumes at least one character.
 *
 * <p>Construction, with {@code B_i} the state "at the start of a path segment, before pattern
 * segment {@code i}":
 *
 * <ul>
 *   <li>a segment pattern is a chain of {@link Segment.Atom.One} steps, each {@code *} a
 *       self-loop on the state where it stands; a lone {@code *} becomes {@code ?*} so that it
 *       never matches an empty segment, and a segment ends either accepting (if last) or with a
 *       {@code /} step to {@code B_i+1};
 *   <li>{@code **} not in last place is {@code B_i --c--> G --c--> G --/--> B_i} plus an
 *       epsilon {@code B_i -> B_i+1}: zero or more whole segments, each followed by {@code /};
 *   <li>{@code **} in last place is the same loop with {@code G} accepting and no epsilon: one
 *       or more segments, because the {@code /} before it is already consumed, so {@code a/**}
 *       matches {@code a/x} but not {@code a}.
 * </ul>
 *
 * <p>Brace alternatives are disjoint sub-automata with one start state each. Epsilons are then
 * removed, unreachable states dropped, and bisimilar states merged ({@link StateMerging}), which
 * folds the alternatives of braces back together. Instances are immutable and thread-safe.
 */
final class Automaton {
    private final int[] starts;
    private final boolean[] accepting;
    private final int[][] targets;
    private final CharSet[][] labels;

    private Automaton(int[] starts, boolean[] accepting, int[][] targets, CharSet[][] labels) {
        this.starts = starts;
        this.accepting = accepting;
        this.targets = targets;
        this.labels = labels;
    }

    /**
     * The automaton of a parsed glob.
     *
     * @param avoidHiddenFiles whether a segment's leading {@code *} before a literal {@code .}
     *     must match at least one character; this recognizes a subset of the glob's paths, used
     *     only to find friendlier witnesses ({@code x.java} rather than the hidden {@code .java})
     */
    static Automaton of(List<List<Segment>> alternatives, boolean avoidHiddenFiles) {
        Builder builder = new Builder();
        for (List<Segment> segments : alternatives) {
            builder.alternative(segments, avoidHiddenFiles);
        }
        // One alternative is a chain already: merging would find nothing, at a quadratic cost.
        Automaton built = builder.build();
        return alternatives.size() > 1 ? StateMerging.merge(built) : built;
    }

    /** An automaton from its tables, as {@link StateMerging} rebuilds it; the arrays are kept. */
    static Automaton fromTables(int[] starts, boolean[] accepting, int[][] targets, CharSet[][] labels) {
        return new Automaton(starts, accepting, targets, labels);
    }

    int stateCount() {
        return accepting.length;
    }

    int[] starts() {
        return starts;
    }

    boolean accepting(int state) {
        return accepting[state];
    }

    int transitionCount(int state) {
        return targets[state].length;
    }

    int target(int state, int transition) {
        return targets[state][transition];
    }

    CharSet label(int state, int transition) {
        return labels[state][transition];
    }

    /** Whether the whole of {@code path} is accepted, simulating all states in parallel. */
    boolean matches(String path) {
        boolean[] current = new boolean[stateCount()];
        for (int s : starts) {
            current[s] = true;
        }
        for (int i = 0; i < path.length(); ) {
            int c = path.codePointAt(i);
            i += Character.charCount(c);
            boolean[] next = new boolean[stateCount()];
            boolean any = false;
            for (int s = 0; s < current.length; s++) {
                if (current[s]) {
                    for (int t = 0; t < targets[s].length; t++) {
                        if (labels[s][t].contains(c)) {
                            next[targets[s][t]] = true;
                            any = true;
                        }
                    }
                }
            }
            if (!any) {
                return false;
            }
            current = next;
        }
        for (int s = 0; s < current.length; s++) {
            if (current[s] && accepting[s]) {
                return true;
            }
        }
        return false;
    }

    /** Builds the automaton with epsilons, then removes them. */
    private static final class Builder {
        private final List<List<int[]>> edges = new ArrayList<>(); // {target, labelIndex}
        private final List<List<Integer>> epsilons = new ArrayList<>();
        private final List<Boolean> accept = new ArrayList<>();
        private final List<CharSet> labelTable = new ArrayList<>();
        private final List<Integer> startStates = new ArrayList<>();

        private int state() {
            edges.add(new ArrayList<>());
            epsilons.add(new ArrayList<>());
            accept.add(false);
            return accept.size() - 1;
        }

        private void edge(int from, CharSet label, int to) {
            labelTable.add(label);
            edges.get(from).add(new int[] {to, labelTable.size() - 1});
        }

        void alternative(List<Segment> segments, boolean avoidHiddenFiles) {
            int b = state();
            startStates.add(b);
            for (int i = 0; i < segments.size(); i++) {
                boolean last = i == segments.size() - 1;
                switch (segments.get(i)) {
                    case Segment.Globstar globstar -> {
                        int g = state();
                        edge(b, CharSet.ANY_IN_SEGMENT, g);
                        edge(g, CharSet.ANY_IN_SEGMENT, g);
                        edge(g, CharSet.SLASH, b);
                        if (last) {
                            accept.set(g, true);
                        } else {
                            int next = state();
                            epsilons.get(b).add(next);
                            b = next;
                        }
                    }
                    case Segment.Part part -> {
                        int end = chain(b, part, avoidHiddenFiles);
                        if (last) {
                            accept.set(end, true);
                        } else {
                            b = state();
                            edge(end, CharSet.SLASH, b);
                        }
                    }
                }
            }
        }

        /** The atoms of one segment pattern from {@code from}; returns the state after them. */
        private int chain(int from, Segment.Part part, boolean avoidHiddenFiles) {
            int current = from;
            boolean mustConsume = part.isLoneStar() || (avoidHiddenFiles && part.startsWithStarDot());
            for (Segment.Atom atom : part.atoms()) {
                if (mustConsume) {
                    // "*" as the first atom becomes "?*": never an empty segment, and in the
                    // preferred automaton never a segment that starts with the dot of "*.".
                    int next = state();
                    edge(current, CharSet.ANY_IN_SEGMENT, next);
                    current = next;
                    mustConsume = false;
                }
                switch (atom) {
                    case Segment.Atom.Star star -> edge(current, CharSet.ANY_IN_SEGMENT, current);
                    case Segment.Atom.One one -> {
                        int next = state();
                        edge(current, one.set(), next);
                        current = next;
                    }
                }
            }
            return current;
        }

        Automaton build() {
            int n = accept.size();
            // Epsilon-free: a state takes the moves and acceptance of its epsilon closure.
            List<List<int[]>> moves = new ArrayList<>();
            boolean[] accepts = new boolean[n];
            for (int s = 0; s < n; s++) {
                List<int[]> own = new ArrayList<>();
                for (int c : closure(s)) {
                    own.addAll(edges.get(c));
                    accepts[s] |= accept.get(c);
                }
                moves.add(own);
            }
            // Keep only states reachable from a start, renumbered in discovery order.
            int[] number = new int[n];
            Arrays.fill(number, -1);
            List<Integer> order = new ArrayList<>();
            Deque<Integer> queue = new ArrayDeque<>();
            for (int s : startStates) {
                if (number[s] < 0) {
                    number[s] = order.size();
                    order.add(s);
                    queue.add(s);
                }
            }
            while (!queue.isEmpty()) {
                for (int[] move : moves.get(queue.poll())) {
                    if (number[move[0]] < 0) {
                        number[move[0]] = order.size();
                        order.add(move[0]);
                        queue.add(move[0]);
                    }
                }
            }
            int m = order.size();
            boolean[] accepting = new boolean[m];
            int[][] targets = new int[m][];
            CharSet[][] labels = new CharSet[m][];
            for (int k = 0; k < m; k++) {
                int s = order.get(k);
                accepting[k] = accepts[s];
                List<int[]> own = moves.get(s);
                targets[k] = new int[own.size()];
                labels[k] = new CharSet[own.size()];
                for (int t = 0; t < own.size(); t++) {
                    targets[k][t] = number[own.get(t)[0]];
                    labels[k][t] = labelTable.get(own.get(t)[1]);
                }
            }
            int[] starts = startStates.stream().mapToInt(s -> number[s]).distinct().toArray();
            return new Automaton(starts, accepting, targets, labels);
        }

        private List<Integer> closure(int state) {
            List<Integer> seen = new ArrayList<>();
            Deque<Integer> stack = new ArrayDeque<>();
            stack.push(state);
            while (!stack.isEmpty()) {
                int s = stack.pop();
                if (!seen.contains(s)) {
                    seen.add(s);
                    epsilons.get(s).forEach(stack::push);
                }
            }
            return seen;
        }
    }
}
