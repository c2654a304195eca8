package dev.synod.lang.internal.graph;

import dev.synod.lang.ast.SynodFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a choreography as a Graphviz {@code digraph} of roles and artifacts (LANGUAGE.md §9).
 * <ul>
 *   <li>Roles are boxes, one per replica, named as in the language ({@code "dev[2]"},
 *       {@code "ops.boss"}); {@code human} is a rounded box; names used without a declaration
 *       are dashed boxes. The roles of a nested team sit in {@code subgraph "cluster_<team>"}
 *       (nested clusters for nested teams, {@code cluster_t.u}).</li>
 *   <li>Artifacts are notes with ids {@code "artifact:<name>"}; a replica's artifact is named
 *       as in the Mermaid drawing ({@code impl[dev2]}), and a reference {@code impl[*]} stands for
 *       every replica's artifact.</li>
 *   <li>Edges: producer → artifact → each receiver (solid; {@code all} and {@code r[*]} expanded);
 *       artifact → reader dashed ({@code reads}); artifact → merger bold ({@code merges}). Two
 *       nodes are joined by one edge at most: a receiver that also reads the artifact gets the
 *       dashed edge alone, one that merges it the bold edge alone.</li>
 *   <li>A {@code decide} is a diamond {@code "decide:<n>"} joined to its voters by dotted lines;
 *       the artifacts it reads point to it, dashed.</li>
 * </ul>
 * Ids and labels are always quoted, with {@code "} and {@code \} escaped.
 */
public final class DotExporter {
    private static final String INDENT = "  ";

    private final Diagram diagram;
    private final StringBuilder out = new StringBuilder();
    private final Map<String, List<Artifact>> producedByBase = new LinkedHashMap<>();
    private final Set<String> artifacts = new LinkedHashSet<>();
    private final List<String> decisions = new ArrayList<>();
    /** Edge "from -> to" to its style; one edge per pair, in order of first drawing. */
    private final Map<String, Style> edges = new LinkedHashMap<>();

    /** How an edge is drawn; for one pair of nodes the later constant wins (a merge is also a receipt). */
    private enum Style {
        SOLID(""), DASHED(" [style=dashed]"), BOLD(" [style=bold]"), DOTTED(" [style=dotted, arrowhead=none]");

        private final String attributes;

        Style(String attributes) {
            this.attributes = attributes;
        }
    }

    private DotExporter(Diagram diagram) {
        this.diagram = diagram;
    }

    /** The graph of a file's tree. */
    public static String export(SynodFile file) {
        DotExporter exporter = new DotExporter(Diagram.of(file));
        exporter.collectProduced(exporter.diagram.flows());
        exporter.walk(exporter.diagram.flows());
        return exporter.render();
    }

    private void collectProduced(List<Flow> flows) {
        for (Flow flow : flows) {
            switch (flow) {
                case Flow.Send s -> {
                    List<Artifact> same = producedByBase.computeIfAbsent(s.artifact().base(), k -> new ArrayList<>());
                    if (!same.contains(s.artifact())) {
                        same.add(s.artifact());
                    }
                }
                case Flow.Parallel p -> p.branches().forEach(b -> collectProduced(b.flows()));
                case Flow.Loop l -> collectProduced(l.body());
                case Flow.Decision d -> {
                }
            }
        }
    }

    private void walk(List<Flow> flows) {
        for (Flow flow : flows) {
            switch (flow) {
                case Flow.Send s -> send(s);
                case Flow.Parallel p -> p.branches().forEach(b -> walk(b.flows()));
                case Flow.Loop l -> walk(l.body());
                case Flow.Decision d -> decision(d);
            }
        }
    }

    private void send(Flow.Send s) {
        String artifact = artifact(s.artifact());
        for (Participant producer : s.producers()) {
            edge(quote(producer.name()), artifact, Style.SOLID);
        }
        s.arrows().stream().map(Flow.Arrow::to).distinct().forEach(to -> edge(artifact, quote(to.name()), Style.SOLID));
        for (Participant producer : s.producers()) {
            for (Artifact read : expand(s.reads())) {
                edge(artifact(read), quote(producer.name()), Style.DASHED);
            }
            for (Artifact merged : expand(s.merges())) {
                edge(artifact(merged), quote(producer.name()), Style.BOLD);
            }
        }
    }

    private void decision(Flow.Decision d) {
        String id = quote("decide:" + (decisions.size() + 1));
        decisions.add(id + " [label=" + quote(d.text().replaceFirst(" by ", "\nby ")) + ", shape=diamond];");
        for (Participant voter : d.voters()) {
            edge(quote(voter.name()), id, Style.DOTTED);
        }
        for (Artifact read : expand(d.reads())) {
            edge(artifact(read), id, Style.DASHED);
        }
    }

    /** References as artifacts: {@code impl[*]} becomes every produced {@code impl[…]}, when there is one. */
    private List<Artifact> expand(List<Artifact> refs) {
        List<Artifact> out = new ArrayList<>();
        for (Artifact ref : refs) {
            List<Artifact> replicas = producedByBase.getOrDefault(ref.base(), List.of()).stream()
                    .filter(a -> a.index() != null).toList();
            out.addAll(ref.isStar() && !replicas.isEmpty() ? replicas : List.of(ref));
        }
        return out;
    }

    private String artifact(Artifact a) {
        String id = quote("artifact:" + a.name());
        artifacts.add(id + " [label=" + quote(a.name()) + ", shape=note];");
        return id;
    }

    private void edge(String from, String to, Style style) {
        edges.merge(from + " -> " + to, style, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    private String render() {
        out.append("digraph ").append(quote(diagram.name())).append(" {\n");
        line(1, "rankdir=LR;");
        line(1, "fontname=\"Helvetica\";");
        line(1, "node [fontname=\"Helvetica\"];");
        roles(List.of(), 1);
        diagram.participants().stream().filter(p -> p.kind() != Participant.Kind.ROLE).forEach(p -> line(1,
                quote(p.name()) + (p.kind() == Participant.Kind.HUMAN ? " [shape=box, style=rounded];"
                        : " [shape=box, style=dashed];")));
        artifacts.forEach(a -> line(1, a));
        decisions.forEach(d -> line(1, d));
        edges.forEach((edge, style) -> line(1, edge + style.attributes + ";"));
        out.append("}\n");
        return out.toString();
    }

    /** The declared roles of one team, then a cluster for each team nested directly in it. */
    private void roles(List<String> team, int depth) {
        Set<List<String>> nested = new LinkedHashSet<>();
        for (Participant p : diagram.participants()) {
            if (p.kind() != Participant.Kind.ROLE) {
                continue;
            }
            if (p.team().equals(team)) {
                line(depth, quote(p.name()) + " [shape=box];");
            } else if (p.team().size() > team.size() && p.team().subList(0, team.size()).equals(team)) {
                nested.add(p.team().subList(0, team.size() + 1));
            }
        }
        for (List<String> inner : nested) {
            line(depth, "subgraph " + quote("cluster_" + String.join(".", inner)) + " {");
            line(depth + 1, "label=" + quote(inner.get(inner.size() - 1)) + ";");
            roles(inner, depth + 1);
            line(depth, "}");
        }
    }

    private void line(int depth, String text) {
        out.append(INDENT.repeat(depth)).append(text).append('\n');
    }

    /** A DOT quoted string; newlines become DOT's centred line break {@code \n}. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
