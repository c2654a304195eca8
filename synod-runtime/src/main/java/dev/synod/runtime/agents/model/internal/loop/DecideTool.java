package dev.synod.runtime.agents.model.internal.loop;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code decide} tool of a leader or a fallback, or the {@code vote} tool of a voter: one
 * answer per question, each one of its options, with a rationale. Answers that do not settle every
 * question are an error the model can correct.
 */
public final class DecideTool {
    /** A leader's answers before the usage is known. */
    public record Answers(Map<String, String> answers, String rationale) {
    }

    private final Map<String, List<String>> questions;
    private final Map<String, String> texts;
    private final boolean ballot;

    /**
     * @param questions the questions by name, with their options (empty for an open question)
     * @param texts     the questions' texts by name, where known
     * @param ballot    whether the answer is one voter's ballot: the tool is then named {@code vote}
     */
    public DecideTool(Map<String, List<String>> questions, Map<String, String> texts, boolean ballot) {
        this.questions = questions;
        this.texts = texts;
        this.ballot = ballot;
    }

    /** A leader's or a fallback's {@code decide} tool. */
    public DecideTool(Map<String, List<String>> questions, Map<String, String> texts) {
        this(questions, texts, false);
    }

    /** The tool's name: {@code vote} for a ballot, else {@code decide}. */
    public String name() {
        return ballot ? "vote" : "decide";
    }

    /** One line per question the team gives a text for: its name and its text. */
    public List<String> describeQuestions() {
        List<String> out = new ArrayList<>();
        questions.keySet().stream().filter(texts::containsKey).forEach(q -> out.add("- `" + q + "`: " + texts.get(q)));
        return out;
    }

    public Tool<Answers> tool() {
        JsonObjectSchema.Builder answers = JsonObjectSchema.builder().description("the answer to each question, by question");
        questions.forEach((q, options) -> {
            if (options.isEmpty()) {
                answers.addStringProperty(q, texts.getOrDefault(q, q));
            } else {
                answers.addEnumProperty(q, options, texts.getOrDefault(q, q));
            }
        });
        answers.required(List.copyOf(questions.keySet()));
        ToolSpecification spec = Tool.spec(name(), ballot
                        ? "Casts your ballot on every question at once: an answer for each, and why."
                        : "Settles every question at once: an answer for each, and why.",
                JsonObjectSchema.builder().addProperty("answers", answers.build())
                        .addStringProperty("rationale", "why these answers, in a few sentences")
                        .required("answers", "rationale").build());
        return new Tool<>(spec, args -> {
            Map<String, String> given = args.textMap("answers");
            String rationale = args.text("rationale");
            Map<String, String> settled = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            for (var q : questions.entrySet()) {
                String answer = given.get(q.getKey());
                if (answer == null || answer.isBlank()) {
                    problems.add("no answer for " + q.getKey());
                } else if (!q.getValue().isEmpty() && !q.getValue().contains(answer)) {
                    problems.add("\"" + answer + "\" is not an option of " + q.getKey() + "; expected one of "
                            + String.join(", ", q.getValue().stream().map(o -> "\"" + o + "\"").toList()));
                } else {
                    settled.put(q.getKey(), answer);
                }
            }
            given.keySet().stream().filter(k -> !questions.containsKey(k))
                    .forEach(k -> problems.add(k + " is not a question of this decide"));
            if (!problems.isEmpty()) {
                return Tool.Answer.error(String.join("; ", problems) + "; call " + name() + " again with every question answered");
            }
            return new Tool.Answer.End<>(new Answers(settled, rationale));
        });
    }
}
