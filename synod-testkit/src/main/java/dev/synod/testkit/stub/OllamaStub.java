package dev.synod.testkit.stub;

import static dev.synod.testkit.stub.Expect.array;
import static dev.synod.testkit.stub.Expect.describe;
import static dev.synod.testkit.stub.Expect.object;
import static dev.synod.testkit.stub.Expect.oneOf;
import static dev.synod.testkit.stub.Expect.text;
import static dev.synod.testkit.stub.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/**
 * Ollama's chat API ({@code POST /api/chat}), non-streaming.
 *
 * <p>A request needs {@code model}, {@code messages} of roles {@code system}, {@code user},
 * {@code assistant} and {@code tool}, and {@code stream: false} (Ollama streams when
 * {@code stream} is left out); {@code tools} are {@code {type: function, function: {name, parameters}}}.
 * An answer holds {@code message.content} and {@code message.tool_calls[].function.{name, arguments}}
 * with the arguments as an object, {@code done: true}, {@code prompt_eval_count} and
 * {@code eval_count}.
 */
public final class OllamaStub extends StubModelServer {
    /** Starts a stub on a free loopback port. */
    public OllamaStub() {
        super();
    }

    /** {@code http://127.0.0.1:PORT}, as Ollama's base URL. */
    @Override
    public String baseUrl() {
        return origin();
    }

    @Override
    protected boolean serves(String method, String path) {
        return method.equals("POST") && path.equals("/api/chat");
    }

    @Override
    protected Optional<String> problem(RecordedRequest request) {
        return Expect.problemOf(request, body -> {
            text(body, "model", "request");
            that(body.path("stream").isBoolean() && !body.get("stream").asBoolean(),
                    "request.stream: this stub serves stream: false only, found " + describe(body.path("stream")));
            JsonNode messages = array(body, "messages", "request");
            for (int i = 0; i < messages.size(); i++) {
                String where = "messages[" + i + "]";
                JsonNode message = messages.get(i);
                that(message.isObject(), where + ": expected an object, found " + describe(message));
                oneOf(message, "role", where, Set.of("system", "user", "assistant", "tool"));
                // Ollama reads an absent content as empty (an assistant message with tool calls often has none).
                that(message.path("content").isMissingNode() || message.get("content").isTextual(), where
                        + ".content: expected a string, found " + describe(message.path("content")));
                JsonNode calls = message.path("tool_calls");
                for (int j = 0; j < calls.size(); j++) {
                    JsonNode function = object(calls.get(j), "function", where + ".tool_calls[" + j + "]");
                    text(function, "name", where + ".tool_calls[" + j + "].function");
                    object(function, "arguments", where + ".tool_calls[" + j + "].function");
                }
            }
            if (body.has("tools")) {
                // Unlike OpenAI, Ollama accepts an empty list of tools.
                JsonNode tools = body.get("tools");
                that(tools.isArray(), "request.tools: expected an array, found " + describe(tools));
                for (int i = 0; i < tools.size(); i++) {
                    oneOf(tools.get(i), "type", "tools[" + i + "]", Set.of("function"));
                    text(object(tools.get(i), "function", "tools[" + i + "]"), "name", "tools[" + i + "].function");
                }
            }
        });
    }

    @Override
    protected ObjectNode answer(Reply.Answer answer, Reply.Usage usage, JsonNode request) {
        ObjectNode body = JSON.createObjectNode()
                .put("model", request.path("model").asText())
                .put("created_at", "2026-01-01T00:00:00.000000Z");
        ObjectNode message = body.putObject("message").put("role", "assistant").put("content", answer.text().orElse(""));
        if (!answer.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : answer.toolCalls()) {
                ObjectNode function = calls.addObject().putObject("function");
                call.name().ifPresent(name -> function.put("name", name));
                function.set("arguments", argumentsValue(call));
            }
        }
        return body.put("done_reason", "stop")
                .put("done", true)
                .put("total_duration", 1_000_000L)
                .put("load_duration", 1_000L)
                .put("prompt_eval_count", usage.inputTokens())
                .put("prompt_eval_duration", 1_000L)
                .put("eval_count", usage.outputTokens())
                .put("eval_duration", 1_000L);
    }

    @Override
    protected ObjectNode error(int status, String message) {
        return JSON.createObjectNode().put("error", message);
    }
}
