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
 * OpenAI's chat completions API ({@code POST /v1/chat/completions}, also {@code /chat/completions}
 * for base URLs without {@code /v1}), as OpenAI-compatible servers serve it too.
 *
 * <p>A request needs {@code model} and {@code messages}; a {@code tool} message must answer a
 * {@code tool_calls} id of an earlier assistant message; {@code tools} are
 * {@code {type: function, function: {name, parameters}}}; {@code tool_choice} is {@code none},
 * {@code auto}, {@code required} or a named function; streaming is not served. An answer is a
 * {@code chat.completion} whose {@code choices[0].message} holds {@code content} and/or
 * {@code tool_calls} (arguments as a JSON string), with {@code finish_reason} {@code stop} or
 * {@code tool_calls} and {@code usage.prompt_tokens/completion_tokens/total_tokens}.
 */
public final class OpenAiStub extends StubModelServer {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    /** Starts a stub on a free loopback port. */
    public OpenAiStub() {
        super();
    }

    /** {@code http://127.0.0.1:PORT/v1}, as {@code base-url} of an OpenAI-compatible server. */
    @Override
    public String baseUrl() {
        return origin() + "/v1";
    }

    @Override
    protected boolean serves(String method, String path) {
        return method.equals("POST") && (path.equals("/v1/chat/completions") || path.equals("/chat/completions"));
    }

    @Override
    protected Optional<String> problem(RecordedRequest request) {
        return Expect.problemOf(request, body -> {
            text(body, "model", "request");
            that(!body.path("stream").asBoolean(false), "request.stream: this stub serves stream: false only");
            Set<String> callIds = new HashSet<>();
            JsonNode messages = array(body, "messages", "request");
            for (int i = 0; i < messages.size(); i++) {
                message(messages.get(i), "messages[" + i + "]", callIds);
            }
            if (body.has("tools")) {
                JsonNode tools = array(body, "tools", "request");
                for (int i = 0; i < tools.size(); i++) {
                    String where = "tools[" + i + "]";
                    oneOf(tools.get(i), "type", where, Set.of("function"));
                    JsonNode function = object(tools.get(i), "function", where);
                    text(function, "name", where + ".function");
                }
            }
            if (body.has("tool_choice")) {
                JsonNode choice = body.get("tool_choice");
                if (choice.isTextual()) {
                    oneOf(body, "tool_choice", "request", Set.of("none", "auto", "required"));
                } else {
                    that(choice.isObject(), "request.tool_choice: expected none, auto, required or "
                            + "{type: function, function: {name}}, found " + describe(choice));
                    text(object(choice, "function", "tool_choice"), "name", "tool_choice.function");
                }
            }
        });
    }

    private static void message(JsonNode message, String where, Set<String> callIds) {
        that(message.isObject(), where + ": expected an object, found " + describe(message));
        String role = oneOf(message, "role", where, ROLES);
        if (role.equals("tool")) {
            String id = text(message, "tool_call_id", where);
            that(callIds.contains(id), where + ".tool_call_id: expected the id of an earlier tool call ("
                    + String.join(", ", callIds) + "), found '" + id + "'");
            field(message, "content", where);
        } else if (role.equals("assistant") && message.has("tool_calls") && !message.get("tool_calls").isNull()) {
            JsonNode calls = array(message, "tool_calls", where);
            for (int i = 0; i < calls.size(); i++) {
                String at = where + ".tool_calls[" + i + "]";
                callIds.add(text(calls.get(i), "id", at));
                oneOf(calls.get(i), "type", at, Set.of("function"));
                JsonNode function = object(calls.get(i), "function", at);
                text(function, "name", at + ".function");
                that(function.path("arguments").isTextual(), at + ".function.arguments: expected a JSON string, found "
                        + describe(function.path("arguments")));
            }
        } else {
            field(message, "content", where);
        }
    }

    @Override
    protected ObjectNode answer(Reply.Answer answer, Reply.Usage usage, JsonNode request) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        answer.text().ifPresentOrElse(t -> message.put("content", t), () -> message.putNull("content"));
        if (!answer.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : answer.toolCalls()) {
                ObjectNode c = calls.addObject();
                call.id().ifPresent(id -> c.put("id", id));
                c.put("type", "function");
                ObjectNode function = c.putObject("function");
                call.name().ifPresent(name -> function.put("name", name));
                function.put("arguments", call.arguments());
            }
        }
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-stub")
                .put("object", "chat.completion")
                .put("created", 1_767_225_600L)
                .put("model", request.path("model").asText());
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", answer.toolCalls().isEmpty() ? "stop" : "tool_calls");
        body.putObject("usage")
                .put("prompt_tokens", usage.inputTokens())
                .put("completion_tokens", usage.outputTokens())
                .put("total_tokens", usage.inputTokens() + usage.outputTokens());
        return body;
    }

    @Override
    protected ObjectNode error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message);
        switch (status) {
            case 401 -> error.put("type", "invalid_request_error").put("code", "invalid_api_key");
            case 429 -> error.put("type", "requests").put("code", "rate_limit_exceeded");
            default -> error.put("type", status >= 500 ? "server_error" : "invalid_request_error").putNull("code");
        }
        error.putNull("param");
        return body;
    }
}
