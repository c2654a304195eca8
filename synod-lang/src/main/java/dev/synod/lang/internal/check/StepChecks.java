package dev.synod.lang.internal.check;

import dev.synod.lang.Span;
import dev.synod.lang.ast.Clause;
import dev.synod.lang.ast.Name;
import dev.synod.lang.ast.Stmt;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.Step;
import dev.synod.lang.model.TeamModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks each step on its own: gates and time bounds (S020, S030, S045), escalation and review
 * (S060, S063), and the soundness of every decide (S051–S055, S057).
 */
final class StepChecks {
    private final Reporter reporter;
    private final TeamModel model;

    StepChecks(Reporter reporter, TeamModel model) {
        this.reporter = reporter;
        this.model = model;
    }

    void check(List<Step> steps) {
        Set<String> decided = new HashSet<>();
        for (Step step : steps) {
            switch (step) {
                case Step.Handoff h -> handoff(h);
                case Step.Decide d -> {
                    decide(d);
                    decidedOnce(d, decided);
                }
            }
        }
        for (var entry : model.questions().entrySet()) {
            if (!decided.contains(entry.getKey())) {
                Name name = entry.getValue().name();
                reporter.warning("S056", name.span(), "question '" + entry.getKey() + "' is declared but never decided; "
                        + "settle it with 'decide " + name.text() + " … by …' before parallel work, or remove it");
            }
        }
    }

    private void handoff(Step.Handoff step) {
        Stmt.Handoff h = step.source();
        Span head = h.producer().span().to(h.artifact().span());
        String what = "hand-off of '" + h.artifact().text() + "' from " + h.producer().text();
        if (h.gates().isEmpty()) {
            reporter.error("S020", head, what + " has no deterministic gate"
                    + (h.reviewers().isEmpty() ? "" : " (a review alone does not count)")
                    + "; add one, such as 'gate exists' or 'gate compile, test'");
        }
        if (step.within().isEmpty()) {
            reporter.error("S030", head, what + " has no time bound; add 'within 10m' to it, or 'defaults within 10m' to the team");
        }
        if (h.globs().isEmpty() && h.merges().isEmpty()) {
            reporter.error("S045", h.artifact().span(), what + " names no files: expected path globs after the artifact "
                    + "(such as \"src/main/java/app/**\") or a 'merges' clause");
        }
        h.clause(Clause.ElseEscalate.class).ifPresent(e -> escalation(step, e));
        h.clause(Clause.Review.class).ifPresent(r -> {
            if (step.reviewers().contains(step.producer())) {
                reporter.warningOnce("S063", r.span(), "own", step.producer().display() + " reviews its own artifact '"
                        + step.artifact().display() + "'; a review by its producer adds no independent check");
            }
        });
    }

    private void escalation(Step.Handoff step, Clause.ElseEscalate clause) {
        if (step.escalation().contains(step.producer())) {
            reporter.errorOnce("S060", clause.span(), "own", "hand-off of '" + step.artifact().display() + "' escalates to its own producer "
                    + step.producer().display() + "; escalate to another role");
        }
        Set<RoleId> seen = new HashSet<>();
        for (RoleId target : step.escalation()) {
            if (!seen.add(target)) {
                reporter.errorOnce("S060", clause.span(), "repeat", "escalation target " + target.display()
                        + " repeats; each role takes over at most once");
            }
        }
    }

