package dev.synod.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.synod.core.Budget;
import dev.synod.core.SynodException;
import dev.synod.lang.model.Gate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The contents of {@code synod.yaml} (ARCHITECTURE.md §9). Loading validates the shape: a
 * wrong key or value is an {@link SynodException.InvalidInput} naming the file, the key, what
 * was expected and what was found.
 *
 * @param models  alias to its settings ({@code provider} always present)
 * @param gates   gate name to its settings: a custom gate's {@code sh} command, or the limits of any gate
 *                (see {@link GateSettings})
 * @param sandbox {@code bwrap} (the default) or {@code none}
 */
public record SynodConfig(Path file, Map<String, Map<String, Object>> models, Map<String, Map<String, Object>> gates,
                          String engine, Budget budget, String sandbox) {

    private static final Set<String> TOP_KEYS = Set.of("models", "gates", "engine", "budget", "sandbox");
    private static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "ollama", "gemini", "cli", "scripted");

    public SynodConfig {
        models = Map.copyOf(models);
        gates = Map.copyOf(gates);
    }

    /** Loads and validates a {@code synod.yaml}. */
    public static SynodConfig load(Path file) {
        try {
            return parse(Files.readString(file), file);
        } catch (NoSuchFileException e) {
            throw new SynodException.InvalidInput(file + ": not found; expected a synod.yaml beside team.synod "
                    + "(synod init writes one)");
        } catch (IOException e) {
            throw new SynodException.InvalidInput(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Validates the text of a {@code synod.yaml}; {@code file} names it in messages and anchors relative paths. */
    public static SynodConfig parse(String text, Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new SynodException.InvalidInput(file + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = new ObjectMapper().createObjectNode();
        }
        if (!root.isObject()) {
            throw invalid(file, "(top level)", "a mapping with keys models, gates, engine, budget, sandbox", root);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_KEYS.contains(key)) {
                throw new SynodException.InvalidInput(file + ": unknown key '" + key + "'; expected one of "
                        + String.join(", ", TOP_KEYS.stream().sorted().toList()));
            }
        }
        Map<String, Map<String, Object>> models = section(file, root, "models");
        models.forEach((alias, settings) -> {
            Object provider = settings.get("provider");
            if (!(provider instanceof String p) || !PROVIDERS.contains(p)) {
                throw new SynodException.InvalidInput(file + ": models." + alias + ".provider must be one of "
                        + String.join(", ", PROVIDERS.stream().sorted().toList()) + ", found "
                        + (provider == null ? "nothing" : "'" + provider + "'"));
            }
        });
        Map<String, Map<String, Object>> gates = section(file, root, "gates");
        gates.forEach((name, settings) -> GateSettings.parse(file, name, settings, Gate.BUILT_IN));
        String engine = root.has("engine") ? root.get("engine").isTextual() ? root.get("engine").asText() : "temporal" : "local";
        String sandbox = text(file, root, "sandbox", "bwrap");
        if (!sandbox.equals("bwrap") && !sandbox.equals("none")) {
            throw new SynodException.InvalidInput(file + ": sandbox must be 'bwrap' or 'none', found '" + sandbox + "'");
        }
        return new SynodConfig(file, models, gates, engine, budget(file, root.get("budget")), sandbox);
    }

    private static Map<String, Map<String, Object>> section(Path file, JsonNode root, String key) {
        JsonNode node = root.get(key);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw invalid(file, key, "a mapping of names to settings", node);
        }
        ObjectMapper mapper = new ObjectMapper();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw invalid(file, key + "." + e.getKey(), "a mapping of settings such as { provider: openai, model: … }",
                        e.getValue());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = mapper.convertValue(e.getValue(), Map.class);
            out.put(e.getKey(), settings);
        }
        return out;
    }

    private static Budget budget(Path file, JsonNode node) {
        if (node == null || node.isNull()) {
            return Budget.UNLIMITED;
        }
        return budget(file, "budget", node, true);
    }

    /**
     * One budget mapping: {@code tokens} and {@code usd}, and at the top level {@code roles}, each
     * role's own budget by role name.
     */
    private static Budget budget(Path file, String key, JsonNode node, boolean top) {
        if (!node.isObject()) {
            throw invalid(file, key, top ? "a mapping such as { tokens: 2000000, usd: 5.00, roles: { dev: { tokens: 500000 } } }"
                    : "a mapping such as { tokens: 500000, usd: 1.00 }", node);
        }
        OptionalLong tokens = OptionalLong.empty();
        OptionalDouble usd = OptionalDouble.empty();
        Map<String, Budget> roles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "tokens" -> {
                    if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0 || !e.getValue().isIntegralNumber()) {
                        throw invalid(file, key + ".tokens", "a whole number of tokens, at least 0", e.getValue());
                    }
                    tokens = OptionalLong.of(e.getValue().asLong());
                }
                case "usd" -> {
                    if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                        throw invalid(file, key + ".usd", "an amount of dollars, at least 0", e.getValue());
                    }
                    usd = OptionalDouble.of(e.getValue().asDouble());
                }
                case "roles" -> {
                    if (!top) {
                        throw new SynodException.InvalidInput(file + ": unknown key '" + key + ".roles'; expected tokens or usd");
                    }
                    if (!e.getValue().isObject()) {
                        throw invalid(file, "budget.roles", "a mapping of role names to budgets, such as { dev: { tokens: 500000 } }",
                                e.getValue());
                    }
                    e.getValue().fields().forEachRemaining(role -> roles.put(role.getKey(),
                            budget(file, "budget.roles." + role.getKey(), role.getValue(), false)));
                }
                default -> throw new SynodException.InvalidInput(file + ": unknown key '" + key + "." + e.getKey()
                        + "'; expected tokens or usd" + (top ? " or roles" : ""));
            }
        }
        return new Budget(tokens, usd, roles);
    }

    /**
     * Checks that every role with a budget is a role of the team.
     *
     * @param roles the team's declared roles by qualified name ({@code dev}, {@code core.lead})
     * @throws SynodException.InvalidInput naming the first role that is not one
     */
    public void checkBudgetRoles(java.util.Collection<String> roles) {
        for (String role : budget.roles().keySet()) {
            if (!roles.contains(role)) {
                throw new SynodException.InvalidInput(file + ": 'budget.roles." + role + "' names no role of the team; expected one of "
                        + String.join(", ", roles.stream().sorted().toList())
                        + (role.contains("[") ? " (a role's budget covers all its replicas)" : ""));
            }
        }
    }

    private static String text(Path file, JsonNode root, String key, String fallback) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw invalid(file, key, "a word", node);
        }
        return node.asText();
    }

    private static SynodException.InvalidInput invalid(Path file, String key, String expected, JsonNode found) {
        String kind = found.isArray() ? "a list" : found.isObject() ? "a mapping" : found.isTextual()
                ? "'" + found.asText() + "'" : found.toString();
        return new SynodException.InvalidInput(file + ": '" + key + "' must be " + expected + ", found " + kind);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** The empty configuration of a run directory without a {@code synod.yaml}. */
    public static SynodConfig none(Path file) {
        return new SynodConfig(file, Map.of(), Map.of(), "local", Budget.UNLIMITED, "bwrap");
    }

    /** The model aliases, for the checker's S012. */
    public Optional<Set<String>> aliases() {
        return Optional.of(models.keySet());
    }

    /** The validated settings of the gate {@code name}, or the defaults when {@code gates:} does not name it. */
    public GateSettings gate(String name) {
        Map<String, Object> settings = gates.get(name);
        return settings == null ? GateSettings.DEFAULTS : GateSettings.parse(file, name, settings, Gate.BUILT_IN);
    }

    /** The settings of a model alias. */
    public Map<String, Object> model(String alias) {
        Map<String, Object> settings = models.get(alias);
        if (settings == null) {
            throw new SynodException.InvalidInput(file + ": no model alias '" + alias + "' under models; defined: "
                    + String.join(", ", models.keySet()));
        }
        return settings;
    }
}
