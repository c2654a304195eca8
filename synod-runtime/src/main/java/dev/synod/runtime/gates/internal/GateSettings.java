package dev.synod.runtime.gates.internal;

import dev.synod.core.SynodException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one built-in gate under {@code gates:} in {@code synod.yaml}, read with
 * validation: a wrong key or value is an {@link SynodException.InvalidInput} naming the file,
 * the key, what was expected and what was found.
 */
public final class GateSettings {
    private final String gate;
    private final Map<String, Object> values;
    private final Path file;

    /**
     * @param allowed the keys this gate reads; any other key is refused
     */
    public GateSettings(String gate, Map<String, Object> values, Path file, Set<String> allowed) {
        this.gate = gate;
        this.values = values == null ? Map.of() : values;
        this.file = file;
        for (String key : this.values.keySet()) {
            if (!allowed.contains(key)) {
                throw new SynodException.InvalidInput(file + ": unknown key 'gates." + gate + "." + key + "'; expected "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    public int integer(String key, int fallback, int min, int max) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer i) || i < min || i > max) {
            throw invalid(key, "a whole number from " + min + " to " + max, value);
        }
        return i;
    }

    public boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw invalid(key, "true or false", value);
        }
        return b;
    }

    /** A list of non-empty strings; a single string counts as a list of one. */
    public List<String> strings(String key, List<String> fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s && !s.isBlank()) {
            return List.of(s);
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String s && !s.isBlank())) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid(key, "a list of non-empty strings", value);
    }

    public Optional<String> string(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw invalid(key, "a non-empty string", value);
        }
        return Optional.of(s);
    }

    private SynodException.InvalidInput invalid(String key, String expected, Object found) {
        String kind = found instanceof List ? "a list" : found instanceof Map ? "a mapping"
                : found instanceof String s ? "'" + s + "'" : String.valueOf(found);
        return new SynodException.InvalidInput(file + ": 'gates." + gate + "." + key + "' must be " + expected
                + ", found " + kind);
    }
}
