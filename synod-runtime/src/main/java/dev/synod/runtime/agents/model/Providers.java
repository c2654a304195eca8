package dev.synod.runtime.agents.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.synod.core.SynodException;
import dev.synod.runtime.agents.model.internal.ChatModels;
import dev.synod.runtime.config.ModelAlias;
import dev.synod.runtime.config.SynodConfig;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the LangChain4j chat model of a model alias in {@code synod.yaml} (ARCHITECTURE.md §5,
 * §9), and checks the environment of the aliases (keys, prices under a money budget) before any
 * agent starts; their settings were validated when the file was loaded. Keys come from the environment, passed
 * in as a map ({@code System.getenv()} by default) so tests can supply theirs; a key is never
 * written to a message, a log or a {@code toString}.
 */
public final class Providers {
    private Providers() {
    }

    /**
     * Checks, before anything runs, for the aliases in {@code used} that their keys are set in
     * {@code env} (their prices under a money budget are checked with the team, by
     * {@link SynodConfig#checkAgainst}). Aliases of other providers ({@code cli}, {@code scripted}) are left to
     * their own checks.
     *
     * @throws SynodException.InvalidInput naming the file, the setting or variable, what was expected and what was found
     */
    public static void validate(SynodConfig config, Collection<String> used, Map<String, String> env) {
        for (String alias : new LinkedHashSet<>(used)) {
            if (!(config.model(alias) instanceof ModelAlias.Model m)) {
                continue;
            }
            key(config, m.settings(), env);
        }
    }

    /** The settings of a model API alias, validated when {@code synod.yaml} was loaded. */
    public static ModelSettings settings(SynodConfig config, String alias) {
        return switch (config.model(alias)) {
            case ModelAlias.Model m -> m.settings();
            case ModelAlias other -> throw new SynodException.InvalidInput(config.file() + ": models." + alias
                    + " has provider " + other.provider() + "; expected a model API (openai, anthropic, ollama, gemini)");
        };
    }

    /** What the alias's tokens cost: its prices, or {@link Pricing#FREE} when none are given. */
    public static Pricing pricing(SynodConfig config, String alias) {
        return settings(config, alias).pricing().orElse(Pricing.FREE);
    }

    /** The alias's chat model, keys from the process environment, retried by {@link Retries#system()}. */
    public static ChatModel chatModel(SynodConfig config, String alias) {
        return chatModel(config, alias, System.getenv(), Retries.system());
    }

    /**
     * The alias's chat model: LangChain4j's model for its provider, wrapped in a
     * {@link RetryingChatModel} that applies {@code retries}.
     *
     * @throws SynodException.InvalidInput when the settings are wrong or the key is not set
     */
    public static ChatModel chatModel(SynodConfig config, String alias, Map<String, String> env, Retries retries) {
        ModelSettings settings = settings(config, alias);
        Optional<String> key = key(config, settings, env);
        return new RetryingChatModel(ChatModels.of(settings, key), settings, retries, key.map(Set::of).orElse(Set.of()));
    }

    /** The key to send, read from the variable the settings name; fails naming the variable when it is not set. */
    private static Optional<String> key(SynodConfig config, ModelSettings settings, Map<String, String> env) {
        Optional<String> variable = settings.keyVariable();
        if (variable.isEmpty()) {
            // Ollama, or a server of the OpenAI API that needs no key (synod.yaml refuses base-url
            // without api-key-env for the APIs that always need one).
            return Optional.empty();
        }
        String value = env.get(variable.get());
        if (value == null || value.isBlank()) {
            throw new SynodException.InvalidInput(config.file() + ": models." + settings.alias() + " needs its API key in the"
                    + " environment variable " + variable.get() + ", which is " + (value == null ? "not set" : "empty")
                    + "; export it, or name another variable with api-key-env");
        }
        return Optional.of(value.strip());
    }
}
