package dev.synod.runtime.agents.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answers a CLI agent gives as the last line of its output: a JSON object, so that a model
 * behind the CLI, which cannot choose the program's exit status, can still say yes or no.
 *
 * <pre>
 * review: {"approve": true, "comment": "reads well"}
 * decide: {"answers": {"money": "long cents"}, "rationale": "no rounding surprises"}
 * </pre>
 */
final class Verdicts {
    static final String REVIEW_EXAMPLE = "{\"approve\": true, \"comment\": \"why\"}";
    static final String DECIDE_EXAMPLE = "{\"answers\": {\"<question>\": \"<answer>\"}, \"rationale\": \"why\"}";

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int SHOWN = 200;

    private Verdicts() {
    }

    /** A reviewer's verdict, or why {@code line} is not one. */
    record Review(boolean approve, String comment) {
    }

    /** A leader's answers, or why {@code line} is not one. */
    record Decision(Map<String, String> answers, String rationale) {
    }

    /** The reviewer's verdict in {@code line}; a message saying what was expected and found when it holds none. */
    static Result<Review> review(Optional<String> line) {
        Optional<JsonNode> node = object(line);
        if (node.isEmpty() || !node.get().path("approve").isBoolean()
                || !(node.get().path("comment").isMissingNode() || node.get().path("comment").isTextual())) {
            return Result.failed("expected its last line of output to be a verdict such as " + REVIEW_EXAMPLE
                    + ", found " + shown(line));
        }
        return Result.of(new Review(node.get().get("approve").asBoolean(), node.get().path("comment").asText("")));
    }

    /**
     * The leader's answers in {@code line} to {@code questions}. An answer may be keyed by the
     * question's full name ({@code shop.money}) or its last part ({@code money}); answers to other
     * questions are ignored. Whether each answer is an allowed option is the engine's to check.
     */
    static Result<Decision> decide(Optional<String> line, Map<String, List<String>> questions) {
        Optional<JsonNode> node = object(line);
        if (node.isEmpty() || !node.get().path("answers").isObject()) {
            return Result.failed("expected its last line of output to be answers such as " + DECIDE_EXAMPLE
                    + ", found " + shown(line));
        }
        JsonNode given = node.get().get("answers");
        Map<String, String> answers = new LinkedHashMap<>();
        for (String question : questions.keySet()) {
            JsonNode answer = given.has(question) ? given.get(question) : given.path(question.substring(question.lastIndexOf('.') + 1));
            if (answer.isTextual()) {
                answers.put(question, answer.asText());
            }
        }
        return Result.of(new Decision(answers, node.get().path("rationale").asText("")));
    }

    private static Optional<JsonNode> object(Optional<String> line) {
        if (line.isEmpty() || !line.get().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line.get());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String shown(Optional<String> line) {
        if (line.isEmpty()) {
            return "no output";
        }
        String text = line.get();
        return "'" + (text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text) + "'";
    }

    /** A parsed value or why there is none. */
    record Result<T>(Optional<T> value, String problem) {
        static <T> Result<T> of(T value) {
            return new Result<>(Optional.of(value), "");
        }

        static <T> Result<T> failed(String problem) {
            return new Result<>(Optional.empty(), problem);
        }
    }
}
