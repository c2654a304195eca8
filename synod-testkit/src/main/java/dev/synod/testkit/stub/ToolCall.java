package dev.synod.testkit.stub;

import java.util.Objects;
import java.util.Optional;

/**
 * A tool call a stub answers with. Fields are sent as given, so a test can make a malformed call:
 * a name the request did not offer, {@code arguments} that are not valid JSON, or an absent
 * {@code id} or {@code name} (left out of the wire message).
 *
 * @param id        the call's id, or empty to leave it out (Ollama's format has no ids)
 * @param name      the tool's name, or empty to leave it out
 * @param arguments the arguments as JSON text; sent verbatim where the format carries a string
 *                  (OpenAI), as a JSON value where it carries an object (Anthropic, Ollama), and as
 *                  a JSON string there when the text is not valid JSON
 */
public record ToolCall(Optional<String> id, Optional<String> name, String arguments) {
    public ToolCall {
        Objects.requireNonNull(id, "id must not be null; use Optional.empty() to leave it out");
        Objects.requireNonNull(name, "name must not be null; use Optional.empty() to leave it out");
        Objects.requireNonNull(arguments, "arguments must not be null");
    }

    /** A well-formed call of {@code name} with the JSON {@code arguments}, whose id is {@code id}. */
    public static ToolCall of(String id, String name, String arguments) {
        return new ToolCall(Optional.of(id), Optional.of(name), arguments);
    }

    /** A call of {@code name} without an id. */
    public static ToolCall withoutId(String name, String arguments) {
        return new ToolCall(Optional.empty(), Optional.of(name), arguments);
    }

    /** A call that names no tool. */
    public static ToolCall withoutName(String id, String arguments) {
        return new ToolCall(Optional.of(id), Optional.empty(), arguments);
    }
}
