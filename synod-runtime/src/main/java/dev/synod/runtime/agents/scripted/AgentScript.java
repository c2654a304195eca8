package dev.synod.runtime.agents.scripted;

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
import java.util.Set;

/**
 * A script for {@code provider: scripted} models, keyed by role as written in the team file. Each
 * attempt is a list of model answers ({@code turns}); the short forms {@code write}, {@code delete}
 * and {@code summary} become the tool calls a model would make:
 *
 * <pre>
 * architect:
 *   produce:
 *     plan:                                   # the artifact the role produces
 *       - write: { docs/PLAN.md: "# Plan" }   # attempt 1: write_file, then finish
 *         summary: wrote the plan
 *       - crash: "model answered garbage"     # attempt 2; the last entry serves later attempts
 *       - turns:                              # any answers at all, one per model call
 *           - text: "Reading the outline first."
 *             calls:
 *               - read_file: { path: docs/OUTLINE.md }
 *             usage: { input: 1200, output: 40 }
 *           - calls:
 *               - finish: { summary: done }
 *   review:
 *     release: { approve: false, comment: "needs a changelog" }
 *   decide:
 *     money: long cents                       # a leader's, a fallback's or a voter's answer, every round
 * reviewer:
 *   decide:
 *     money: [long cents, BigDecimal]         # one answer per round the role votes in; the last serves later rounds
 * skeptic:
 *   decide:
 *     crash: "model answered garbage"         # every decide call fails: no ballot, no decision
 * </pre>
 *
 * A decide's short form calls {@code vote} when the role votes (the loop offers {@code vote}) and
 * {@code decide} otherwise. An answer that is not among the question's options is sent all the
 * same: the tool's error comes back, the script has no further answer, and the call fails saying
 * what the tool said, so the voter gives no ballot. {@code decide: { turns: [...] }} gives the turns
 * of every decide of the role explicitly.
 *
 * A turn may carry {@code text}, {@code calls} (each a tool name with its arguments: a mapping, or
 * text sent as it is, such as JSON that does not parse), {@code usage} (the tokens it reports),
 * {@code sleep} (such as {@code 2s}) before it answers, or {@code crash} (the call fails with this
 * reason, as a provider error would).
 */
public final class AgentScript {

    /** One tool call: the tool's name and its arguments as the model would send them (JSON text). */
    public record Call(String name, String arguments) {
    }

