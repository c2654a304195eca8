package dev.synod.runtime.agents.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first two lines of the first user message of every task the tool loop sends: who is asked
 * to do what. They tell a model its role and task, and they are how a scripted model finds its
 * entry in the script (keyed by role, step and attempt).
 *
 * <pre>
 * Role: dev[2]
 * Task: produce impl[dev2] (attempt 2)
 * </pre>
 *
 * @param step      the hand-off's artifact, or for a decide the step id
 * @param attempt   the attempt of the hand-off; for a decide its round (1 for a leader), written
 *                  {@code Task: decide money (round 2)} after the first
 * @param questions the questions of a decide, empty otherwise
 */
public record TaskHeader(String role, Kind kind, String step, int attempt, List<String> questions) {
    private static final Pattern ROLE = Pattern.compile("Role: (\\S+)");
    private static final Pattern TASK = Pattern.compile(
            "Task: (?:(produce|review) (\\S+) \\(attempt (\\d+)\\)|decide (\\S+(?:, \\S+)*?)(?: \\(round (\\d+)\\))?)");

    /** What the model is asked to do. */
    public enum Kind {
        PRODUCE, REVIEW, DECIDE;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TaskHeader {
        questions = List.copyOf(questions);
    }

    /** The two lines, without a final line break. */
    public String render() {
        return "Role: " + role + "\nTask: " + switch (kind) {
            case PRODUCE, REVIEW -> kind.word() + " " + step + " (attempt " + attempt + ")";
            case DECIDE -> "decide " + String.join(", ", questions) + (attempt > 1 ? " (round " + attempt + ")" : "");
        };
    }

    /** The header in the first two lines of {@code text}, or empty when they are not one. */
    public static Optional<TaskHeader> parse(String text) {
        String[] lines = text.split("\n", 3);
        if (lines.length < 2) {
            return Optional.empty();
        }
        Matcher role = ROLE.matcher(lines[0].strip());
        Matcher task = TASK.matcher(lines[1].strip());
        if (!role.matches() || !task.matches()) {
            return Optional.empty();
        }
        if (task.group(1) != null) {
            Kind kind = task.group(1).equals("produce") ? Kind.PRODUCE : Kind.REVIEW;
            return Optional.of(new TaskHeader(role.group(1), kind, task.group(2), Integer.parseInt(task.group(3)), List.of()));
        }
        List<String> questions = List.of(task.group(4).split(", "));
        return Optional.of(new TaskHeader(role.group(1), Kind.DECIDE, "decide:" + String.join(",", questions),
                task.group(5) == null ? 1 : Integer.parseInt(task.group(5)), questions));
    }
}
