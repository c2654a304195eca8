package dev.synod.runtime.agents.model.internal.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of one tool call, read strictly: text that is not a JSON object, a missing
 * field or a field of the wrong type is a {@link Malformed} call, answered to the model as an
 * error that says what was expected and what was found.
 */
public final class Arguments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tool;
    private final JsonNode node;

    private Arguments(String tool, JsonNode node) {
        this.tool = tool;
        this.node = node;
    }

    /** A call whose arguments do not fit its tool. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** The arguments of a call to {@code tool}; blank text counts as no arguments. */
    public static Arguments parse(String tool, String text) throws Malformed {
        if (text == null || text.isBlank()) {
            return new Arguments(tool, JSON.createObjectNode());
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Malformed("the arguments of " + tool + " are not valid JSON (" + e.getOriginalMessage()
                    + "); expected an object such as {\"path\": \"src/Main.java\"}, found: " + Caps.abbreviate(text, 200));
        }
        if (node == null || !node.isObject()) {
            throw new Malformed("the arguments of " + tool + " must be a JSON object, found " + kind(node));
        }
        return new Arguments(tool, node);
    }

    /** A required text field. */
    public String text(String field) throws Malformed {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Malformed(tool + " needs the field \"" + field + "\" (text), which is missing");
        }
        return text(field, value);
    }

    /** An optional text field. */
    public Optional<String> optionalText(String field) throws Malformed {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(text(field, value));
    }

    /** An optional whole number of at least {@code min}. */
    public java.util.OptionalInt optionalInteger(String field, int min) throws Malformed {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return java.util.OptionalInt.empty();
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min) {
            throw new Malformed(tool + ": the field \"" + field + "\" must be a whole number of at least " + min + ", found "
                    + kind(value));
        }
        return java.util.OptionalInt.of(value.asInt());
    }

    /** A required object whose every value is text, in its order. */
    public Map<String, String> textMap(String field) throws Malformed {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Malformed(tool + " needs the field \"" + field + "\" (an object), which is missing");
        }
        if (!value.isObject()) {
            throw new Malformed(tool + ": the field \"" + field + "\" must be an object, found " + kind(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), text(field + "." + e.getKey(), e.getValue()));
        }
        return out;
    }

    private String text(String field, JsonNode value) throws Malformed {
        if (!value.isTextual()) {
            throw new Malformed(tool + ": the field \"" + field + "\" must be text, found " + kind(value));
        }
        return value.asText();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return "the number " + node;
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        return "the text " + Caps.abbreviate(node.toString(), 80);
    }
}
