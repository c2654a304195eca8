package dev.synod.cli.internal;

import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The active steps of a run as live progress shows them, one row each, taken from the engine's state. */
final class StepRows {
    private StepRows() {
    }

    /**
     * One active command.
     *
     * @param id      the command's id, as in {@code agent:notes#1}
     * @param step    the artifact or decision it works on
     * @param role    who does it, as written ({@code dev[2]}), or {@code person}
     * @param attempt the hand-off's attempt, or 0 for a command that has none
     * @param doing   what it is doing now ({@code working}, {@code turn 3}, {@code gate compile})
     * @param since   when it started
     * @param tokens  the tokens its model turns used so far
     */
    record Row(String id, String step, String role, int attempt, String doing, Instant since, long tokens) {
    }

    /**
     * The rows of the commands in flight in {@code state}, in the order they started; {@code started}
     * gives the time each one started (an intent seen in this process), {@code now} the others'.
     */
    static List<Row> of(State state, Map<String, Instant> started, Instant now) {
        List<Row> rows = new ArrayList<>();
        for (Command c : state.inFlight()) {
            String doing = doing(c, state);
            if (doing == null) {
                continue;
            }
            long tokens = state.turns(c.id()).stream().mapToLong(t -> t.usage() == null ? 0 : t.usage().tokens()).sum();
            // A gate is Synod's own check, run for the attempt's performer: its row names no role.
            String role = c instanceof Command.AskHuman ? "person" : State.roleOf(c);
            rows.add(new Row(c.id(), c.step(), role, attempt(c), doing, started.getOrDefault(c.id(), now), tokens));
        }
        return rows;
    }

    /** What a command in flight is doing, or null for one that ends within its turn (a tally, a record). */
    private static String doing(Command c, State state) {
        return switch (c) {
            case Command.RunAgent a -> {
                List<Event.TurnRecorded> turns = state.turns(a.id());
                yield turns.isEmpty() ? "working" : "turn " + (turns.size() + 1);
            }
            case Command.RunGate g -> "gate " + g.gate().name();
            case Command.RunReview r -> "review";
            case Command.AskHuman h -> "waiting for a person";
            case Command.AskLeader l -> "deciding";
            case Command.AskVoter v -> "voting, round " + v.round();
            case Command.TallyRound t -> null;
            case Command.RecordDecision r -> null;
            case Command.Finish f -> null;
        };
    }

    private static int attempt(Command c) {
        return switch (c) {
            case Command.RunAgent a -> a.attempt();
            case Command.RunGate g -> g.attempt();
            case Command.RunReview r -> r.attempt();
            default -> 0;
        };
    }

    /**
     * The row as one line of at most {@code width} characters: {@code notes  dev  attempt 1  turn 2  0:42
     * 1200 tokens}, then the notice of what it waits for, if any; the step and role columns are
     * {@code stepWidth} and {@code roleWidth} wide so that rows line up.
     */
    static String line(Row row, Instant now, String notice, int stepWidth, int roleWidth, int width) {
        String elapsed = elapsed(Duration.between(row.since(), now));
        String text = "  " + pad(row.step(), stepWidth) + "  " + pad(row.role(), roleWidth) + "  "
                + pad(row.attempt() == 0 ? "" : "attempt " + row.attempt(), 9) + "  " + pad(row.doing(), 20) + "  "
                + " ".repeat(Math.max(0, 5 - elapsed.length())) + elapsed
                + (row.tokens() == 0 ? "" : "  " + row.tokens() + " tokens")
                + (notice == null ? "" : "  " + notice);
        return fit(text, width);
    }

    /** {@code text} followed by spaces up to {@code width} characters (a column may be empty, as a gate's role). */
    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /** A duration as a clock reads it: {@code 0:07}, {@code 12:30}, {@code 1:02:03}. */
    static String elapsed(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** {@code text} cut to {@code width} characters, with an ellipsis when it was longer. */
    static String fit(String text, int width) {
        String stripped = text.stripTrailing();
        if (stripped.length() <= width) {
            return stripped;
        }
        return width <= 1 ? stripped.substring(0, Math.max(0, width)) : stripped.substring(0, width - 1) + "…";
    }
}
