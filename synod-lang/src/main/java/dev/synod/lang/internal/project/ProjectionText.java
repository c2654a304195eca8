package dev.synod.lang.internal.project;

import dev.synod.lang.Projection;
import dev.synod.lang.Projection.Entry;
import dev.synod.lang.ast.Duration;
import dev.synod.lang.model.ArtifactId;
import dev.synod.lang.model.Gate;
import dev.synod.lang.model.RoleId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The text form of a {@link Projection}: a numbered contract, one sentence per entry in the
 * imperative, written to be read by a person and, as part of its instructions, by an agent.
 * Branches of a {@code concurrently} entry {@code 4} are lettered {@code 4a}, {@code 4b}, … and
 * their steps numbered {@code 4a.1}, {@code 4a.2}, …; the questions of a decide follow it on
 * their own lines.
 */
public final class ProjectionText {
    private final StringBuilder out = new StringBuilder();
    private final String projected;

    private ProjectionText(String projected) {
        this.projected = projected;
    }

    /** The contract as text, ending with a newline. */
    public static String render(Projection projection) {
        ProjectionText r = new ProjectionText(projection.role());
        r.out.append("Contract of ").append(projection.role()).append(" in team ").append(projection.team()).append('\n');
        if (projection.entries().isEmpty()) {
            r.out.append(projection.role()).append(" takes part in no step of this choreography: it produces, receives, ")
                    .append("reviews, takes over and decides nothing.\n");
        }
        r.entries(projection.entries(), "", "");
        return r.out.toString();
    }

    private void entries(List<Entry> entries, String prefix, String indent) {
        for (int i = 0; i < entries.size(); i++) {
            String label = prefix + (i + 1);
            out.append(indent).append(label).append(". ");
            String detail = indent + " ".repeat(label.length() + 2);
            entry(entries.get(i), label, detail);
        }
    }

    private void entry(Entry entry, String label, String detail) {
        switch (entry) {
            case Projection.Produce p -> line("Produce " + p.task().artifact() + forReceivers(p.task()) + ": "
                    + String.join("; ", task(p.task())) + "; " + escalation(p.escalation(), p.escalationImplicit()));
            case Projection.TakeOver t -> line(takeOver(t));
            case Projection.Receive r -> line("Receive " + r.artifact() + " from " + r.producer() + files(r.files())
                    + (r.frozen() ? ", frozen: only a hand-off that merges it may write these files later" : ""));
            case Projection.Review r -> line("Review " + r.artifact() + " from " + r.producer() + files(r.files())
                    + (r.gates().isEmpty() ? "" : ", once " + gates(r.gates()) + (r.gates().size() == 1 ? " passes"
                    : " pass"))
                    + "; accept it or reject it with your reasons");
            case Projection.Vote v -> {
                line("Vote on " + questionNames(v.questions()) + " by " + v.protocol().keyword() + " among "
                        + list(v.voters()) + reading(v.reads()) + ": an option needs " + v.quorum() + " of "
                        + v.voters().size() + " votes; up to " + rounds(v.rounds()) + perRound(v.within())
                        + "; if no option has a quorum after " + rounds(v.rounds()) + ", "
                        + v.fallback().map(f -> f + " decides").orElse("the run fails"));
                questions(v.questions(), detail);
            }
            case Projection.Lead l -> {
                line("Decide " + questionNames(l.questions()) + " alone" + reading(l.reads()) + within(l.within()));
                questions(l.questions(), detail);
            }
            case Projection.Fallback f -> {
                line("Decide " + questionNames(f.questions()) + " if " + list(f.voters()) + " reach no quorum by "
                        + f.protocol().keyword() + " after " + rounds(f.rounds()) + reading(f.reads()) + within(f.within()));
                questions(f.questions(), detail);
            }
            case Projection.Concurrently c -> {
                int last = c.branches().size() - 1;
                line("Concurrently (branches " + label + letter(0) + (last == 1 ? " and " : " to ") + label + letter(last)
                        + " run at the same time, the steps of each in order; the next step waits for all of them)");
                for (int b = 0; b < c.branches().size(); b++) {
                    entries(c.branches().get(b), label + letter(b) + ".", detail);
                }
            }
        }
    }

    private String takeOver(Projection.TakeOver t) {
        List<RoleId> failed = new ArrayList<>();
        failed.add(t.producer());
        failed.addAll(t.earlier());
        return "Take over " + t.task().artifact() + " if " + and(failed) + (failed.size() == 1 ? " fails" : " fail")
                + (t.implicit() ? " (as the lead of team " + team(t.producer()) + ")" : "")
                + ": produce it yourself" + forOthers(t.task(), projected) + ", with the same inputs and checks: "
                + String.join("; ", task(t.task())) + "; " + escalation(t.later(), false);
    }

