package dev.synod.testkit.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks of a request's JSON for the stubs: each names the field, what the API expects and what
 * was found, and throws {@link Malformed}, which a stub turns into its HTTP 400.
 */
final class Expect {
    private Expect() {
    }

    /** A request that does not have its API's shape. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Runs {@code checks} on {@code request}'s body: the first problem found, or empty. */
    static Optional<String> problemOf(RecordedRequest request, Consumer<JsonNode> checks) {
        if (request.json().isEmpty() || !request.json().get().isObject()) {
            return Optional.of("the body must be a JSON object, found: " + abbreviate(request.body()));
        }
        try {
            checks.accept(request.json().get());
            return Optional.empty();
        } catch (Malformed e) {
            return Optional.of(e.getMessage());
        }
    }

    static JsonNode field(JsonNode parent, String name, String where) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new Malformed(where + "." + name + ": required, found nothing");
        }
        return node;
    }

    static String text(JsonNode parent, String name, String where) {
        JsonNode node = field(parent, name, where);
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new Malformed(where + "." + name + ": expected a non-empty string, found " + describe(node));
        }
        return node.asText();
    }

    static JsonNode array(JsonNode parent, String name, String where) {
        JsonNode node = field(parent, name, where);
        if (!node.isArray() || node.isEmpty()) {
            throw new Malformed(where + "." + name + ": expected a non-empty array, found " + describe(node));
        }
        return node;
    }

    static JsonNode object(JsonNode parent, String name, String where) {
        JsonNode node = field(parent, name, where);
        if (!node.isObject()) {
            throw new Malformed(where + "." + name + ": expected an object, found " + describe(node));
        }
        return node;
    }

    static String oneOf(JsonNode parent, String name, String where, Set<String> allowed) {
        String value = text(parent, name, where);
        if (!allowed.contains(value)) {
            throw new Malformed(where + "." + name + ": expected one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ", found '" + value + "'");
        }
        return value;
    }

    static void that(boolean condition, String message) {
        if (!condition) {
            throw new Malformed(message);
        }
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + abbreviate(node.asText()) + "\"";
        }
        String kind = node.isArray() ? "an array" : node.isObject() ? "an object" : node.isNumber() ? "the number"
                : node.isBoolean() ? "the boolean" : "the value";
        return kind + " " + abbreviate(node.toString());
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
