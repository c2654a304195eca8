package dev.synod.testkit.stub;

import static dev.synod.testkit.stub.Expect.array;
import static dev.synod.testkit.stub.Expect.describe;
import static dev.synod.testkit.stub.Expect.field;
import static dev.synod.testkit.stub.Expect.object;
import static dev.synod.testkit.stub.Expect.oneOf;
import static dev.synod.testkit.stub.Expect.text;
import static dev.synod.testkit.stub.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Anthropic's messages API ({@code POST /v1/messages}).
 *
 * <p>A request needs the headers {@code x-api-key} and {@code anthropic-version}, and
 * {@code model}, a positive {@code max_tokens} and {@code messages} of roles {@code user} and
 * {@code assistant} (the system prompt is the top-level {@code system}); content is a string or
 * a list of blocks, and a {@code tool_result} block must answer the {@code id} of an earlier
 * {@code tool_use} block; {@code tools} are {@code {name, input_schema}}. An answer is a
 * {@code message} whose {@code content} holds {@code text} and {@code tool_use} blocks
 * ({@code id}, {@code name}, {@code input}), with {@code stop_reason} {@code tool_use} or
 * {@code end_turn} and {@code usage.input_tokens/output_tokens}.
 */
public final class AnthropicStub extends StubModelServer {
    private static final Set<String> BLOCKS = Set.of("text", "image", "document", "tool_use", "tool_result", "thinking",
            "redacted_thinking");

    /** Starts a stub on a free loopback port. */
    public AnthropicStub() {
        super();
    }

    /** {@code http://127.0.0.1:PORT/v1/}, as the Anthropic client's base URL. */
    @Override
    public String baseUrl() {
        return origin() + "/v1/";
    }

    @Override
    protected boolean serves(String method, String path) {
        return method.equals("POST") && path.equals("/v1/messages");
    }

    @Override
    protected Optional<String> problem(RecordedRequest request) {
        if (request.header("x-api-key").isEmpty()) {
            return Optional.of("x-api-key header is required");
        }
        if (request.header("anthropic-version").isEmpty()) {
            return Optional.of("anthropic-version header is required");
        }
        return Expect.problemOf(request, body -> {
            text(body, "model", "request");
            that(body.path("max_tokens").canConvertToInt() && body.path("max_tokens").asInt() > 0,
                    "request.max_tokens: expected a positive integer, found " + describe(body.path("max_tokens")));
            that(!body.path("stream").asBoolean(false), "request.stream: this stub serves stream: false only");
            Set<String> toolUses = new HashSet<>();
            JsonNode messages = array(body, "messages", "request");
            for (int i = 0; i < messages.size(); i++) {
                String where = "messages[" + i + "]";
                JsonNode message = messages.get(i);
                that(message.isObject(), where + ": expected an object, found " + describe(message));
                oneOf(message, "role", where, Set.of("user", "assistant"));
                JsonNode content = field(message, "content", where);
                if (content.isArray()) {
                    for (int j = 0; j < content.size(); j++) {
                        block(content.get(j), where + ".content[" + j + "]", toolUses);
                    }
                } else {
                    that(content.isTextual(), where + ".content: expected a string or a list of blocks, found "
                            + describe(content));
                }
            }
            if (body.has("tools")) {
                JsonNode tools = array(body, "tools", "request");
                for (int i = 0; i < tools.size(); i++) {
                    text(tools.get(i), "name", "tools[" + i + "]");
                    object(tools.get(i), "input_schema", "tools[" + i + "]");
                }
            }
        });
    }

    private static void block(JsonNode block, String where, Set<String> toolUses) {
        String type = oneOf(block, "type", where, BLOCKS);
        switch (type) {
            case "text" -> text(block, "text", where);
            case "tool_use" -> {
                toolUses.add(text(block, "id", where));
                text(block, "name", where);
                object(block, "input", where);
            }
            case "tool_result" -> {
                String id = text(block, "tool_use_id", where);
                that(toolUses.contains(id), where + ".tool_use_id: expected the id of an earlier tool_use block ("
                        + String.join(", ", toolUses) + "), found '" + id + "'");
            }
            default -> {
                // Images, documents and thinking blocks are accepted as they are.
            }
        }
    }

    @Override
    protected ObjectNode answer(Reply.Answer answer, Reply.Usage usage, JsonNode request) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "msg_stub")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", request.path("model").asText());
        ArrayNode content = body.putArray("content");
        answer.text().ifPresent(t -> content.addObject().put("type", "text").put("text", t));
        for (ToolCall call : answer.toolCalls()) {
            ObjectNode block = content.addObject().put("type", "tool_use");
            call.id().ifPresent(id -> block.put("id", id));
            call.name().ifPresent(name -> block.put("name", name));
            block.set("input", argumentsValue(call));
        }
        body.put("stop_reason", answer.toolCalls().isEmpty() ? "end_turn" : "tool_use");
        body.putNull("stop_sequence");
        body.putObject("usage").put("input_tokens", usage.inputTokens()).put("output_tokens", usage.outputTokens());
        return body;
    }

    @Override
    protected ObjectNode error(int status, String message) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body;
    }
}
