/**
 * Drawings of a choreography (LANGUAGE.md §9). {@link dev.synod.lang.internal.graph.Diagram} resolves
 * roles and expands {@code for} loops once; {@link dev.synod.lang.internal.graph.MermaidExporter}
 * draws it as a Mermaid {@code sequenceDiagram} and {@link dev.synod.lang.internal.graph.DotExporter}
 * as a Graphviz graph of roles and artifacts. Both work on any tree, even one that does not check:
 * what cannot be resolved is drawn as written.
 */
package dev.synod.lang.internal.graph;
