package dev.synod.lang.internal.glob;

import java.util.List;

/**
 * One {@code /}-separated segment of a parsed glob (after brace expansion and normalization):
 * either {@code **}, which matches zero or more whole path segments, or a pattern that matches
 * exactly one non-empty path segment.
 */
sealed interface Segment {

    /** A whole-segment {@code **}. */
    record Globstar() implements Segment {
    }

    /**
     * A pattern for one path segment, as a sequence of atoms. Consecutive stars are already
     * collapsed to one, so {@code a**b} and {@code ***} arrive here as {@code a*b} and {@code *}.
     */
    record Part(List<Atom> atoms) implements Segment {
        public Part {
            atoms = List.copyOf(atoms);
            if (atoms.isEmpty()) {
                throw new IllegalArgumentException("a segment pattern needs at least one atom");
            }
        }

        /** Whether the pattern is a lone {@code *}, the only atom sequence that can match empty. */
        boolean isLoneStar() {
            return atoms.size() == 1 && atoms.get(0) instanceof Atom.Star;
        }

        /** Whether the pattern starts with {@code *.}, a star before a literal dot. */
        boolean startsWithStarDot() {
            return atoms.size() > 1
                    && atoms.get(0) instanceof Atom.Star
                    && atoms.get(1) instanceof Atom.One one
                    && one.set().equals(CharSet.single('.'));
        }
    }

    /** One step within a segment pattern. */
    sealed interface Atom {

        /** {@code *}: zero or more characters other than {@code /}. */
        record Star() implements Atom {
        }

        /** Exactly one character from the set: a literal, {@code ?} or a class. */
        record One(CharSet set) implements Atom {
        }
    }
}
