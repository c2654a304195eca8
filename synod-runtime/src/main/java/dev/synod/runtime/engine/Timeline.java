package dev.synod.runtime.engine;

import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Plan;
import java.util.List;

/**
 * The one describer of events, for the run's progress lines and for {@code synod log}.
 *
 * <p>An event reads as an {@link Entry}: a headline and its details (a gate's diagnostics, an
 * agent's whole summary). Progress prints {@link #describe(Event, Plan) one line} per event; the
 * log prints the headline and then each detail once, indented. The end of a run is not an entry:
 * {@link #outcome} says it once, in the run's report and at the end of the log, so neither the
 * branch nor the reason of a failure is printed twice.
 */
public final class Timeline {
    private Timeline() {
    }

    /**
     * What an event says.
     *
     * @param headline the first line, without the details
     * @param details  lines that belong under it, each once
     * @param oneLine  the whole entry on one line, for progress
     */
    public record Entry(String headline, List<String> details, String oneLine) {
        public Entry {
            details = List.copyOf(details);
        }

        /** A headline whose details are diagnostics: on one line they follow it after a colon. */
        static Entry of(String headline, List<String> details) {
            return new Entry(headline, details, details.isEmpty() ? headline : headline + ": " + lines(details));
        }
    }

    /** The line for an event, or null for events not worth a line; gates named by position (no plan at hand). */
    public static String describe(Event e) {
        return describe(e, null);
    }

    /** The line for an event of a run of {@code plan} (which names its gates), or null for events not worth a line. */
    public static String describe(Event e, Plan plan) {
        Entry entry = entry(e, plan);
        return entry == null ? null : entry.oneLine();
    }

    /**
     * What an event says, or null for events not worth a line: the intents of gates, reviews and
     * the finish, tallies, model turns (see {@link #turn}) and the run's end (see {@link #outcome}).
     *
     * @param plan the run's plan, to name gates; null to name them by position
     */
    public static Entry entry(Event e, Plan plan) {
        return switch (e) {
            case Event.RunStarted s -> Entry.of("run " + s.run() + " of team " + s.team() + " started from "
                    + abbrev(s.base()), List.of());
            case Event.Started s -> started(s.command());
            case Event.AgentFinished f -> finished(attemptOf(f.command()), f.outcome(), f.usage());
            case Event.GateFinished g -> gate(g, plan);
            case Event.ReviewFinished r -> Entry.of(r.command().substring("review:".length()) + ": review "
                    + (r.approved() ? "approved" : "rejected") + (r.comment().isBlank() ? "" : ": " + r.comment())
                    + used(r.usage()), List.of());
            case Event.HumanAnswered h -> Entry.of(h.command().substring("human:".length()) + ": a person "
                    + (h.approved() ? "approved" : "rejected") + (h.comment().isBlank() ? "" : ": " + h.comment()), List.of());
            case Event.LeaderAnswered l -> Entry.of(l.command().substring(l.command().indexOf(':') + 1) + ": "
                    + (l.failure() == null ? "decided " + l.answers() : "no decision: " + l.failure()) + used(l.usage()),
                    List.of());
            case Event.BallotCast b -> Entry.of(b.command().substring("ballot:".length()) + ": "
                    + (b.failure() == null ? "voted " + b.answers() : "no ballot: " + b.failure()) + used(b.usage()),
                    List.of());
            case Event.RoundTallied t -> null;
            case Event.DecisionRecorded d -> Entry.of(d.command().substring("record:".length()) + ": recorded in "
                    + d.path(), List.of());
            case Event.TurnRecorded t -> null;
            case Event.ProviderRetried r -> Entry.of(r.command().substring(r.command().indexOf(':') + 1) + ": "
                    + r.reason() + ", retry " + r.retry() + " of " + r.of() + " in "
                    + dev.synod.runtime.config.Units.describe(java.time.Duration.ofMillis(r.delayMillis())), List.of());
            case Event.LateAnswer l -> Entry.of(l.role() + " answered " + l.command() + " late, after "
                    + l.elapsedMillis() / 1000 + "s: its timeout grows", List.of());
            case Event.DeadlinePassed d -> Entry.of("the deadline passed", List.of());
            case Event.RunFinished f -> null;
        };
    }

    /**
     * A gate's verdict. The log's headline says how long the gate took ({@code pass in 1.2 s},
     * {@code pass (cached) in <1 ms}); progress leaves the time out, so that its line stays the
     * verdict and the diagnostics.
     */
    private static Entry gate(Event.GateFinished g, Plan plan) {
        String[] parts = g.command().substring("gate:".length()).split(":(?=\\d+$)");
        String verdict = parts[0] + ": gate " + gateName(plan, parts[0], Integer.parseInt(parts[1])) + ": "
                + g.verdict().name().toLowerCase(java.util.Locale.ROOT) + (g.cached() ? " (cached)" : "");
        String headline = verdict + (g.millis() == null ? " (time unknown)" : " in " + gateTime(g.millis()));
        return new Entry(headline, g.diagnostics(), g.diagnostics().isEmpty() ? verdict : verdict + ": " + lines(g.diagnostics()));
    }

