package dev.synod.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.synod.core.SynodException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One value of a {@code synod.yaml} with its key path, read with validation. Every message it
 * makes has one form: {@code FILE:LINE:COL: PATH: what was expected, found what}, the line and
 * column being those of the key (or of the nearest enclosing key that is written).
 */
final class ConfigNode {
    private final YamlDocument document;
    private final String path;
    private final String key;
    private final JsonNode node;

    ConfigNode(YamlDocument document, String path, JsonNode node) {
        this(document, path, path, node);
    }

    private ConfigNode(YamlDocument document, String path, String key, JsonNode node) {
        this.document = document;
        this.path = path;
        this.key = key;
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    /** The key path, such as {@code models.default.timeout}; empty at the top level. */
    String path() {
        return path;
    }

    /** The key this value is written under: an alias, a gate's name, a role (which may hold a dot). */
    String name() {
        return key;
    }

    /** Whether a value is written (a key with no value, {@code key:}, counts as not written). */
    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    ConfigNode get(String key) {
        return new ConfigNode(document, path.isEmpty() ? key : path + "." + key, key, node.get(key));
    }

    /** The value of {@code key} when it is written. */
    Optional<ConfigNode> optional(String key) {
        ConfigNode child = get(key);
        return child.present() ? Optional.of(child) : Optional.empty();
    }

    /** The keys of this mapping, in the order written. */
    List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The entries of this mapping, in the order written; none when nothing is written. */
    List<ConfigNode> entries(String expected) {
        if (!present()) {
            return List.of();
        }
        mapping(expected);
        return keys().stream().map(this::get).toList();
    }

    /** Whether a mapping is written here. */
    boolean isMapping() {
        return node.isObject();
    }

    /** Whether true or false is written here. */
    boolean isBoolean() {
        return node.isBoolean();
    }

    /** Requires a mapping. */
    ConfigNode mapping(String expected) {
        if (!node.isObject()) {
            throw expected(expected);
        }
        return this;
    }

    /**
     * Refuses every key of this mapping not in {@code allowed}, suggesting the nearest one.
     *
     * @param what what this mapping is, for the message: "a model alias of provider openai"
     */
    ConfigNode only(Collection<String> allowed, String what) {
        for (String key : keys()) {
            if (!allowed.contains(key)) {
                String hint = DidYouMean.among(key, allowed).map(k -> "; did you mean '" + k + "'?").orElse("");
                throw get(key).problem("unknown key" + hint + " (" + what + " takes " + String.join(", ",
                        new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    /** A non-empty string. */
    String text(String expected) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw expected(expected);
        }
        return node.asText();
    }

    /** The string written here, if it is one. */
    Optional<String> textValue() {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** A string that is one of {@code words}. */
    String word(Set<String> words) {
        String expected = "one of " + String.join(", ", new TreeSet<>(words));
        if (!node.isTextual()) {
            throw expected(expected);
        }
        if (!words.contains(node.asText())) {
            String hint = DidYouMean.among(node.asText(), words).map(w -> " (did you mean '" + w + "'?)").orElse("");
            throw expected(expected + hint);
        }
        return node.asText();
    }

    /** A whole number from {@code min} to {@code max}. */
    int integer(int min, int max, String expected) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw expected(expected);
        }
        return node.asInt();
    }

    /** A whole number of at least {@code min}. */
    long wholeNumber(long min, String expected) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min) {
            throw expected(expected);
        }
        return node.asLong();
    }

    /** A finite number from {@code min} to {@code max}. */
    double number(double min, double max, String expected) {
        if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < min || node.asDouble() > max) {
            throw expected(expected);
        }
        return node.asDouble();
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw expected("true or false");
        }
        return node.asBoolean();
    }

    /** A duration in the grammar of {@link Units}, at least {@code min}. */
    Duration duration(Duration min) {
        Optional<Duration> d = node.isTextual() ? Units.duration(node.asText()) : Optional.empty();
        if (d.isEmpty()) {
            throw expected(Units.DURATION_EXAMPLES);
        }
        if (d.get().compareTo(min) < 0) {
            throw expected("a duration of at least " + Units.describe(min));
        }
        return d.get();
    }

    /** A size in the grammar of {@link Units}, at least {@code min} bytes. */
    long size(long min) {
        java.util.OptionalLong bytes = node.isTextual() ? Units.size(node.asText())
                : node.isIntegralNumber() && node.canConvertToLong() ? java.util.OptionalLong.of(node.asLong())
                : java.util.OptionalLong.empty();
        if (bytes.isEmpty() || bytes.getAsLong() < 0) {
            throw expected(Units.SIZE_EXAMPLES);
        }
        if (bytes.getAsLong() < min) {
            throw expected("a size of at least " + Units.describeSize(min));
        }
        return bytes.getAsLong();
    }

    /** A list of non-empty strings; {@code single} allows one string to stand for a list of one. */
    List<String> strings(String expected, boolean single) {
        if (single && node.isTextual() && !node.asText().isBlank()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw expected(expected + (node.isTextual() ? " (write it as a list)" : ""));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            ConfigNode item = new ConfigNode(document, path + "[" + i + "]", node.get(i));
            if (!item.node.isTextual()) {
                throw item.expected("a string");
            }
            out.add(item.node.asText());
        }
        return out;
    }

    /** An error at this value: {@code FILE:LINE:COL: PATH: expected …, found …}. */
    SynodException.InvalidInput expected(String expected) {
        return problem("expected " + expected + ", found " + describe());
    }

    /** An error at this value, with {@code message} after its place and path. */
    SynodException.InvalidInput problem(String message) {
        return new SynodException.InvalidInput(where() + ": " + message);
    }

    /** The file, line and column, and the key path: {@code synod.yaml:3:5: models.default.timeout}. */
    String where() {
        String at = "";
        for (String p = path; ; p = parent(p)) {
            Optional<YamlDocument.Location> l = document.location(p);
            if (l.isPresent()) {
                at = ":" + l.get().line() + ":" + l.get().column();
                break;
            }
            if (p.isEmpty()) {
                break;
            }
        }
        return document.file() + at + ": " + (path.isEmpty() ? "(top level)" : path);
    }

    private static String parent(String p) {
        int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        return cut < 0 ? "" : p.substring(0, cut);
    }

    /** The value as a message names it: {@code '5 minutes'}, {@code 42}, {@code a list}. */
    String describe() {
        if (!present()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> node.isEmpty() ? "an empty list" : "a list";
            case OBJECT -> "a mapping";
            case STRING -> "'" + node.asText() + "'";
            default -> node.asText();
        };
    }
}
