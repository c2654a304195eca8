/**
 * The syntax tree of a {@code .synod} file: sealed interfaces of records, each node with its
 * source {@link dev.synod.lang.Span}. Built by the parser; read by the checker, the projection,
 * the formatter, the graph export and the runtime's plan compiler.
 */
package dev.synod.lang.ast;
