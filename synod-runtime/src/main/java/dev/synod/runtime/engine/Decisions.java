package dev.synod.runtime.engine;

import dev.synod.core.Command;
import dev.synod.core.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decision records (ARCHITECTURE.md §7): validated answers, written as MADR files. */
final class Decisions {
    private Decisions() {
    }

    /** Why these answers do not settle the questions, or null when they do. */
    static String validate(Map<String, List<String>> questions, Map<String, String> answers) {
        for (var q : questions.entrySet()) {
            String answer = answers.get(q.getKey());
            if (answer == null || answer.isBlank()) {
                return "no answer for question " + q.getKey();
            }
            if (!q.getValue().isEmpty() && !q.getValue().contains(answer)) {
                return "answered '" + answer + "' for " + q.getKey() + ", expected one of " + String.join(", ", q.getValue());
            }
        }
        return null;
    }

    /** The repository path of a question's record: {@code docs/decisions/NNNN-<question>.md}. */
    static String path(Plan plan, String question) {
        int number = 0;
        for (Plan.Step step : plan.steps()) {
            if (step instanceof Plan.Decide d) {
                for (String q : d.questions()) {
                    number++;
                    if (q.equals(question)) {
                        return String.format("docs/decisions/%04d-%s.md", number, q.replace('.', '-'));
                    }
                }
            }
        }
        throw new IllegalArgumentException("question " + question + " is not decided in the plan");
    }

    /** Writes one MADR file per question of the decide into {@code dir}; returns their paths. */
    static List<String> write(Plan plan, Plan.Decide decide, Command.RecordDecision c, Path dir, Instant now)
            throws IOException {
        List<String> paths = new ArrayList<>();
        for (String q : decide.questions()) {
            Plan.Question question = plan.questions().get(q);
            String path = path(plan, q);
            StringBuilder md = new StringBuilder();
            md.append("# ").append(path, path.lastIndexOf('/') + 1, path.lastIndexOf('/') + 5).append(". ")
                    .append(question.text()).append("\n\n");
            md.append("- Status: accepted\n- Date: ").append(now.atOffset(ZoneOffset.UTC).toLocalDate()).append('\n');
            md.append("- How: ").append(c.how()).append("\n\n## Context and problem statement\n\n")
                    .append(question.text()).append("\n\n");
            if (!question.options().isEmpty()) {
                md.append("## Considered options\n\n");
                question.options().forEach(o -> md.append("- ").append(o).append('\n'));
                md.append('\n');
            }
            md.append("## Decision outcome\n\nChosen option: \"").append(c.answers().get(q)).append("\".\n");
            if (c.rationale() != null && !c.rationale().isBlank()) {
                md.append("\n").append(c.rationale().strip()).append('\n');
            }
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString());
            paths.add(path);
        }
        return paths;
    }
}