    /** {@code <1 ms}, {@code 37 ms}, {@code 1.2 s}, {@code 2m05s}: a gate's duration as the log prints it. */
    static String gateTime(long millis) {
        if (millis < 1) {
            return "<1 ms";
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return seconds / 60 + "m" + String.format(java.util.Locale.ROOT, "%02d", seconds % 60) + "s";
    }

    private static Entry started(Command command) {
        return switch (command) {
            case Command.RunAgent a -> Entry.of(a.step() + ": attempt " + a.attempt() + " by "
                    + a.role() + " started" + (a.diagnostics().isEmpty() ? "" : " (with " + a.diagnostics().size()
                    + " diagnostic" + (a.diagnostics().size() == 1 ? "" : "s") + " of the previous attempt)"), List.of());
            case Command.RunGate g -> null;
            case Command.RunReview r -> null;
            case Command.AskHuman h -> Entry.of(h.step() + ": waiting for a person: " + h.question(),
                    List.of());
            case Command.AskLeader l -> Entry.of(l.step() + ": asking " + l.role() + " to decide"
                    + (l.questions().isEmpty() ? "" : " " + String.join(", ", l.questions()) + " as the fallback"), List.of());
            case Command.AskVoter v -> Entry.of(v.step() + ": round " + v.round() + ": asking " + v.role() + " to vote",
                    List.of());
            case Command.TallyRound t -> Entry.of(t.step() + ": round " + t.round().number() + ": "
                    + String.join("; ", t.round().describe())
                    + (t.round().ballots().stream().anyMatch(b -> !b.coins().isEmpty()) ? " (with coins)" : ""), List.of());
            case Command.RecordDecision r -> null;
            case Command.Finish f -> null;
        };
    }

    private static Entry finished(String attempt, Event.Outcome outcome, Event.Usage usage) {
        return switch (outcome) {
            case Event.Outcome.Produced p -> {
                List<String> summary = p.summary() == null ? List.of() : p.summary().strip().lines().toList();
                String left = p.dropped().isEmpty() ? "" : "; left out " + String.join("; ", p.dropped());
                String head = attempt + ": produced " + abbrev(p.commit());
                if (summary.size() <= 1) {
                    String line = head + (summary.isEmpty() ? "" : " (" + summary.get(0) + ")") + left + used(usage);
                    yield new Entry(line, List.of(), line);
                }
                // A CLI agent's summary is many lines: the log shows them all, progress the first.
                yield new Entry(head + left + used(usage), summary, head + " (" + summary.get(0) + " …)" + left + used(usage));
            }
            case Event.Outcome.Crashed c -> multiLine(attempt + ": crashed", c.reason(), usage);
            case Event.Outcome.TimedOut t -> Entry.of(attempt + ": " + dev.synod.core.FailureDetector.describe(t)
                    + used(usage), List.of());
            case Event.Outcome.Rejected r -> Entry.of(attempt + ": rejected", r.diagnostics());
            case Event.Outcome.Misconfigured m -> multiLine(attempt + ": cannot run as configured", m.reason(), usage);
        };
    }

    /** A reason that may span lines (a CLI agent's last output): its first line on the headline, the rest as details. */
    private static Entry multiLine(String head, String reason, Event.Usage usage) {
        List<String> lines = reason.strip().lines().toList();
        String first = head + ": " + (lines.isEmpty() ? "" : lines.get(0)) + used(usage);
        List<String> rest = lines.size() <= 1 ? List.of() : lines.subList(1, lines.size());
        return new Entry(first, rest, rest.isEmpty() ? first : first + " …");
    }

    /**
     * A model turn, with the tool calls of its answer ({@code write_file src/Foo.java}), as the
     * log prints it.
     *
     * @param calls the calls of the turn's answer, read from its response blob; empty when it
     *              called none or the blob could not be read
     */
    public static Entry turn(Event.TurnRecorded t, List<String> calls) {
        String line = attemptOf(t.command()) + ": turn " + t.turn() + " by " + t.role()
                + (calls.isEmpty() ? "" : ": " + String.join(", ", calls)) + " [" + t.usage().inputTokens() + " in + "
                + t.usage().outputTokens() + " out tokens, " + money(t.usage().usd()) + "]";
        return new Entry(line, List.of(), line);
    }

    /**
     * How a run ended, said once: {@code succeeded: every accepted artifact is on branch synod/r1}
     * or {@code failed: REASON}.
     */
    public static String outcome(boolean succeeded, String reason, String branch) {
        return succeeded ? "succeeded: every accepted artifact is on branch " + branch : "failed: " + reason;
    }

    /** {@code section[editor1]#2} for a command id such as {@code agent:section[editor1]#2}. */
    private static String attemptOf(String command) {
        return command.substring(command.indexOf(':') + 1);
    }

    private static String gateName(Plan plan, String attempt, int index) {
        if (plan != null) {
            String step = attempt.substring(0, attempt.lastIndexOf('#'));
            try {
                if (plan.step(step) instanceof Plan.Handoff h && index < h.gates().size()) {
                    return h.gates().get(index).name();
                }
            } catch (IllegalArgumentException notInPlan) {
                // A journal of another plan: fall back to the position.
            }
        }
        return "#" + (index + 1);
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
