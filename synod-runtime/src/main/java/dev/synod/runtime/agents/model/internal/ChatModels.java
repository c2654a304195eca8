package dev.synod.runtime.agents.model.internal;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.synod.runtime.agents.model.ModelSettings;
import java.util.Map;
import java.util.Optional;

/**
 * LangChain4j's chat model for each provider, built with its own retries off
 * ({@code maxRetries(0)}: Synod's {@code RetryingChatModel} retries instead), request logging off
 * (a logged request would show the key's header), and Synod's HTTP client, which keeps
 * {@code Retry-After}.
 */
public final class ChatModels {
    /**
     * Anthropic's API requires {@code max_tokens}, and LangChain4j's default (1024) is too small for
     * a model that writes whole files through tool calls.
     */
    public static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 8192;

    private ChatModels() {
    }

    /** The model of {@code settings}, sending {@code key} when there is one. */
    public static ChatModel of(ModelSettings settings, Optional<String> key) {
        return switch (settings.provider()) {
            case OPENAI -> openAi(settings, key);
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .httpClientBuilder(new RetryAfterHttpClientBuilder())
                    .baseUrl(settings.endpoint())
                    .apiKey(key.orElseThrow(() -> new IllegalStateException(settings.describe() + " has no key")))
                    .modelName(settings.model())
                    .temperature(settings.temperature().orElse(null))
                    .maxTokens(settings.maxTokens().orElse(ANTHROPIC_DEFAULT_MAX_TOKENS))
                    .timeout(settings.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
            case OLLAMA -> OllamaChatModel.builder()
                    .httpClientBuilder(new RetryAfterHttpClientBuilder())
                    .baseUrl(settings.endpoint())
                    .modelName(settings.model())
                    .temperature(settings.temperature().orElse(null))
                    .numPredict(settings.maxTokens().orElse(null))
                    .timeout(settings.timeout())
                    .customHeaders(key.map(k -> Map.of("Authorization", "Bearer " + k)).orElse(Map.of()))
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
            case GEMINI -> GoogleAiGeminiChatModel.builder()
                    .httpClientBuilder(new RetryAfterHttpClientBuilder())
                    .baseUrl(settings.endpoint())
                    .apiKey(key.orElseThrow(() -> new IllegalStateException(settings.describe() + " has no key")))
                    .modelName(settings.model())
                    .temperature(settings.temperature().orElse(null))
                    .maxOutputTokens(settings.maxTokens().orElse(null))
                    .timeout(settings.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
        };
    }

    private static ChatModel openAi(ModelSettings settings, Optional<String> key) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .httpClientBuilder(RetryAfterHttpClientBuilder.openAi())
                .baseUrl(settings.endpoint())
                .apiKey(key.orElse(null))
                .modelName(settings.model())
                .temperature(settings.temperature().orElse(null))
                .timeout(settings.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false);
        // OpenAI's own API wants max_completion_tokens (its reasoning models refuse max_tokens);
        // OpenAI-compatible servers (vLLM, llama.cpp, LM Studio) all know max_tokens.
        settings.maxTokens().ifPresent(n -> {
            if (settings.baseUrl().isPresent()) {
                builder.maxTokens(n);
            } else {
                builder.maxCompletionTokens(n);
            }
        });
        return builder.build();
    }
}
