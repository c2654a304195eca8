package dev.synod.runtime.config;

import dev.synod.runtime.agents.cli.CliSettings;
import dev.synod.runtime.agents.model.ModelSettings;
import dev.synod.runtime.agents.model.Pricing;
import dev.synod.runtime.agents.model.Provider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one alias under {@code models:} into its {@link ModelAlias}; every setting is checked here. */
final class ModelAliasReader {
    /** Every {@code provider:} value. */
    static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "ollama", "gemini", "cli", "scripted");
    /** The keys of a model API alias. */
    static final Set<String> MODEL_KEYS = Set.of("provider", "model", "base-url", "temperature", "max-tokens", "timeout",
            "api-key-env", "price-per-million-input", "price-per-million-output", "max-turns");
    static final Set<String> CLI_KEYS = Set.of("provider", "command", "prompt", "env", "timeout");
    static final Set<String> SCRIPTED_KEYS = Set.of("provider", "script", "max-turns");
    /** The keys some kind of alias takes: what a key is checked against before the provider is known. */
    private static final Set<String> ANY_KEYS = java.util.stream.Stream.of(MODEL_KEYS, CLI_KEYS, SCRIPTED_KEYS)
            .flatMap(Set::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ModelAliasReader() {
    }

    static ModelAlias read(ConfigNode entry) {
        entry.mapping("a mapping of settings such as { provider: openai, model: gpt-4.1-mini }");
        ConfigNode providerNode = entry.get("provider");
        if (!providerNode.present()) {
            // A misspelt provider key ("provder") is the likelier slip than a missing one: name it.
            entry.only(ANY_KEYS, "a model alias");
            throw providerNode.expected("one of " + String.join(", ", new java.util.TreeSet<>(PROVIDERS)));
        }
        String provider = providerNode.word(PROVIDERS);
        return switch (provider) {
            case "cli" -> cli(entry.only(CLI_KEYS, "a cli model alias"));
            case "scripted" -> scripted(entry.only(SCRIPTED_KEYS, "a scripted model alias"));
            default -> model(entry.only(MODEL_KEYS, "a model alias of provider " + provider),
                    Provider.named(provider).orElseThrow());
        };
    }

    private static ModelAlias.Model model(ConfigNode entry, Provider provider) {
        ConfigNode modelNode = entry.get("model");
        String model = modelNode.text("the provider's model name, such as " + example(provider));
        Optional<Double> temperature = entry.optional("temperature").map(t -> t.number(0, 2, "a number from 0 to 2"));
        Optional<Integer> maxTokens = entry.optional("max-tokens")
                .map(t -> t.integer(1, Integer.MAX_VALUE, "a whole number of at least 1"));
        Duration timeout = entry.optional("timeout").map(t -> t.duration(Duration.ofMillis(1)))
                .orElse(ModelSettings.DEFAULT_TIMEOUT);
        Optional<URI> baseUrl = entry.optional("base-url").map(ModelAliasReader::url);
        Optional<String> keyVariable = entry.optional("api-key-env").map(ModelAliasReader::keyVariable);
        if (baseUrl.isPresent() && keyVariable.isEmpty() && provider.defaultKeyVariable().isPresent()
                && provider != Provider.OPENAI) {
            // OpenAI-compatible servers often need no key; Anthropic's and Gemini's APIs always do.
            throw entry.get("base-url").problem("sets base-url, so no key is read from "
                    + provider.defaultKeyVariable().get() + " by default; expected api-key-env naming the variable that"
                    + " holds the key for that server");
        }
        Optional<Pricing> pricing = pricing(entry);
        OptionalInt maxTurns = maxTurns(entry);
        return new ModelAlias.Model(new ModelSettings(entry.name(), provider, model, baseUrl, temperature, maxTokens, timeout,
                keyVariable, pricing), maxTurns);
    }

    private static ModelAlias.Cli cli(ConfigNode entry) {
        ConfigNode commandNode = entry.get("command");
        List<String> command = commandNode.strings("a list of arguments such as [\"claude\", \"-p\"]", false);
        if (command.isEmpty()) {
            throw commandNode.expected("a program and its arguments, such as [\"claude\", \"-p\"]");
        }
        if (command.get(0).isBlank()) {
            throw commandNode.problem("expected a program as the first argument, found an empty string");
        }
        ConfigNode promptNode = entry.get("prompt");
        CliSettings.Prompt prompt = promptNode.present() ? CliSettings.Prompt.valueOf(promptNode
                .word(Set.of("stdin", "file", "arg")).toUpperCase(Locale.ROOT)) : CliSettings.Prompt.STDIN;
        if (prompt != CliSettings.Prompt.FILE && command.stream().anyMatch(a -> a.contains(CliSettings.PROMPT_FILE_PLACEHOLDER))) {
            throw commandNode.problem("uses " + CliSettings.PROMPT_FILE_PLACEHOLDER + ", which only prompt: file provides;"
                    + " found prompt: " + prompt.name().toLowerCase(Locale.ROOT));
        }
        List<String> env = entry.optional("env").map(ModelAliasReader::variables).orElse(List.of());
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).startsWith("SYNOD_")) {
                throw entry.get("env").problem("names " + env.get(i) + "; Synod sets the SYNOD_ variables itself");
            }
        }
        Optional<Duration> timeout = entry.optional("timeout").map(t -> t.duration(Duration.ofSeconds(1)));
        return new ModelAlias.Cli(entry.name(), new CliSettings(command, prompt, env, timeout));
    }

    private static ModelAlias.Scripted scripted(ConfigNode entry) {
        String script = entry.get("script").text("the agent script's path, such as agents.yaml");
        return new ModelAlias.Scripted(entry.name(), script, maxTurns(entry));
    }

    /** Environment variable names, such as {@code [ANTHROPIC_API_KEY]}. */
    static List<String> variables(ConfigNode node) {
        String expected = "a list of variable names such as [ANTHROPIC_API_KEY]";
        List<String> names = node.strings(expected, false);
        for (String name : names) {
            if (!VARIABLE.matcher(name).matches()) {
                // The entry is not shown: a user may have pasted a key's value where its name belongs.
                throw node.problem("expected variable names (letters, digits and _), found an entry of " + name.length()
                        + " characters that is not one (not shown, in case it is a secret)");
            }
        }
        return names;
    }

    private static OptionalInt maxTurns(ConfigNode entry) {
        return entry.optional("max-turns").map(t -> OptionalInt.of(t.integer(1, Integer.MAX_VALUE,
                "a whole number of model calls per attempt, at least 1"))).orElse(OptionalInt.empty());
    }

    private static URI url(ConfigNode node) {
        String expected = "an http or https URL such as http://127.0.0.1:11434";
        String text = node.text(expected).strip();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
                // A password in the user info or a key in the query must not reach a log or a terminal.
                throw node.problem("expected " + expected + ", found a URL with " + (uri.getRawUserInfo() != null
                        ? "user info" : "a query") + " (not shown, in case it holds a secret); give keys with api-key-env");
            }
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawFragment() != null) {
                throw node.expected(expected);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw node.expected(expected);
        }
    }

    static String keyVariable(ConfigNode node) {
        Optional<String> name = node.textValue();
        if (name.isPresent() && VARIABLE.matcher(name.get()).matches()) {
            return name.get();
        }
        // The value is never shown: a user may have pasted the key itself there.
        throw node.problem("expected the name of an environment variable, such as MY_OPENAI_KEY (letters, digits and _),"
                + " found something else (not shown, in case it is a key)");
    }

    private static Optional<Pricing> pricing(ConfigNode entry) {
        String expected = "an amount of US dollars of at least 0";
        Optional<Double> in = entry.optional("price-per-million-input").map(p -> p.number(0, Double.MAX_VALUE, expected));
        Optional<Double> out = entry.optional("price-per-million-output").map(p -> p.number(0, Double.MAX_VALUE, expected));
        if (in.isPresent() != out.isPresent()) {
            String missing = in.isPresent() ? "price-per-million-output" : "price-per-million-input";
            String present = in.isPresent() ? "price-per-million-input" : "price-per-million-output";
            throw entry.get(missing).problem("is missing; expected both prices when " + present + " is given");
        }
        return in.map(i -> new Pricing(i, out.orElseThrow()));
    }

    private static String example(Provider provider) {
        return switch (provider) {
            case OPENAI -> "gpt-4.1-mini";
            case ANTHROPIC -> "claude-sonnet-4-5";
            case OLLAMA -> "qwen2.5-coder:7b";
            case GEMINI -> "gemini-2.5-flash";
        };
    }
}
