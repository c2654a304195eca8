package dev.synod.lang.internal.format;

import dev.synod.lang.ast.ArtRef;
import dev.synod.lang.ast.Clause;
import dev.synod.lang.ast.GateRef;
import dev.synod.lang.ast.Name;
import dev.synod.lang.ast.RoleRef;
import dev.synod.lang.ast.StringLit;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How each small piece of the tree is written in canonical form: {@code a, b} lists, one space around words. */
final class CanonicalText {
    private CanonicalText() {
    }

    static String names(List<Name> names) {
        return join(names, Name::text);
    }

    static String roles(List<RoleRef> roles) {
        return join(roles, RoleRef::text);
    }

    static String artifacts(List<ArtRef> artifacts) {
        return join(artifacts, ArtRef::text);
    }

    static String strings(List<StringLit> strings) {
        return join(strings, StringLit::quoted);
    }

    /** A clause of a hand-off or a decide, from its keyword to its last argument. */
    static String clause(Clause clause) {
        return switch (clause) {
            case Clause.Reads r -> "reads " + artifacts(r.artifacts());
            case Clause.Merges m -> "merges " + artifacts(m.artifacts());
            case Clause.Gates g -> "gate " + join(g.gates(), GateRef::text);
            case Clause.Review r -> "review " + roles(r.reviewers());
            case Clause.ElseFail e -> "else fail";
            case Clause.ElseEscalate e -> "else escalate " + roles(e.targets());
            case Clause.Freeze f -> "freeze";
            case Clause.Within w -> "within " + w.duration().text();
            case Clause.Retry r -> "retry " + r.count().value();
            case Clause.Quorum q -> "quorum " + q.count().value();
            case Clause.Rounds r -> "rounds " + r.count().value();
            case Clause.Fallback f -> "fallback " + f.role().text();
            case Clause.Tolerate t -> "tolerate " + t.count().value() + " " + t.kind().keyword();
        };
    }

    /** The clauses in canonical order (LANGUAGE.md §8); the sort is stable, so equal ranks keep source order. */
    static List<Clause> canonicalOrder(List<Clause> clauses, boolean inDecide) {
        return clauses.stream()
                .sorted((a, b) -> Integer.compare(a.canonicalRank(inDecide), b.canonicalRank(inDecide)))
                .toList();
    }

    private static <T> String join(List<T> items, Function<T, String> text) {
        return items.stream().map(text).collect(Collectors.joining(", "));
    }
}
