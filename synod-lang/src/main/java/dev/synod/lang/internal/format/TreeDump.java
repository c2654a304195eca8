package dev.synod.lang.internal.format;

import dev.synod.lang.ast.ArtRef;
import dev.synod.lang.ast.Clause;
import dev.synod.lang.ast.Item;
import dev.synod.lang.ast.Protocol;
import dev.synod.lang.ast.RoleRef;
import dev.synod.lang.ast.Stmt;
import dev.synod.lang.ast.SynodFile;
import dev.synod.lang.ast.Team;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a tree as text without spans, one node a line, children indented, clauses in canonical
 * order. Two parses have equal dumps exactly when their trees are equal up to spans and clause
 * order, which is what "the same tree" means for the formatter (LANGUAGE.md §8). Every field of
 * every node is shown, with its kind, so that a dump can also serve as a readable expectation in tests:
 *
 * <pre>
 * synod 1
 * team bank
 *   role dev[3] model [default, critic]
 *   handoff architect -&gt; [all] : plan globs ["docs/PLAN.md"]
 *     gate [exists]
 * </pre>
 */
public final class TreeDump {
    private final StringBuilder out = new StringBuilder();

    private TreeDump() {
    }

    /** The dump of a whole file. */
    public static String dump(SynodFile file) {
        TreeDump dump = new TreeDump();
        dump.line(0, "synod " + file.version());
        dump.team(file.team(), 0);
        return dump.out.toString();
    }

    private void team(Team team, int depth) {
        line(depth, "team " + team.name().text() + team.lead().map(l -> " led by " + l.text()).orElse(""));
        for (Item item : team.items()) {
            item(item, depth + 1);
        }
    }

    private void item(Item item, int depth) {
        switch (item) {
            case Item.Prompt p -> line(depth, "prompt " + p.path().quoted());
            case Item.Deadline d -> line(depth, "deadline " + d.duration().text());
            case Item.Defaults d -> line(depth, "defaults within " + d.within().map(w -> w.duration().text()).orElse("-")
                    + " retry " + d.retry().map(r -> String.valueOf(r.count().value())).orElse("-"));
            case Item.RoleDecl r -> line(depth, "role " + r.name().text()
                    + r.replicas().map(n -> "[" + n.value() + "]").orElse("") + " model [" + CanonicalText.names(r.models()) + "]");
            case Item.QuestionDecl q -> line(depth, "question " + q.name().text() + " " + q.text().quoted()
                    + " options [" + CanonicalText.strings(q.options()) + "]");
            case Team t -> team(t, depth);
            case Stmt s -> stmt(s, depth);
        }
    }

    private void stmt(Stmt stmt, int depth) {
        switch (stmt) {
            case Stmt.Handoff h -> {
                line(depth, "handoff " + role(h.producer()) + " -> [" + roles(h.receivers()) + "] : "
                        + h.artifact().text() + " globs [" + CanonicalText.strings(h.globs()) + "]");
                clauses(h.clauses(), false, depth + 1);
            }
            case Stmt.Decide d -> {
                String protocol = switch (d.protocol()) {
                    case Protocol.Leader l -> "leader " + role(l.role());
                    case Protocol.Vote v -> "vote";
                    case Protocol.BenOr b -> "ben_or";
                };
                line(depth, "decide [" + CanonicalText.names(d.questions()) + "] among "
                        + d.among().map(a -> "[" + roles(a.roles()) + "]").orElse("-") + " by " + protocol);
                clauses(d.clauses(), true, depth + 1);
            }
            case Stmt.Par p -> {
                line(depth, "par");
                p.body().forEach(s -> stmt(s, depth + 1));
            }
            case Stmt.For f -> {
                line(depth, "for " + f.variable().text() + " in " + role(f.over()));
                f.body().forEach(s -> stmt(s, depth + 1));
            }
        }
    }

    private void clauses(List<Clause> clauses, boolean inDecide, int depth) {
        for (Clause c : CanonicalText.canonicalOrder(clauses, inDecide)) {
            line(depth, switch (c) {
                case Clause.Reads r -> "reads [" + artifacts(r.artifacts()) + "]";
                case Clause.Merges m -> "merges [" + artifacts(m.artifacts()) + "]";
                case Clause.Gates g -> "gate [" + g.gates().stream().map(x -> x.name().text()
                        + x.argument().map(a -> " " + a.quoted()).orElse("")).collect(Collectors.joining(", ")) + "]";
                case Clause.Review r -> "review [" + roles(r.reviewers()) + "]";
                case Clause.ElseEscalate e -> "else escalate [" + roles(e.targets()) + "]";
                case Clause.Fallback f -> "fallback " + role(f.role());
                default -> CanonicalText.clause(c);
            });
        }
    }

    /** A role reference with its kind, so that {@code all}, {@code human} and names stay apart. */
    private static String role(RoleRef ref) {
        return switch (ref) {
            case RoleRef.Human h -> "<human>";
            case RoleRef.All a -> "<all>";
            case RoleRef.Named n -> ref.text();
        };
    }

    private static String roles(List<RoleRef> refs) {
        return refs.stream().map(TreeDump::role).collect(Collectors.joining(", "));
    }

    private static String artifacts(List<ArtRef> refs) {
        return refs.stream().map(ArtRef::text).collect(Collectors.joining(", "));
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }
}
