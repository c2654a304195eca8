/**
 * Path globs for write scopes, and exact overlap between two of them.
 *
 * <p>{@link dev.synod.lang.internal.glob.Glob} parses and compiles a pattern such as
 * {@code src/main/java/bank/api/**} (the syntax is on that class) into an automaton over code
 * points in which {@code /} is the segment separator. {@link dev.synod.lang.internal.glob.GlobOverlap}
 * decides whether two globs can match the same path, as checks S042 and S043 require
 * (LANGUAGE.md §6), by a breadth-first search of the product of their automata, and returns a
 * short example path for the diagnostic.
 *
 * <p>The pipeline inside the package: {@code GlobParser} (text to segments, with brace
 * expansion and normalization) → {@code Segment} and {@code CharSet} (the parsed form) →
 * {@code Automaton} (epsilon-free NFA, shrunk by {@code StateMerging} so that brace
 * alternatives share states) → {@code ProductSearch} (pair BFS). Labels are exact
 * code point sets, so the product needs no alphabet approximation: two moves can fire together
 * exactly when their label sets intersect.
 */
package dev.synod.lang.internal.glob;
