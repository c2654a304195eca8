/**
 * Model providers: a model alias of {@code synod.yaml} with {@code provider: openai},
 * {@code anthropic}, {@code ollama} or {@code gemini} becomes a LangChain4j chat model.
 * {@link dev.synod.runtime.agents.model.Providers} validates the settings and the API key before
 * any agent starts and builds the model; {@link dev.synod.runtime.agents.model.RetryingChatModel}
 * retries rate limits, server errors and timeouts with backoff that honours {@code Retry-After};
 * {@link dev.synod.runtime.agents.model.Pricing} turns token usage into dollars for the budget.
 * Keys are read from the environment and appear in no message, log or {@code toString}.
 */
package dev.synod.runtime.agents.model;