    private void decide(Step.Decide step) {
        Stmt.Decide d = step.source();
        String protocol = step.protocol().keyword();
        if (step.within().isEmpty()) {
            Span last = d.questions().get(d.questions().size() - 1).span();
            Span head = new Span(d.span().start(), last.end(), d.span().line(), d.span().column());
            reporter.error("S030", head, "decide of " + String.join(", ", d.questions().stream().map(Name::text).toList())
                    + " has no time bound; add 'within 10m' to it (it bounds each round), or 'defaults within 10m' to the team");
        }
        if (step.protocol() == Step.ProtocolKind.LEADER) {
            d.among().ifPresent(a -> senseless(a.span(), "among", "the leader answers alone"));
            d.clause(Clause.Quorum.class).ifPresent(c -> senseless(c.span(), "quorum", "nobody votes"));
            d.clause(Clause.Rounds.class).ifPresent(c -> senseless(c.span(), "rounds", "a leader decide is one round"));
            d.clause(Clause.Tolerate.class).ifPresent(c -> senseless(c.span(), "tolerate", "a single leader tolerates no faulty voter"));
            d.clause(Clause.Fallback.class).ifPresent(c -> senseless(c.span(), "fallback", "there is no quorum to miss"));
            return;
        }
        for (String q : step.questions()) {
            var decl = model.questions().get(q);
            if (decl != null && decl.options().isEmpty()) {
                reporter.error("S053", nameSpan(d, q), "'by " + protocol + "' needs options to vote on, but question '" + q
                        + "' has none; add 'options \"…\", \"…\"' to its declaration (line " + decl.span().line()
                        + ") or decide it 'by leader ROLE'");
            }
        }
        if (d.among().isEmpty()) {
            reporter.error("S057", d.protocol().span(), "'by " + protocol + "' needs voters: expected 'among ROLE, …' before 'by'");
            return;
        }
        d.clause(Clause.Rounds.class).ifPresent(c -> {
            if (c.count().value() < 1) {
                reporter.error("S057", c.span(), "expected at least 1 round, found " + c.count().value());
            }
        });
        int n = step.voters().size();
        if (n == 0) {
            return;
        }
        d.clause(Clause.Quorum.class).ifPresent(c -> {
            int q = c.count().value();
            if (2 * q <= n || q > n) {
                reporter.error("S054", c.span(), "quorum " + q + " does not fit " + n + " voter" + (n == 1 ? "" : "s")
                        + ": expected more than " + n + "/2 and at most " + n + " ("
                        + (q > n ? "no quorum can ever form" : "two quorums could disagree") + ")");
            }
        });
        d.clause(Clause.Tolerate.class).ifPresent(t -> tolerate(step, t, n,
                d.clause(Clause.Quorum.class).map(c -> c.count().value())));
        if (n >= 2) {
            Set<String> models = new HashSet<>();
            step.voters().forEach(v -> models.add(model.modelOf(v).orElse("(human)")));
            if (models.size() == 1) {
                reporter.warning("S052", d.among().get().span(), "all " + n + " voters use model '" + models.iterator().next()
                        + "': their errors are correlated and the vote adds little independence; give them different models");
            }
        }
    }

    private void tolerate(Step.Decide step, Clause.Tolerate t, int n, java.util.Optional<Integer> quorum) {
        int f = t.count().value();
        // The default quorum (a strict majority) fits whenever n >= 2f+1; an explicit one must
        // still be reachable by the n - f voters that answer.
        if (quorum.isPresent() && quorum.get() > n - f && quorum.get() <= n && n > f) {
            reporter.error("S051", t.span(), "'tolerate " + f + " " + t.kind().keyword() + "' cannot hold with quorum "
                    + quorum.get() + " of " + n + " voters: with " + f + " of them " + "faulty"
                    + ", " + (n - f) + " answer, fewer than the quorum; lower the quorum to at most " + (n - f)
                    + " or add voters");
            return;
        }
        boolean crash = t.kind() == dev.synod.lang.ast.FaultKind.CRASH;
        long factor = crash ? 2 : step.protocol() == Step.ProtocolKind.VOTE ? 3 : 5;
        long needed = factor * f + 1;
        if (n < needed) {
            reporter.error("S051", t.span(), "'tolerate " + f + " " + t.kind().keyword() + "' cannot hold with " + n + " voter"
                    + (n == 1 ? "" : "s") + ": " + step.protocol().keyword() + " needs n >= " + factor + "f+1 = " + needed
                    + " for " + t.kind().keyword() + " faults");
        }
    }

    private void senseless(Span span, String clause, String why) {
        reporter.error("S057", span, "'" + clause + "' makes no sense with 'by leader': " + why + "; remove it or decide by vote");
    }

    private void decidedOnce(Step.Decide step, Set<String> decided) {
        for (String q : step.questions()) {
            if (!decided.add(q)) {
                reporter.error("S055", nameSpan(step.source(), q), "question '" + q + "' is decided twice; a question is settled once");
            }
        }
    }

    private static Span nameSpan(Stmt.Decide d, String qualified) {
        String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
        Span found = null;
        for (Name n : d.questions()) {
            if (n.text().equals(simple)) {
                found = n.span();
            }
        }
        return found != null ? found : d.span();
    }
}
