package dev.synod.lang.internal.glob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of Unicode code points, kept as sorted, disjoint, non-adjacent closed ranges.
 *
 * <p>Every label of a glob automaton is one of these: a literal is a one-point set, {@code ?} and
 * {@code *} use {@link #ANY_IN_SEGMENT}, a class is its ranges (never containing {@code /}), and
 * a separator is {@link #SLASH}. Because labels are exact sets, two transitions can fire on the
 * same character exactly when their sets intersect, so the product of two automata needs no
 * alphabet partition and is exact over all of Unicode.
 */
final class CharSet {
    /** The separator, the only label that contains {@code /}. */
    static final CharSet SLASH = single('/');

    /** Any character that may appear inside a segment: everything but {@code /}. */
    static final CharSet ANY_IN_SEGMENT =
            new CharSet(new int[] {0, '/' - 1, '/' + 1, Character.MAX_CODE_POINT});

    /**
     * Characters offered as examples, best first: a free position reads {@code x}, as in
     * {@code src/a/x}, and constrained positions fall back to other plain letters and digits.
     */
    private static final String PREFERRED =
            "xyzabcdefghijklmnopqrstuvw0123456789XYZABCDEFGHIJKLMNOPQRSTUVW-_.";

    /** Pairs {@code lo, hi} of inclusive bounds, sorted, disjoint and non-adjacent. */
    private final int[] bounds;

    private CharSet(int[] bounds) {
        this.bounds = bounds;
    }

    /** The set holding one code point. */
    static CharSet single(int codePoint) {
        return new CharSet(new int[] {codePoint, codePoint});
    }

    /**
     * The set of a character class: the union of the given inclusive ranges, complemented when
     * {@code negated}, and never containing {@code /} either way.
     */
    static CharSet ofClass(List<int[]> ranges, boolean negated) {
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(r -> r[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : sorted) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        int[] flat = new int[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            flat[2 * i] = merged.get(i)[0];
            flat[2 * i + 1] = merged.get(i)[1];
        }
        CharSet union = new CharSet(flat);
        return (negated ? union.complement() : union).intersect(ANY_IN_SEGMENT);
    }

    boolean isEmpty() {
        return bounds.length == 0;
    }

    boolean contains(int codePoint) {
        // Binary search for the last range whose lower bound is at most codePoint.
        int lo = 0;
        int hi = bounds.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (bounds[2 * mid] <= codePoint) {
                if (codePoint <= bounds[2 * mid + 1]) {
                    return true;
                }
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    /** Whether some code point is in both sets; allocation-free, as the product search calls it. */
    boolean intersects(CharSet other) {
        int[] a = bounds;
        int[] b = other.bounds;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i + 1] < b[j]) {
                i += 2;
            } else if (b[j + 1] < a[i]) {
                j += 2;
            } else {
                return true;
            }
        }
        return false;
    }

    CharSet intersect(CharSet other) {
        int[] a = bounds;
        int[] b = other.bounds;
        int[] out = new int[a.length + b.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            int lo = Math.max(a[i], b[j]);
            int hi = Math.min(a[i + 1], b[j + 1]);
            if (lo <= hi) {
                out[n++] = lo;
                out[n++] = hi;
            }
            if (a[i + 1] < b[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return new CharSet(Arrays.copyOf(out, n));
    }

    private CharSet complement() {
        int[] out = new int[bounds.length + 2];
        int n = 0;
        int next = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] > next) {
                out[n++] = next;
                out[n++] = bounds[i] - 1;
            }
            next = bounds[i + 1] + 1;
        }
        if (next <= Character.MAX_CODE_POINT) {
            out[n++] = next;
            out[n++] = Character.MAX_CODE_POINT;
        }
        return new CharSet(Arrays.copyOf(out, n));
    }

    /**
     * A member that reads well in an error message: a preferred letter or digit if there is
     * one, else printable ASCII, else a non-surrogate, non-control character, else any member.
     *
     * @throws IllegalStateException if the set is empty
     */
    int pick() {
        if (isEmpty()) {
            throw new IllegalStateException("cannot pick a character from an empty set");
        }
        for (int i = 0; i < PREFERRED.length(); i++) {
            if (contains(PREFERRED.charAt(i))) {
                return PREFERRED.charAt(i);
            }
        }
        int printable = firstAtLeast('!', '~');
        if (printable >= 0) {
            return printable;
        }
        int beyondLatin1Controls = firstAtLeast(0xA0, Character.MIN_SURROGATE - 1);
        if (beyondLatin1Controls >= 0) {
            return beyondLatin1Controls;
        }
        int supplementaryOrLater = firstAtLeast(Character.MAX_SURROGATE + 1, Character.MAX_CODE_POINT);
        return supplementaryOrLater >= 0 ? supplementaryOrLater : bounds[0];
    }

    /** The smallest member within {@code [from, to]}, or -1. */
    private int firstAtLeast(int from, int to) {
        for (int i = 0; i < bounds.length; i += 2) {
            int lo = Math.max(bounds[i], from);
            if (lo <= Math.min(bounds[i + 1], to)) {
                return lo;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharSet other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < bounds.length; i += 2) {
            sb.append(String.format("%04X", bounds[i]));
            if (bounds[i + 1] != bounds[i]) {
                sb.append('-').append(String.format("%04X", bounds[i + 1]));
            }
            sb.append(i + 2 < bounds.length ? " " : "");
        }
        return sb.append(']').toString();
    }
}