    /** One model answer. */
    public record Turn(String text, List<Call> calls, long inputTokens, long outputTokens, Optional<Duration> sleep,
                       Optional<String> crash) {
        public Turn {
            calls = List.copyOf(calls);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TURN_KEYS = Set.of("text", "calls", "usage", "sleep", "crash");
    private static final Set<String> SHORT_KEYS = Set.of("write", "delete", "sleep", "crash", "summary", "usage");

    private final Path file;
    private final Map<String, Map<String, List<List<Turn>>>> produce = new LinkedHashMap<>();
    private final Map<String, Map<String, List<List<Turn>>>> review = new LinkedHashMap<>();
    private final Map<String, Map<String, List<String>>> answers = new LinkedHashMap<>();
    private final Map<String, List<Turn>> decideTurns = new LinkedHashMap<>();
    private final Map<String, String> decideCrash = new LinkedHashMap<>();

    private AgentScript(Path file) {
        this.file = file;
    }

    /** Loads a script, validating its shape; a mistake is an error naming the entry, what was expected and what was found. */
    public static AgentScript load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SynodException.InvalidInput(file + ": the agent script is missing");
        } catch (IOException e) {
            throw new SynodException.InvalidInput(file + ": cannot read the agent script: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new SynodException.InvalidInput(file + ": the agent script is not valid YAML: " + first, e);
        }
        AgentScript script = new AgentScript(file);
        if (root == null || root.isNull() || root.isMissingNode()) {
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
            expect(value.isObject(), where, "a mapping keyed by " + (part.getKey().equals("decide") ? "question" : "step"), value);
            switch (part.getKey()) {
                case "produce" -> value.fields().forEachRemaining(step -> produce.computeIfAbsent(role, r -> new LinkedHashMap<>())
                        .put(step.getKey(), attempts(where + "." + step.getKey(), step.getValue())));
                case "review" -> value.fields().forEachRemaining(step -> review.computeIfAbsent(role, r -> new LinkedHashMap<>())
                        .put(step.getKey(), reviews(where + "." + step.getKey(), step.getValue())));
                case "decide" -> value.fields().forEachRemaining(q -> {
                    if (q.getKey().equals("turns") && q.getValue().isArray()) {
                        decideTurns.put(role, turns(where + ".turns", q.getValue()));
                        return;
                    }
                    if (q.getKey().equals("crash")) {
                        expect(q.getValue().isValueNode() && !q.getValue().isNull(), where + ".crash",
                                "the reason the decide call fails, as text", q.getValue());
                        decideCrash.put(role, q.getValue().asText());
                        return;
                    }
                    List<String> perRound = new ArrayList<>();
                    if (q.getValue().isArray()) {
                        expect(!q.getValue().isEmpty(), where + "." + q.getKey(),
                                "a list of options, one per round (the last serves later rounds)", q.getValue());
                        q.getValue().forEach(option -> {
                            expect(option.isValueNode() && !option.isNull(), where + "." + q.getKey(),
                                    "a list of options as text, one per round", option);
                            perRound.add(option.asText());
                        });
                    } else {
                        expect(q.getValue().isValueNode() && !q.getValue().isNull(), where + "." + q.getKey(),
                                "the chosen option as text, or a list of them, one per round", q.getValue());
                        perRound.add(q.getValue().asText());
                    }
                    answers.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(q.getKey(), List.copyOf(perRound));
                });
                default -> throw new SynodException.InvalidInput(file + ": unknown key '" + where
                        + "'; expected produce, review or decide");
            }
        }
    }

    private List<List<Turn>> attempts(String where, JsonNode node) {
        expect(node.isArray() && !node.isEmpty(), where, "a list of attempts (the last one serves every later attempt)", node);
        List<List<Turn>> out = new ArrayList<>();
        int i = 0;
        for (JsonNode a : node) {
            out.add(attempt(where + "[" + ++i + "]", a));
        }
        return out;
    }

    /** One attempt: {@code turns}, or the short form of writes, deletes and a summary. */
    private List<Turn> attempt(String where, JsonNode a) {
        expect(a.isObject(), where, "a mapping with turns, or with write, delete, sleep, crash and summary", a);
        if (a.has("turns")) {
            expect(a.size() == 1, where, "a mapping with turns alone (or the short form without turns)", a);
            return turns(where + ".turns", a.get("turns"));
        }
        keys(where, a, SHORT_KEYS);
        Optional<Duration> sleep = sleep(where, a);
        long[] usage = usage(where, a);
        if (a.has("crash")) {
            return List.of(new Turn(null, List.of(), usage[0], usage[1], sleep, Optional.of(a.get("crash").asText())));
        }
        List<Call> changes = new ArrayList<>();
        JsonNode write = a.path("write");
        expect(write.isMissingNode() || write.isObject(), where + ".write", "a mapping of paths to contents", write);
        write.fields().forEachRemaining(f -> changes.add(call("write_file", Map.of("path", f.getKey(), "content", f.getValue().asText()))));
        JsonNode delete = a.path("delete");
        expect(delete.isMissingNode() || delete.isArray(), where + ".delete", "a list of paths", delete);
        delete.forEach(d -> changes.add(call("delete_file", Map.of("path", d.asText()))));
        Turn finish = new Turn(null, List.of(call("finish", Map.of("summary", a.path("summary").asText("done")))), 0, 0,
                Optional.empty(), Optional.empty());
        if (changes.isEmpty()) {
            return List.of(new Turn(finish.text(), finish.calls(), usage[0], usage[1], sleep, Optional.empty()));
        }
        // Two answers, as a model makes them: the changes, then, having seen their results, finish.
        return List.of(new Turn(null, changes, usage[0], usage[1], sleep, Optional.empty()), finish);
    }

    private List<List<Turn>> reviews(String where, JsonNode node) {
        if (node.isArray()) {
            expect(!node.isEmpty(), where, "a list of verdicts, one per attempt (the last serves every later attempt)", node);
            List<List<Turn>> out = new ArrayList<>();
            int i = 0;
            for (JsonNode v : node) {
                out.add(verdict(where + "[" + ++i + "]", v));
            }
            return out;
        }
        return List.of(verdict(where, node));
    }

    private List<Turn> verdict(String where, JsonNode v) {
        if (v.isObject() && v.has("turns")) {
            expect(v.size() == 1, where, "a mapping with turns alone (or { approve: …, comment: … })", v);
            return turns(where + ".turns", v.get("turns"));
        }
        expect(v.isObject() && v.has("approve") && v.get("approve").isBoolean(), where,
                "a mapping such as { approve: true, comment: \"…\" }", v);
        keys(where, v, Set.of("approve", "comment"));
        String tool = v.get("approve").asBoolean() ? "approve" : "reject";
        return List.of(new Turn(null, List.of(call(tool, Map.of("comment", v.path("comment").asText("")))), 0, 0,
                Optional.empty(), Optional.empty()));
    }

    private List<Turn> turns(String where, JsonNode node) {
        expect(node.isArray() && !node.isEmpty(), where, "a list of model answers", node);
        List<Turn> out = new ArrayList<>();
        int i = 0;
        for (JsonNode t : node) {
            String at = where + "[" + ++i + "]";
            expect(t.isObject(), at, "a mapping with text, calls, usage, sleep or crash", t);
            keys(at, t, TURN_KEYS);
            JsonNode text = t.get("text");
            expect(text == null || text.isTextual(), at + ".text", "text", text == null ? JSON.nullNode() : text);
            List<Call> calls = new ArrayList<>();
            JsonNode list = t.path("calls");
            expect(list.isMissingNode() || list.isArray(), at + ".calls", "a list of calls such as - read_file: { path: a.txt }", list);
            int k = 0;
            for (JsonNode c : list) {
                String cw = at + ".calls[" + ++k + "]";
                expect(c.isObject() && c.size() == 1, cw, "one tool name with its arguments, such as read_file: { path: a.txt }", c);
                Map.Entry<String, JsonNode> only = c.fields().next();
                JsonNode args = only.getValue();
                calls.add(new Call(only.getKey(), args.isTextual() ? args.asText() : args.isNull() ? "{}" : args.toString()));
            }
            long[] usage = usage(at, t);
            Optional<String> crash = t.has("crash") ? Optional.of(t.get("crash").asText()) : Optional.empty();
            out.add(new Turn(text == null ? null : text.asText(), calls, usage[0], usage[1], sleep(at, t), crash));
        }
        return out;
    }

    private static Call call(String name, Map<String, String> arguments) {
        return new Call(name, JSON.valueToTree(new java.util.TreeMap<>(arguments)).toString());
    }

    private long[] usage(String where, JsonNode node) {
        JsonNode u = node.get("usage");
        if (u == null) {
            return new long[] {0, 0};
        }
        expect(u.isObject(), where + ".usage", "a mapping such as { input: 1200, output: 80 }", u);
        keys(where + ".usage", u, Set.of("input", "output"));
        long[] out = new long[2];
        String[] names = {"input", "output"};
        for (int i = 0; i < 2; i++) {
            JsonNode n = u.path(names[i]);
            expect(n.isMissingNode() || n.isIntegralNumber() && n.asLong() >= 0, where + ".usage." + names[i],
                    "a whole number of tokens, at least 0", n);
            out[i] = n.asLong(0);
        }
        return out;
    }

    private Optional<Duration> sleep(String where, JsonNode node) {
        if (!node.has("sleep")) {
            return Optional.empty();
        }
        String text = node.get("sleep").asText();
        // The grammar of synod.yaml's durations, so that a script reads like the configuration.
        return Optional.of(dev.synod.runtime.config.Units.duration(text).orElseThrow(() -> new SynodException.InvalidInput(
                file + ": '" + where + ".sleep' must be " + dev.synod.runtime.config.Units.DURATION_EXAMPLES + ", found '"
                        + text + "'")));
    }

    private void keys(String where, JsonNode node, Set<String> allowed) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new SynodException.InvalidInput(file + ": unknown key '" + where + "." + k + "'; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        });
    }

    /** A found value as a message quotes it: its first line, at most 80 characters, so a whole file is never repeated. */
    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        boolean cut = line.length() > 80 || line.length() < text.strip().length();
        return (line.length() > 80 ? line.substring(0, 80) : line) + (cut ? "…" : "");
    }

