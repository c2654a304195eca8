package dev.synod.runtime.config;

import dev.synod.core.Budget;
import dev.synod.core.SynodException;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.gates.CompileGate;
import dev.synod.runtime.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The contents of {@code synod.yaml} (ARCHITECTURE.md §9), the one reader of that file: {@code synod
 * check} and {@code synod run} both load it here. Loading validates every setting, so that building
 * agents and gates from these values can fail only on the environment (a key, a program, bubblewrap).
 * A wrong key or value is an {@link SynodException.InvalidInput} of the form
 * {@code FILE:LINE:COL: KEY.PATH: expected …, found …}; an unknown key suggests the nearest known one.
 *
 * @param file       the file read, for messages
 * @param models     alias to its validated settings
 * @param gates      every entry under {@code gates:} by name: a custom gate's command and limits, or a
 *                   built-in gate's limits ({@link GateSettings#DEFAULTS} for compile, lint and exists)
 * @param compile    the settings of the in-process {@code compile} gate
 * @param lintConfig {@code gates.lint.config}: the Checkstyle configuration's path in the tree, when given
 * @param engine     which engine runs the team
 * @param budget     tokens and money, overall and per role
 * @param sandbox    how agent-written code is isolated
 * @param limits     what agents may leave, such as the largest file
 * @param seed       {@code seed:}, the seed of every run's coins when given (a {@code ben_or}
 *                   decide's coins are then the same in every run); else each run draws its own
 * @param analyze    {@code analyze:}, the defaults of {@code synod analyze} for this team
 */
