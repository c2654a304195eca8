package dev.synod.runtime.engine;

import dev.synod.core.Command;
import dev.synod.core.Event;

/** One readable line per event, for live progress and {@code synod log}. */
public final class Timeline {
    private Timeline() {
    }

    /** The line for an event, or null for events not worth a line. */
    public static String describe(Event e) {
        return switch (e) {
            case Event.RunStarted s -> "run " + s.run() + " of team " + s.team() + " started from " + abbrev(s.base());
            case Event.Started s -> switch (s.command()) {
                case Command.RunAgent a -> a.step() + ": attempt " + a.attempt() + " by " + a.role() + " started"
                        + (a.diagnostics().isEmpty() ? "" : " (with " + a.diagnostics().size() + " diagnostic"
                        + (a.diagnostics().size() == 1 ? "" : "s") + " of the previous attempt)");
                case Command.RunGate g -> null;
                case Command.RunReview r -> null;
                case Command.AskHuman h -> h.step() + ": waiting for a person: " + h.question();
                case Command.AskLeader l -> l.step() + ": asking " + l.role() + " to decide"
                        + (l.questions().isEmpty() ? "" : " " + String.join(", ", l.questions()) + " as the fallback");
                case Command.AskVoter v -> v.step() + ": round " + v.round() + ": asking " + v.role() + " to vote";
                case Command.TallyRound t -> t.step() + ": round " + t.round().number() + ": "
                        + String.join("; ", t.round().describe())
                        + (t.round().ballots().stream().anyMatch(b -> !b.coins().isEmpty()) ? " (with coins)" : "");
                case Command.RecordDecision r -> null;
                case Command.Finish f -> f.succeeded() ? "finishing: " + f.reason() : "run failed: " + f.reason();
            };
            case Event.AgentFinished f -> f.command().substring("agent:".length()) + ": " + switch (f.outcome()) {
                case Event.Outcome.Produced p -> "produced " + abbrev(p.commit()) + " (" + p.summary() + ")"
                        + (p.dropped().isEmpty() ? "" : "; left out " + String.join("; ", p.dropped()));
                case Event.Outcome.Crashed c -> "crashed: " + c.reason();
                case Event.Outcome.TimedOut t -> dev.synod.core.FailureDetector.describe(t);
                case Event.Outcome.Rejected r -> "rejected: " + lines(r.diagnostics());
                case Event.Outcome.Misconfigured m -> "cannot run as configured: " + m.reason();
            } + used(f.usage());
            case Event.GateFinished g -> g.command().substring("gate:".length()) + ": gate " + g.verdict().name().toLowerCase()
                    + (g.cached() ? " (cached)" : "") + (g.diagnostics().isEmpty() ? "" : ": " + lines(g.diagnostics()));
            case Event.ReviewFinished r -> r.command().substring("review:".length()) + ": review "
                    + (r.approved() ? "approved" : "rejected") + (r.comment().isBlank() ? "" : ": " + r.comment()) + used(r.usage());
            case Event.HumanAnswered h -> h.command().substring("human:".length()) + ": a person "
                    + (h.approved() ? "approved" : "rejected") + (h.comment().isBlank() ? "" : ": " + h.comment());
            case Event.LeaderAnswered l -> l.command().substring(l.command().indexOf(':') + 1) + ": "
                    + (l.failure() == null ? "decided " + l.answers() : "no decision: " + l.failure()) + used(l.usage());
            case Event.BallotCast b -> b.command().substring("ballot:".length()) + ": "
                    + (b.failure() == null ? "voted " + b.answers() : "no ballot: " + b.failure()) + used(b.usage());
            case Event.RoundTallied t -> null;
            case Event.DecisionRecorded d -> d.command().substring("record:".length()) + ": recorded in " + d.path();
            case Event.TurnRecorded t -> null;
            case Event.ProviderRetried r -> r.command().substring(r.command().indexOf(':') + 1) + ": " + r.reason()
                    + ", retry " + r.retry() + " of " + r.of() + " in "
                    + dev.synod.runtime.config.Units.describe(java.time.Duration.ofMillis(r.delayMillis()));
            case Event.LateAnswer l -> l.role() + " answered " + l.command() + " late, after " + l.elapsedMillis() / 1000
                    + "s: its timeout grows";
            case Event.DeadlinePassed d -> "the deadline passed";
            case Event.RunFinished f -> f.succeeded() ? "run finished: every artifact is on branch " + f.branch()
                    : "run failed";
        };
    }

    /**
     * Diagnostics on one line, separated by {@code ; }, except that a line ending in a colon (a
     * heading such as {@code … outside its write scope (out/**):}) runs on into the next.
     */
    static String lines(java.util.List<String> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (String d : diagnostics) {
            if (!out.isEmpty()) {
                out.append(out.charAt(out.length() - 1) == ':' ? " " : "; ");
            }
            out.append(d);
        }
        return out.toString();
    }

    /** " [1200 tokens, $0.0042]" for a result that used a model, nothing for one that did not. */
    private static String used(Event.Usage u) {
        if (u == null || u.tokens() == 0 && u.usd() == 0) {
            return "";
        }
        return " [" + u.tokens() + " tokens, " + money(u.usd()) + "]";
    }

    /** Dollars with two decimals, or four for an amount below a cent, so a cheap model's cost does not read as $0.00. */
    public static String money(double usd) {
        return String.format(java.util.Locale.ROOT, usd > 0 && usd < 0.01 ? "$%.4f" : "$%.2f", usd);
    }

    private static String abbrev(String commit) {
        return commit == null ? "" : commit.substring(0, Math.min(10, commit.length()));
    }
}