    private void expect(boolean ok, String where, String expected, JsonNode found) {
        if (!ok) {
            String kind = found == null || found.isMissingNode() || found.isNull() ? "nothing" : found.isArray()
                    ? (found.isEmpty() ? "an empty list" : "a list") : found.isObject() ? "a mapping" : found.isTextual()
                    ? "'" + firstLine(found.asText()) + "'" : found.asText();
            throw new SynodException.InvalidInput(file + ": '" + where + "' must be " + expected + ", found " + kind);
        }
    }

    /** The turns of attempt {@code attempt} of {@code role} producing {@code step}; the last entry serves later attempts. */
    public Optional<List<Turn>> produce(String role, String step, int attempt) {
        return pick(produce.getOrDefault(role, Map.of()).get(step), attempt);
    }

    /** The turns of {@code role}'s review of attempt {@code attempt} of {@code step}. */
    public Optional<List<Turn>> review(String role, String step, int attempt) {
        return pick(review.getOrDefault(role, Map.of()).get(step), attempt);
    }

    private static Optional<List<Turn>> pick(List<List<Turn>> attempts, int attempt) {
        if (attempts == null) {
            return Optional.empty();
        }
        return Optional.of(attempts.get(Math.max(1, Math.min(attempt, attempts.size())) - 1));
    }

    /** The explicit turns of {@code role}'s decides, if the script gives them. */
    public Optional<List<Turn>> decideTurns(String role) {
        return Optional.ofNullable(decideTurns.get(role));
    }

    /** {@code role}'s answers by question (qualified or simple name), as given for its first round. */
    public Map<String, String> answers(String role) {
        return answers(role, 1);
    }

    /**
     * {@code role}'s answers by question (qualified or simple name) in {@code round}: a question given
     * a list answers with its entry for the round, the last one serving later rounds.
     */
    public Map<String, String> answers(String role, int round) {
        Map<String, String> out = new LinkedHashMap<>();
        answers.getOrDefault(role, Map.of()).forEach((q, perRound) ->
                out.put(q, perRound.get(Math.max(1, Math.min(round, perRound.size())) - 1)));
        return out;
    }

    /** Why {@code role}'s decide calls fail ({@code decide: { crash: … }}), if the script says they do. */
    public Optional<String> decideCrash(String role) {
        return Optional.ofNullable(decideCrash.get(role));
    }

    public Path file() {
        return file;
    }
}
