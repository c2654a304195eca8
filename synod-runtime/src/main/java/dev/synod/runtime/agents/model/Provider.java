package dev.synod.runtime.agents.model;

import java.util.Arrays;
import java.util.Optional;

/** A model provider Synod reaches through LangChain4j, with where its key is read by default. */
public enum Provider {
    OPENAI("openai", "OPENAI_API_KEY", "https://api.openai.com/v1"),
    ANTHROPIC("anthropic", "ANTHROPIC_API_KEY", "https://api.anthropic.com/v1/"),
    OLLAMA("ollama", null, "http://127.0.0.1:11434"),
    GEMINI("gemini", "GEMINI_API_KEY", "https://generativelanguage.googleapis.com/v1beta");

    private final String id;
    private final String keyVariable;
    private final String defaultBaseUrl;

    Provider(String id, String keyVariable, String defaultBaseUrl) {
        this.id = id;
        this.keyVariable = keyVariable;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The name used in {@code synod.yaml}, such as {@code openai}. */
    public String id() {
        return id;
    }

    /** The environment variable holding the key when {@code api-key-env} does not name one (none for Ollama). */
    public Optional<String> defaultKeyVariable() {
        return Optional.ofNullable(keyVariable);
    }

    /** The address used when {@code base-url} is not set. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The provider called {@code id} in {@code synod.yaml}, if it is one of these. */
    public static Optional<Provider> named(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