public record SynodConfig(Path file, Map<String, ModelAlias> models, Map<String, GateSettings> gates,
                          CompileGate.Settings compile, Optional<String> lintConfig, EngineChoice engine, Budget budget,
                          Sandbox.Mode sandbox, RunLimits limits, Optional<Long> seed, Analyze analyze) {

    private static final Set<String> TOP_KEYS = Set.of("models", "gates", "engine", "budget", "sandbox", "limits", "seed", "analyze");

    /**
     * What {@code synod analyze} assumes of this team's agents unless its options say otherwise.
     *
     * @param accuracy    by model alias, the probability that an agent picks the intended option
     * @param correlation the correlation of correctness among agents of one alias, when given
     */
    public record Analyze(Map<String, Double> accuracy, Optional<Double> correlation) {
        public static final Analyze NONE = new Analyze(Map.of(), Optional.empty());

        public Analyze {
            accuracy = Map.copyOf(accuracy);
        }
    }

    public SynodConfig {
        models = Map.copyOf(models);
        gates = Map.copyOf(gates);
    }

    /** Loads and validates a {@code synod.yaml}. */
    public static SynodConfig load(Path file) {
        return parse(text(file), file);
    }

    /**
     * The text of a {@code synod.yaml}, strict UTF-8, as {@link #load} reads it (a run keeps it
     * as a blob, so it reads the text first).
     *
     * @throws SynodException.InvalidInput when it is missing, unreadable or not UTF-8
     */
    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SynodException.InvalidInput(file + ": no such file; expected a synod.yaml (synod init writes one)");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new SynodException.InvalidInput(file + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new SynodException.InvalidInput(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Validates the text of a {@code synod.yaml}; {@code file} names it in messages. */
    public static SynodConfig parse(String text, Path file) {
        String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        ConfigNode root = YamlDocument.parse(body, file).root();
        if (!root.present()) {
            return none(file);
        }
        root.mapping("a mapping with keys " + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)));
        root.only(TOP_KEYS, "synod.yaml");
        Map<String, ModelAlias> models = new LinkedHashMap<>();
        for (ConfigNode entry : root.get("models").entries("a mapping of alias names to model settings")) {
            models.put(entry.name(), ModelAliasReader.read(entry));
        }
        ConfigNode gatesNode = root.get("gates");
        Map<String, GateSettings> gates = new LinkedHashMap<>();
        for (ConfigNode entry : gatesNode.entries("a mapping of gate names to gate settings")) {
            gates.put(entry.name(), GateReader.read(entry));
        }
        return new SynodConfig(file, models, gates, GateReader.compile(gatesNode.get("compile")),
                GateReader.lint(gatesNode.get("lint")), engine(root.get("engine")), budget(root.get("budget")),
                sandbox(root.get("sandbox")), limits(root.get("limits")), seed(root.get("seed")), analyze(root.get("analyze")));
    }

    private static Analyze analyze(ConfigNode node) {
        if (!node.present()) {
            return Analyze.NONE;
        }
        node.mapping("a mapping such as { accuracy: { default: 0.8 }, correlation: 0.3 }")
                .only(Set.of("accuracy", "correlation"), "analyze");
        Map<String, Double> accuracy = new LinkedHashMap<>();
        for (ConfigNode alias : node.get("accuracy").entries("a mapping of model aliases to probabilities, such as "
                + "{ default: 0.8 }")) {
            double p = alias.number(0, 1, "a probability strictly between 0 and 1, such as 0.8");
            if (p <= 0 || p >= 1) {
                throw alias.problem("expected a probability strictly between 0 and 1, such as 0.8, found " + p);
            }
            accuracy.put(alias.name(), p);
        }
        Optional<Double> correlation = node.optional("correlation")
                .map(c -> {
                    double r = c.number(0, 1, "a correlation from 0 up to (not including) 1, such as 0.3");
                    if (r >= 1) {
                        throw c.problem("expected a correlation from 0 up to (not including) 1, such as 0.3, found " + r);
                    }
                    return r;
                });
        return new Analyze(accuracy, correlation);
    }

    private static Optional<Long> seed(ConfigNode node) {
        return node.present() ? Optional.of(node.wholeNumber(0, "a whole number of at least 0, such as 7")) : Optional.empty();
    }

    private static EngineChoice engine(ConfigNode node) {
        if (!node.present()) {
            return new EngineChoice.Local();
        }
        if (node.textValue().isPresent()) {
            // A bare "temporal" is the local Temporal service's defaults, as "temporal: {}" is.
            return node.word(Set.of("local", "temporal")).equals("local") ? new EngineChoice.Local()
                    : EngineChoice.Temporal.defaults();
        }
        node.mapping("local, or a mapping such as { temporal: { target: \"127.0.0.1:7233\", namespace: default } }")
                .only(Set.of("temporal"), "engine");
        ConfigNode temporal = node.get("temporal");
        if (!temporal.present()) {
            return EngineChoice.Temporal.defaults();
        }
        temporal.mapping("a mapping such as { target: \"127.0.0.1:7233\", namespace: default, remote: \"git@host:team.git\" }")
                .only(Set.of("target", "namespace", "remote", "tls", "api-key-env"), "engine.temporal");
        String target = temporal.optional("target").map(SynodConfig::target).orElse(EngineChoice.Temporal.DEFAULT_TARGET);
        String namespace = temporal.optional("namespace").map(SynodConfig::namespace)
                .orElse(EngineChoice.Temporal.DEFAULT_NAMESPACE);
        Optional<String> remote = temporal.optional("remote").map(r -> r.text("a git remote's URL or path, such as"
                + " \"git@host:team.git\" or \"/srv/git/team.git\""));
        Optional<String> apiKey = temporal.optional("api-key-env").map(ModelAliasReader::keyVariable);
        Optional<EngineChoice.Tls> tls = temporal.optional("tls").flatMap(SynodConfig::tls);
        if (apiKey.isPresent() && temporal.optional("tls").isPresent() && tls.isEmpty()) {
            throw temporal.get("tls").problem("is false, and api-key-env is set: an API key is sent only over TLS;"
                    + " expected tls: true, a mapping of cert, key and ca, or no tls");
        }
        return new EngineChoice.Temporal(target, namespace, remote, tls, apiKey);
    }

    /** {@code tls: true|false}, or {@code { cert, key, ca }} (files); empty for false. */
    private static Optional<EngineChoice.Tls> tls(ConfigNode node) {
        String expected = "true, false, or a mapping such as { cert: client.pem, key: client.key, ca: ca.pem }";
        if (!node.isMapping()) {
            if (!node.isBoolean()) {
                throw node.expected(expected);
            }
            return node.bool() ? Optional.of(EngineChoice.Tls.SERVER_ONLY) : Optional.empty();
        }
        node.only(Set.of("cert", "key", "ca"), "engine.temporal.tls");
        String file = "a PEM file's path, absolute or relative to synod.yaml's directory";
        Optional<String> cert = node.optional("cert").map(c -> c.text(file));
        Optional<String> key = node.optional("key").map(k -> k.text(file));
        if (cert.isPresent() != key.isPresent()) {
            throw node.problem("has " + (cert.isPresent() ? "cert but no key" : "key but no cert")
                    + "; expected both, the client certificate and its private key, or neither");
        }
        return Optional.of(new EngineChoice.Tls(cert, key, node.optional("ca").map(c -> c.text(file))));
    }

    /** A Temporal frontend's address: {@code host:port}, the port from 1 to 65535. */
    private static String target(ConfigNode node) {
        String expected = "a host and port such as \"127.0.0.1:7233\"";
        String target = node.text(expected).strip();
        int colon = target.lastIndexOf(':');
        String host = colon < 0 ? "" : target.substring(0, colon);
        String port = colon < 0 ? "" : target.substring(colon + 1);
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace) || host.contains("/")
                || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw node.expected(expected + " (a port from 1 to 65535, no scheme)");
        }
        return target;
    }

    /** A Temporal namespace's name: letters, digits, '-', '_' and '.'. */
    private static String namespace(ConfigNode node) {
        String expected = "a namespace name such as default (letters, digits, '-', '_', '.')";
        String namespace = node.text(expected);
        if (!namespace.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw node.expected(expected);
        }
        return namespace;
    }

    private static Sandbox.Mode sandbox(ConfigNode node) {
        if (!node.present()) {
            return Sandbox.Mode.BWRAP;
        }
        return node.word(Set.of("bwrap", "none")).equals("none") ? Sandbox.Mode.NONE : Sandbox.Mode.BWRAP;
    }

    private static RunLimits limits(ConfigNode node) {
        if (!node.present()) {
            return RunLimits.DEFAULTS;
        }
        node.mapping("a mapping such as { file-size: 100MiB }").only(Set.of("file-size"), "limits");
        return new RunLimits(node.optional("file-size").map(s -> s.size(1)).orElse(RunLimits.DEFAULT_FILE_SIZE));
    }

    private static Budget budget(ConfigNode node) {
        if (!node.present()) {
            return Budget.UNLIMITED;
        }
        return budget(node, true);
    }

    /**
     * One budget mapping: {@code tokens} and {@code usd}, and at the top level {@code roles}, each
     * role's own budget by role name.
     */
    private static Budget budget(ConfigNode node, boolean top) {
        node.mapping(top ? "a mapping such as { tokens: 2000000, usd: 5.00, roles: { dev: { tokens: 500000 } } }"
                : "a mapping such as { tokens: 500000, usd: 1.00 }");
        node.only(top ? Set.of("tokens", "usd", "roles") : Set.of("tokens", "usd"), top ? "budget" : "a role's budget");
        OptionalLong tokens = node.optional("tokens").map(t -> OptionalLong.of(t.wholeNumber(0,
                "a whole number of tokens, at least 0"))).orElse(OptionalLong.empty());
        OptionalDouble usd = node.optional("usd").map(u -> OptionalDouble.of(u.number(0, Double.MAX_VALUE,
                "an amount of dollars, at least 0"))).orElse(OptionalDouble.empty());
        Map<String, Budget> roles = new LinkedHashMap<>();
        if (top) {
            for (ConfigNode role : node.get("roles").entries("a mapping of role names to budgets, such as { dev: { tokens:"
                    + " 500000 } }")) {
                roles.put(role.name(), budget(role, false));
            }
        }
        return new Budget(tokens, usd, roles);
    }

    /**
     * Checks what this configuration says about the team: every role with a budget is one of its
     * roles, and under a money budget every model alias it uses has prices. {@code synod check}
     * and {@code synod run} both call it, so they agree on these too.
     *
     * @throws SynodException.InvalidInput naming the first key that does not fit the team
     */
    public void checkAgainst(TeamModel team) {
        checkBudgetRoles(team.roles().keySet());
        checkPrices(team.participants().stream().map(role -> team.modelOf(role).orElseThrow()).toList());
    }

    /**
     * Checks that under a money budget ({@code budget.usd}) every model API alias in {@code used}
     * other than Ollama's has prices, so that its calls count against the budget.
     */
    public void checkPrices(Collection<String> used) {
        if (budget.usd().isEmpty()) {
            return;
        }
        for (String alias : new java.util.TreeSet<>(used)) {
            if (models.get(alias) instanceof ModelAlias.Model m && m.settings().pricing().isEmpty()
                    && m.settings().provider() != dev.synod.runtime.agents.model.Provider.OLLAMA) {
                throw new SynodException.InvalidInput(file + ": models." + alias + " has no prices, but budget.usd"
                        + " is set; expected price-per-million-input and price-per-million-output (US dollars) so that"
                        + " its calls count against the budget");
            }
        }
    }

    /**
     * Checks that every role with a budget is a role of the team.
     *
     * @param roles the team's declared roles by qualified name ({@code dev}, {@code core.lead})
     * @throws SynodException.InvalidInput naming the first role that is not one
     */
    public void checkBudgetRoles(Collection<String> roles) {
        for (String role : budget.roles().keySet()) {
            if (!roles.contains(role)) {
                throw new SynodException.InvalidInput(file + ": 'budget.roles." + role + "' names no role of the team; expected one of "
                        + String.join(", ", roles.stream().sorted().toList())
                        + (role.contains("[") ? " (a role's budget covers all its replicas)" : ""));
            }
        }
    }

    /** The empty configuration of a run directory without a {@code synod.yaml}. */
    public static SynodConfig none(Path file) {
        return new SynodConfig(file, Map.of(), Map.of(), CompileGate.Settings.defaults(), Optional.empty(),
                new EngineChoice.Local(), Budget.UNLIMITED, Sandbox.Mode.BWRAP, RunLimits.DEFAULTS, Optional.empty(), Analyze.NONE);
    }

    /**
     * What the checker needs of a directory's configuration: the model aliases and gate names of
     * {@code config}, or, without a {@code synod.yaml}, no aliases to check against.
     */
    public static CheckOptions checkOptions(Optional<SynodConfig> config, Path directory) {
        return new CheckOptions(config.map(c -> c.models().keySet()), config.map(c -> c.gates().keySet()).orElse(Set.of()),
                Optional.of(directory));
    }

    /** The settings of the gate {@code name}, or the defaults when {@code gates:} does not name it. */
    public GateSettings gate(String name) {
        return gates.getOrDefault(name, GateSettings.DEFAULTS);
    }

    /** The settings of a model alias. */
    public ModelAlias model(String alias) {
        ModelAlias settings = models.get(alias);
        if (settings == null) {
            throw new SynodException.InvalidInput(models.isEmpty() && !java.nio.file.Files.exists(file)
                    ? "the team uses model alias '" + alias + "', but " + file.getParent() + " has no synod.yaml to define it;"
                    + " expected one beside team.synod with models: { " + alias + ": { provider: … } } (synod init writes one)"
                    : file + ": no model alias '" + alias + "' under models; defined: "
                    + (models.isEmpty() ? "none" : String.join(", ", models.keySet())));
        }
        return settings;
    }
}
