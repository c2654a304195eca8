package dev.synod.cli.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.synod.lang.CheckOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the checker needs from {@code synod.yaml}: the model aliases under {@code models:} and the
 * gate names under {@code gates:}. Other keys (engine, budget, sandbox) belong to the runtime
 * and are not looked at here.
 *
 * @param modelAliases the aliases under {@code models:}
 * @param customGates  the gate names under {@code gates:}
 */
record SynodYaml(Set<String> modelAliases, Set<String> customGates) {
    /** The name of the configuration file looked for beside a {@code .synod} file. */
    static final String FILE_NAME = "synod.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    SynodYaml {
        modelAliases = Set.copyOf(modelAliases);
        customGates = Set.copyOf(customGates);
    }

    /**
     * The check options for one {@code .synod} file: its directory, and the configuration from
     * {@code config} when given, else from a {@code synod.yaml} beside the file when there is one.
     *
     * @throws InputException when the configuration cannot be read or is malformed
     */
    static CheckOptions checkOptions(Path synodFile, Optional<Path> config) {
        Path directory = synodFile.toAbsolutePath().normalize().getParent();
        Path candidate = config.orElseGet(() -> synodFile.resolveSibling(FILE_NAME));
        if (config.isEmpty() && !Files.exists(candidate)) {
            return new CheckOptions(Optional.empty(), Set.of(), Optional.of(directory));
        }
        SynodYaml yaml = load(candidate);
        return new CheckOptions(Optional.of(yaml.modelAliases()), yaml.customGates(), Optional.of(directory));
    }

    /**
     * Reads and validates one configuration file.
     *
     * @throws InputException naming the file, the key and what was expected
     */
    static SynodYaml load(Path file) {
        String text = Sources.readText(file);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file + ": not valid YAML: " + oneLine(e.getOriginalMessage()) + where(e), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new SynodYaml(Set.of(), Set.of());
        }
        if (!root.isObject()) {
            throw new InputException(file + ": expected a mapping of settings (models, gates, engine, budget,"
                    + " sandbox), found " + describe(root));
        }
        Set<String> models = names(file, root, "models", "alias names to model settings",
                "model settings such as { provider: openai, model: gpt-4.1-mini }");
        Set<String> gates = names(file, root, "gates", "gate names to gate settings",
                "gate settings such as { sh: \"make check\" }");
        return new SynodYaml(models, gates);
    }

    /** The keys of the mapping under {@code key}, each of whose values must be a mapping too. */
    private static Set<String> names(Path file, JsonNode root, String key, String expected, String entryExpected) {
        JsonNode section = root.get(key);
        if (section == null || section.isNull()) {
            return Set.of();
        }
        if (!section.isObject()) {
            throw new InputException(file + ": '" + key + "' must be a mapping of " + expected + ", found "
                    + describe(section));
        }
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            if (!entry.getValue().isObject()) {
                throw new InputException(file + ": '" + key + "." + entry.getKey()
                        + "' must be a mapping of " + entryExpected + ", found " + describe(entry.getValue()));
            }
            names.add(entry.getKey());
        }
        return names;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case STRING -> "a string (\"" + node.asText() + "\")";
            case NUMBER -> "a number (" + node.asText() + ")";
            case BOOLEAN -> "a boolean (" + node.asText() + ")";
            case NULL, MISSING -> "nothing";
            case BINARY, POJO -> "a value of type " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The YAML parser's message without its source excerpts: it spreads one problem over several
     * lines, quoting the text with carets on indented lines; the unindented ones say what is wrong.
     */
    private static String oneLine(String message) {
        return message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .collect(Collectors.joining(": "));
    }

    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
