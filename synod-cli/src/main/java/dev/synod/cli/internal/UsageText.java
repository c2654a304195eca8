package dev.synod.cli.internal;

import dev.synod.core.Budget;
import dev.synod.core.Event;
import dev.synod.core.State;
import dev.synod.runtime.engine.Timeline;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Tokens and money as {@code status} and {@code log} print them: per run, per role, per step, and against budgets. */
final class UsageText {
    private UsageText() {
    }

    /** What a participant (a role as written) or a step used. */
    record Line(String name, long tokens, long inputTokens, long outputTokens, double usd) {
        static Line of(String name, Event.Usage u) {
            return new Line(name, u.tokens(), u.inputTokens(), u.outputTokens(), u.usd());
        }
    }

    /** A role's budget and what its replicas used together. */
    record RoleBudget(String role, long tokens, double usd, Long tokenLimit, Double usdLimit) {
    }

    /** "1200 tokens, $0.0042": dollars with two decimals, or four for amounts below a cent. */
    static String describe(long tokens, double usd) {
        return tokens + " tokens, " + money(usd);
    }

    static String money(double usd) {
        return Timeline.money(usd);
    }

    /** What each participant used, in order of first use; the engine's own bookkeeping (no role) is left out. */
    static List<Line> byRole(State state) {
        List<Line> out = new ArrayList<>();
        state.usageByRole().forEach((role, u) -> {
            if (!role.isEmpty()) {
                out.add(Line.of(role, u));
            }
        });
        return out;
    }

    /** Each role that has a budget of its own, with what its replicas used. */
    static List<RoleBudget> roleBudgets(State state) {
        List<RoleBudget> out = new ArrayList<>();
        state.budget().roles().forEach((role, b) -> {
            Event.Usage used = Budget.usedByRole(role, state.usageByRole());
            out.add(new RoleBudget(role, used.tokens(), used.usd(), b.tokens().isPresent() ? b.tokens().getAsLong() : null,
                    b.usd().isPresent() ? b.usd().getAsDouble() : null));
        });
        return out;
    }

    /** The lines under a run's total usage: by role, then the budgets of roles. Nothing when nothing was used. */
    static void print(PrintWriter out, List<Line> roles, List<RoleBudget> budgets) {
        if (roles.stream().anyMatch(r -> r.tokens() > 0 || r.usd() > 0)) {
            out.println("usage by role:");
            int width = roles.stream().mapToInt(r -> r.name().length()).max().orElse(4);
            for (Line r : roles) {
                out.printf("  %-" + width + "s  %s (%d in, %d out)%n", r.name(), describe(r.tokens(), r.usd()), r.inputTokens(),
                        r.outputTokens());
            }
        }
        for (RoleBudget b : budgets) {
            List<String> parts = new ArrayList<>();
            if (b.tokenLimit() != null) {
                parts.add(b.tokens() + " of " + b.tokenLimit() + " tokens");
            }
            if (b.usdLimit() != null) {
                parts.add(money(b.usd()) + " of " + money(b.usdLimit()));
            }
            out.println("budget of role " + b.role() + ": " + String.join(", ", parts) + " used");
        }
    }

    /** The distinct steps that used something, in plan order first. */
    static Set<String> stepsWithUsage(State state) {
        Set<String> out = new LinkedHashSet<>();
        state.plan().steps().forEach(s -> {
            Event.Usage u = state.usageByStep().get(s.id());
            if (u != null && (u.tokens() > 0 || u.usd() > 0)) {
                out.add(s.id());
            }
        });
        return out;
    }
}