    private void line(String sentence) {
        out.append(sentence).append(".\n");
    }

    /** What performing a hand-off takes, in the order of LANGUAGE.md §7 after the write scope. */
    private static List<String> task(Projection.Task t) {
        List<String> clauses = new ArrayList<>();
        clauses.add(t.writeScope().isEmpty() ? "write no files"
                : "write only " + globs(t.writeScope()) + (t.scopeFromMerges() ? " (the merged artifacts' files)" : ""));
        if (!t.reads().isEmpty()) {
            clauses.add("reading " + list(t.reads()));
        }
        if (!t.merges().isEmpty()) {
            clauses.add("merging " + list(t.merges()) + " (start from their merge and resolve its conflicts)");
        }
        if (!t.gates().isEmpty()) {
            clauses.add("checked by " + gates(t.gates()));
        }
        if (!t.reviewers().isEmpty()) {
            clauses.add("reviewed by " + list(t.reviewers()));
        }
        String retries = t.retry() == 0 ? "no retries" : "up to " + t.retry() + (t.retry() == 1 ? " retry" : " retries");
        clauses.add(t.within().isPresent()
                ? "within " + Duration.describe(t.within().getAsLong()) + " per attempt, " + retries : retries);
        if (t.freeze()) {
            clauses.add("frozen once accepted");
        }
        return clauses;
    }

    private static String escalation(List<RoleId> targets, boolean implicit) {
        if (targets.isEmpty()) {
            return "if every attempt fails, the run fails";
        }
        String chain = String.join(", then to ", targets.stream().map(RoleId::display).toList());
        return "if every attempt fails, escalated to " + chain + (implicit ? " (the team lead, implicitly)" : "");
    }

    private static String files(List<String> files) {
        return files.isEmpty() ? "" : " (" + globs(files) + ")";
    }

    private static String forReceivers(Projection.Task t) {
        return t.receivers().isEmpty() ? "" : " for " + list(t.receivers());
    }

    /** The receivers of a step taken over, without the role taking it over: it keeps what it makes anyway. */
    private static String forOthers(Projection.Task t, String projected) {
        List<RoleId> others = t.receivers().stream().filter(r -> !r.display().equals(projected)).toList();
        return others.isEmpty() ? "" : ", for " + list(others);
    }

    private static String reading(List<ArtifactId> reads) {
        return reads.isEmpty() ? "" : ", reading " + list(reads);
    }

    private static String within(OptionalLong within) {
        return within.isPresent() ? ", within " + Duration.describe(within.getAsLong()) : "";
    }

    private static String perRound(OptionalLong within) {
        return within.isPresent() ? " of at most " + Duration.describe(within.getAsLong()) + " each" : "";
    }

    private static String rounds(int n) {
        return n + (n == 1 ? " round" : " rounds");
    }

    private static String gates(List<Gate> gates) {
        List<String> shown = gates.stream().map(g -> g.name() + g.argument().map(a -> " " + quote(a)).orElse("")).toList();
        return (gates.size() == 1 ? "gate " : "gates ") + String.join(", ", shown);
    }

    private static String questionNames(List<Projection.Question> questions) {
        return String.join(", ", questions.stream().map(Projection.Question::name).toList());
    }

    private void questions(List<Projection.Question> questions, String indent) {
        for (Projection.Question q : questions) {
            out.append(indent).append("- ").append(q.name()).append(": ").append(quote(q.text()));
            out.append(q.options().isEmpty() ? " Any answer." : " Options: "
                    + String.join(", ", q.options().stream().map(ProjectionText::quote).toList()) + ".");
            out.append('\n');
        }
    }

    private static String list(List<?> items) {
        return String.join(", ", items.stream().map(Object::toString).toList());
    }

    private static String and(List<RoleId> roles) {
        List<String> names = roles.stream().map(RoleId::display).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** The team a role is declared in, from its qualified name ({@code core.dev} is in {@code core}). */
    private static String team(RoleId role) {
        int dot = role.name().lastIndexOf('.');
        return dot < 0 ? role.name() : role.name().substring(0, dot);
    }

    /** Globs as written, quoted only when they hold a character that would make the list ambiguous. */
    private static String globs(List<String> globs) {
        return String.join(", ", globs.stream().map(g -> g.isEmpty() || g.chars().anyMatch(c -> c <= ' ' || c == ','
                || c == '"' || c == '\\' || c == ';' || c == '(' || c == ')') ? quote(g) : g).toList());
    }

    /** A string as the source writes it: in double quotes, with {@code \"}, {@code \\} and {@code \n} escaped. */
    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    /** Branch letters: a … z, then aa, ab, … */
    static String letter(int index) {
        return (index >= 26 ? letter(index / 26 - 1) : "") + (char) ('a' + index % 26);
    }
}
