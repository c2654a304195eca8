package dev.synod.lang.internal.graph;

import dev.synod.lang.ast.SynodFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a choreography as a Mermaid {@code sequenceDiagram} (LANGUAGE.md §9).
 * <ul>
 *   <li>Participants in order of declaration, one per replica ({@code participant dev2 as dev[2]}),
 *       nested teams' roles as {@code t.r} (id {@code t_r}), then {@code actor human} if anyone
 *       deals with a person, then names used without a declaration. Ids keep only
 *       {@code [a-z0-9_]}; one that is a Mermaid keyword ({@code end}, {@code par}, {@code note}…)
 *       gets a trailing {@code _}, and a clash gets a numeric suffix.</li>
 *   <li>One arrow {@code p->>r: artifact [gate, …]} per hand-off, producer and receiver. A receiver
 *       {@code all} is drawn as one arrow to every role of the enclosing team except the sender;
 *       {@code r[*]} as one arrow per replica. Gates are listed by name, without arguments.</li>
 *   <li>A {@code for} over a declared replicated role is expanded, one copy of its body per
 *       replica, the loop variable bound to the replica ({@code impl[d]} is labelled
 *       {@code impl[dev2]}); otherwise it is drawn as a {@code loop} block.</li>
 *   <li>{@code par} as {@code par … and … end}, one branch per child, and one per replica of a
 *       {@code for} child; a {@code decide} as a note over its voters (or its leader).</li>
 * </ul>
 * Labels escape {@code # ; % " < >} as Mermaid entity codes so that no text can break the syntax.
 */
public final class MermaidExporter {
    private static final String INDENT = "  ";
    private static final Set<String> KEYWORDS = Set.of("participant", "actor", "create", "destroy", "box", "loop",
            "rect", "opt", "alt", "else", "par", "par_over", "and", "critical", "option", "break", "end", "links",
            "link", "properties", "details", "over", "note", "activate", "deactivate", "title", "autonumber", "off",
            "sequencediagram", "left", "right", "of", "as", "acctitle", "accdescr");

    private final StringBuilder out = new StringBuilder("sequenceDiagram\n");
    private final Map<Participant, String> ids = new HashMap<>();
    private final List<Participant> order;

    private MermaidExporter(List<Participant> order) {
        this.order = order;
    }

    /** The diagram of a file's tree. */
    public static String export(SynodFile file) {
        Diagram diagram = Diagram.of(file);
        MermaidExporter exporter = new MermaidExporter(diagram.participants());
        exporter.participants();
        exporter.flows(diagram.flows(), 1);
        return exporter.out.toString();
    }

    private void participants() {
        Set<String> taken = new HashSet<>();
        for (Participant p : order) {
            String id = uniqueId(p.name(), taken);
            ids.put(p, id);
            String keyword = p.kind() == Participant.Kind.HUMAN ? "actor " : "participant ";
            out.append(INDENT).append(keyword).append(id);
            if (!id.equals(p.name())) {
                out.append(" as ").append(escape(p.name()));
            }
            out.append('\n');
        }
    }

    /** A valid Mermaid id for a name: letters, digits and {@code _} only, never a keyword, never taken. */
    static String uniqueId(String name, Set<String> taken) {
        String base = name.replace("[*]", "_all").replace('.', '_').replaceAll("[^A-Za-z0-9_]", "");
        if (base.isEmpty() || KEYWORDS.contains(base.toLowerCase(Locale.ROOT)) || Character.isDigit(base.charAt(0))) {
            base = base + "_";
        }
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }

    private void flows(List<Flow> flows, int depth) {
        for (Flow flow : flows) {
            switch (flow) {
                case Flow.Send s -> {
                    String label = s.artifact().name() + (s.gates().isEmpty() ? "" : " [" + String.join(", ", s.gates()) + "]");
                    for (Flow.Arrow a : s.arrows()) {
                        line(depth, id(a.from()) + "->>" + id(a.to()) + ": " + escape(label));
                    }
                }
                case Flow.Parallel p -> parallel(p, depth);
                case Flow.Loop l -> {
                    if (drawsSomething(l.body())) {
                        line(depth, "loop " + escape(l.label()));
                        flows(l.body(), depth + 1);
                        line(depth, "end");
                    }
                }
                case Flow.Decision d -> note(d, depth);
            }
        }
    }

    private void parallel(Flow.Parallel par, int depth) {
        String keyword = "par ";
        for (Flow.Branch branch : par.branches()) {
            if (drawsSomething(branch.flows())) {
                line(depth, keyword + escape(branch.label()));
                flows(branch.flows(), depth + 1);
                keyword = "and ";
            }
        }
        if (!keyword.equals("par ")) {
            line(depth, "end");
        }
    }

    private void note(Flow.Decision decision, int depth) {
        List<Participant> over = decision.voters().isEmpty() ? order : decision.voters();
        if (over.isEmpty()) {
            return;
        }
        // A note spans from its first to its last participant, so take the outermost voters in diagram order.
        List<Participant> sorted = over.stream().sorted((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b))).toList();
        String first = id(sorted.get(0));
        String last = id(sorted.get(sorted.size() - 1));
        line(depth, "Note over " + (first.equals(last) ? first : first + "," + last) + ": " + escape(decision.text()));
    }

    /** Whether drawing these flows prints any line: empty blocks are left out, as Mermaid draws them badly. */
    private boolean drawsSomething(List<Flow> flows) {
        return flows.stream().anyMatch(f -> switch (f) {
            case Flow.Send s -> !s.arrows().isEmpty();
            case Flow.Parallel p -> p.branches().stream().anyMatch(b -> drawsSomething(b.flows()));
            case Flow.Loop l -> drawsSomething(l.body());
            case Flow.Decision d -> !d.voters().isEmpty() || !order.isEmpty();
        });
    }

    private String id(Participant p) {
        return ids.get(p);
    }

    private void line(int depth, String text) {
        out.append(INDENT.repeat(depth)).append(text).append('\n');
    }

    /** Text safe in a Mermaid label: the characters that end or comment a statement become entity codes. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '#' -> s.append("#35;");
                case ';' -> s.append("#59;");
                case '%' -> s.append("#37;");
                case '"' -> s.append("#quot;");
                case '<' -> s.append("#lt;");
                case '>' -> s.append("#gt;");
                case '\n', '\r' -> s.append(' ');
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
