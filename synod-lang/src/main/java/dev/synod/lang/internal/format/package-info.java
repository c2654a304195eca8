/**
 * The canonical form of a choreography (LANGUAGE.md §8): {@link dev.synod.lang.internal.format.Formatter}
 * lays the tree out as lines, puts every comment back beside the construct it belongs to and
 * prints the result; {@link dev.synod.lang.internal.format.TreeDump} renders a tree without spans,
 * so two parses can be compared (the formatter's round-trip property, and handy in any test).
 */
package dev.synod.lang.internal.format;
