package dev.synod.runtime.agents.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The blobs of a journaled model turn (a request: the messages added since the previous one; a
 * response: the model's message and usage), as people read them in {@code synod log} and
 * {@code synod show}. Reads the JSON the tool loop writes; it never holds a key or a header.
 */
public final class TurnText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TurnText() {
    }

    /**
     * The tool calls of a response blob, each as its name and its {@code path} argument (or its
     * {@code name}, for {@code run_gate}) where it has one: {@code write_file src/Foo.java}.
     *
     * @return empty when the blob is no response blob or the model called no tool
     */
    public static List<String> calls(byte[] response) {
        List<String> out = new ArrayList<>();
        JsonNode message = parse(response).map(n -> n.get("message")).orElse(null);
        if (message == null) {
            return out;
        }
        for (JsonNode call : message.path("toolExecutionRequests")) {
            String name = call.path("name").asText("?");
            JsonNode args = parse(call.path("arguments").asText("").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .orElse(null);
            String argument = args == null ? null : args.hasNonNull("path") ? args.get("path").asText()
                    : args.hasNonNull("name") ? args.get("name").asText() : null;
            out.add(argument == null ? name : name + " " + argument);
        }
        return out;
    }

    /**
     * A request or response blob as readable text: each message under a heading naming who
     * wrote it, tool calls with their arguments, tool results with their tool.
     *
     * @return empty when the blob is not a turn's blob (then it is shown as it is)
     */
    public static Optional<String> readable(byte[] blob) {
        return readable(blob, true);
    }

    /**
     * {@link #readable(byte[])}, optionally without the model's messages a request repeats (a
     * transcript shows them once, from the turns' answers).
     */
    public static Optional<String> readable(byte[] blob, boolean modelMessages) {
        Optional<JsonNode> parsed = parse(blob);
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return Optional.empty();
        }
        JsonNode root = parsed.get();
        StringBuilder out = new StringBuilder();
        if (root.has("messages") && root.has("turn")) {
            out.append("request of turn ").append(root.get("turn").asInt());
            if (root.hasNonNull("previous")) {
                out.append(" (after the request ").append(root.get("previous").asText()).append(")");
            }
            out.append('\n');
            root.get("messages").forEach(m -> {
                if (modelMessages || !m.path("type").asText("").equals("AI")) {
                    message(out, m);
                }
            });
            out.append("--- tools offered: ");
            List<String> tools = new ArrayList<>();
            root.path("tools").forEach(t -> tools.add(t.path("name").asText()));
            out.append(String.join(", ", tools)).append('\n');
            return Optional.of(out.toString());
        }
        if (root.has("message") && root.has("usage")) {
            message(out, root.get("message"));
            JsonNode u = root.get("usage");
            out.append("--- finish reason ").append(root.path("finishReason").asText("none")).append("; ")
                    .append(u.path("inputTokens").asLong()).append(" in + ").append(u.path("outputTokens").asLong())
                    .append(" out tokens, ").append(dev.synod.runtime.engine.Timeline.money(u.path("usd").asDouble()))
                    .append('\n');
            return Optional.of(out.toString());
        }
        return Optional.empty();
    }

    private static void message(StringBuilder out, JsonNode m) {
        String type = m.path("type").asText("");
        switch (type) {
            case "SYSTEM" -> section(out, "system", m.path("text").asText(""));
            case "USER" -> {
                StringBuilder text = new StringBuilder(m.path("text").asText(""));
                m.path("contents").forEach(c -> text.append(c.path("text").asText("")));
                section(out, "user", text.toString());
            }
            case "AI" -> {
                out.append("--- model\n");
                if (m.hasNonNull("text") && !m.get("text").asText().isBlank()) {
                    out.append(m.get("text").asText().strip()).append('\n');
                }
                m.path("toolExecutionRequests").forEach(c -> out.append("call ").append(c.path("name").asText())
                        .append(' ').append(c.path("arguments").asText()).append('\n'));
            }
            case "TOOL_EXECUTION_RESULT" -> section(out, "result of " + m.path("toolName").asText()
                    + (m.path("isError").asBoolean(false) ? " (an error)" : ""), m.path("text").asText(""));
            default -> section(out, type.toLowerCase(java.util.Locale.ROOT), m.toString());
        }
    }

    private static void section(StringBuilder out, String heading, String text) {
        out.append("--- ").append(heading).append('\n').append(text.strip()).append('\n');
    }

    private static Optional<JsonNode> parse(byte[] bytes) {
        try {
            return Optional.ofNullable(JSON.readTree(bytes));
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
