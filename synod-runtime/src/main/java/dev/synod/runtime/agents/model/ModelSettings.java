package dev.synod.runtime.agents.model;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one model alias of {@code synod.yaml} whose provider is a model API. They hold
 * the name of the key's environment variable, never the key.
 *
 * @param alias       the alias under {@code models:}
 * @param provider    which API
 * @param model       the provider's model name, such as {@code gpt-4.1-mini}
 * @param baseUrl     {@code base-url}: another server of the same API (an OpenAI-compatible server, a proxy)
 * @param temperature {@code temperature}, from 0 to 2
 * @param maxTokens   {@code max-tokens}: the most output tokens of one answer
 * @param timeout     {@code timeout}: how long one HTTP request may take (default {@link #DEFAULT_TIMEOUT})
 * @param apiKeyEnv   {@code api-key-env}: the variable holding the key, instead of the provider's default
 * @param pricing     {@code price-per-million-input} and {@code price-per-million-output}, when given
 */
public record ModelSettings(String alias, Provider provider, String model, Optional<URI> baseUrl,
                            Optional<Double> temperature, Optional<Integer> maxTokens, Duration timeout,
                            Optional<String> apiKeyEnv, Optional<Pricing> pricing) {
    /** The request timeout when {@code timeout} is not set: long enough for a model to write a large file. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public ModelSettings {
        Objects.requireNonNull(alias, "alias must not be null");
        Objects.requireNonNull(provider, "provider must not be null");
        Objects.requireNonNull(model, "model must not be null");
        Objects.requireNonNull(baseUrl, "baseUrl must not be null");
        Objects.requireNonNull(temperature, "temperature must not be null");
        Objects.requireNonNull(maxTokens, "maxTokens must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(apiKeyEnv, "apiKeyEnv must not be null");
        Objects.requireNonNull(pricing, "pricing must not be null");
    }

    /**
     * The environment variable the key is read from: {@code api-key-env} when set; otherwise the
     * provider's default, but only for the provider's own server. With a {@code base-url} and no
     * {@code api-key-env}, no key is sent, so that, say, {@code OPENAI_API_KEY} never reaches a
     * local or third-party server it was not meant for.
     */
    public Optional<String> keyVariable() {
        return apiKeyEnv.or(() -> baseUrl.isPresent() ? Optional.empty() : provider.defaultKeyVariable());
    }

    /** The server's address: {@code base-url}, or the provider's own. */
    public String endpoint() {
        return baseUrl.map(URI::toString).orElse(provider.defaultBaseUrl());
    }

    /** Names the model in messages: {@code models.default (openai gpt-4.1-mini)}, with the server when it is not the default. */
    public String describe() {
        return "models." + alias + " (" + provider.id() + " " + model + baseUrl.map(u -> " at " + u).orElse("") + ")";
    }
}
