package dev.synod.runtime.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.synod.core.SynodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A script for {@code provider: scripted} agents, keyed by role as written in the team file:
 *
 * <pre>
 * architect:
 *   produce:
 *     plan:                      # the artifact the role produces
 *       - write: { docs/PLAN.md: "# Plan" }   # attempt 1
 *         summary: wrote the plan
 *       - crash: "model answered garbage"     # attempt 2; the last entry serves later attempts
 *   review:
 *     release: { approve: false, comment: "needs a changelog" }
 *   decide:
 *     money: long cents
 * </pre>
 *
 * An attempt may {@code write} files, {@code delete} paths, {@code sleep} (such as {@code 2s}),
 * or {@code crash} with a reason.
 */
public final class AgentScript {

    /** What one attempt does. */
    public record Attempt(Map<String, String> write, List<String> delete, Optional<Duration> sleep,
                          Optional<String> crash, String summary) {
    }

    /** A reviewer's scripted verdict. */
    public record ReviewAnswer(boolean approve, String comment) {
    }

    private final Path file;
    private final Map<String, Map<String, List<Attempt>>> produce = new LinkedHashMap<>();
    private final Map<String, Map<String, ReviewAnswer>> review = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> decide = new LinkedHashMap<>();

    private AgentScript(Path file) {
        this.file = file;
    }

    /** Loads a script, validating its shape. */
    public static AgentScript load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new SynodException.InvalidInput(file + ": cannot read the agent script: " + e.getMessage(), e);
        }
        AgentScript script = new AgentScript(file);
        if (root == null || root.isNull()) {
            return script;
        }
        script.expect(root.isObject(), "(top level)", "a mapping of role names", root);
        for (Iterator<Map.Entry<String, JsonNode>> roles = root.fields(); roles.hasNext(); ) {
            Map.Entry<String, JsonNode> role = roles.next();
            script.role(role.getKey(), role.getValue());
        }
        return script;
    }

    private void role(String role, JsonNode node) {
        expect(node.isObject(), role, "a mapping with produce, review or decide", node);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> part = it.next();
            String where = role + "." + part.getKey();
            JsonNode value = part.getValue();
            expect(value.isObject(), where, "a mapping keyed by step", value);
            switch (part.getKey()) {
                case "produce" -> value.fields().forEachRemaining(step -> produce.computeIfAbsent(role, r -> new LinkedHashMap<>())
                        .put(step.getKey(), attempts(where + "." + step.getKey(), step.getValue())));
                case "review" -> value.fields().forEachRemaining(step -> {
                    JsonNode v = step.getValue();
                    expect(v.isObject() && v.has("approve") && v.get("approve").isBoolean(), where + "." + step.getKey(),
                            "a mapping such as { approve: true, comment: \"…\" }", v);
                    review.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(step.getKey(),
                            new ReviewAnswer(v.get("approve").asBoolean(), v.path("comment").asText("")));
                });
                case "decide" -> value.fields().forEachRemaining(q -> {
                    expect(q.getValue().isValueNode(), where + "." + q.getKey(), "the chosen option as text", q.getValue());
                    decide.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(q.getKey(), q.getValue().asText());
                });
                default -> throw new SynodException.InvalidInput(file + ": unknown key '" + where
                        + "'; expected produce, review or decide");
            }
        }
    }

    private List<Attempt> attempts(String where, JsonNode node) {
        expect(node.isArray() && !node.isEmpty(), where, "a list of attempts (the last one serves every later attempt)", node);
        List<Attempt> out = new ArrayList<>();
        for (JsonNode a : node) {
            expect(a.isObject(), where, "a mapping with write, delete, sleep, crash or summary", a);
            Map<String, String> write = new LinkedHashMap<>();
            a.path("write").fields().forEachRemaining(f -> write.put(f.getKey(), f.getValue().asText()));
            List<String> delete = new ArrayList<>();
            a.path("delete").forEach(d -> delete.add(d.asText()));
            Optional<Duration> sleep = a.has("sleep") ? Optional.of(duration(where, a.get("sleep").asText())) : Optional.empty();
            Optional<String> crash = a.has("crash") ? Optional.of(a.get("crash").asText()) : Optional.empty();
            out.add(new Attempt(write, delete, sleep, crash, a.path("summary").asText("done")));
        }
        return out;
    }

    private Duration duration(String where, String text) {
        if (!text.matches("[0-9]+(ms|s|m)")) {
            throw new SynodException.InvalidInput(file + ": '" + where + ".sleep' must be a duration such as 500ms, 2s or 1m, found '"
                    + text + "'");
        }
        long n = Long.parseLong(text.replaceAll("[a-z]", ""));
        return text.endsWith("ms") ? Duration.ofMillis(n) : text.endsWith("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
    }

    private void expect(boolean ok, String where, String expected, JsonNode found) {
        if (!ok) {
            String kind = found.isArray() ? "a list" : found.isObject() ? "a mapping" : "'" + found.asText() + "'";
            throw new SynodException.InvalidInput(file + ": '" + where + "' must be " + expected + ", found " + kind);
        }
    }

    /** What {@code role} does on attempt {@code attempt} of producing {@code step}. */
    public Optional<Attempt> attempt(String role, String step, int attempt) {
        List<Attempt> list = produce.getOrDefault(role, Map.of()).get(step);
        if (list == null) {
            return Optional.empty();
        }
        return Optional.of(list.get(Math.min(attempt, list.size()) - 1));
    }

    public Optional<ReviewAnswer> review(String role, String step) {
        return Optional.ofNullable(review.getOrDefault(role, Map.of()).get(step));
    }

    public Map<String, String> decisions(String role) {
        return decide.getOrDefault(role, Map.of());
    }

    public Path file() {
        return file;
    }
}
