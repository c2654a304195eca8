package dev.synod.runtime.agents.model;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.synod.core.Agent;
import dev.synod.core.SynodException;
import dev.synod.runtime.agents.DetachedSession;
import dev.synod.runtime.agents.model.internal.CallFailure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link ChatModel} that retries its delegate's passing faults (ARCHITECTURE.md §4): HTTP 429,
 * 408 and 5xx, request timeouts and failed connections, with exponential backoff and jitter as
 * {@link RetryPolicy} says, waiting exactly what {@code Retry-After} asks when the provider sends
 * it. The delegate must not retry itself (Synod builds LangChain4j's models with
 * {@code maxRetries(0)}), so that one policy applies to every provider and tests can see each wait.
 *
 * <p>What a failed call throws, always with a one-line message naming the model and never a key:
 * <ul>
 *   <li>{@link SynodException.InvalidInput} when the provider refused the key (401, 403) or does
 *       not know the model or address (404): the configuration must change;</li>
 *   <li>{@link SynodException.Retriable} for everything else: passing faults after the last
 *       attempt or beyond the total wait, another 4xx, an answer that is not the API's format.
 *       The call is over, but the step's next attempt may succeed.</li>
 * </ul>
 * An interrupt (the step's {@code within} ran out) stops the waiting at once. Before each wait the
 * retry is told to the attempt's {@link Agent.Session#retrying} ({@link #reportingTo}), so that the
 * engine journals it and the run's output and {@code synod log} show it.
 */
public final class RetryingChatModel implements ChatModel {
    private final ChatModel delegate;
    private final ModelSettings settings;
    private final Retries retries;
    private final Set<String> secrets;
    /** Hears of each retry before its wait (its reason never holds a key). */
    private final Agent.Session session;

    /**
     * @param delegate the model to call, which does not retry by itself
     * @param settings the alias's settings, for messages
     * @param retries  the policy, and where waiting, jitter and time come from
     * @param secrets  values (the API key) to blank out of every message
     */
    public RetryingChatModel(ChatModel delegate, ModelSettings settings, Retries retries, Set<String> secrets) {
        // A detached session hears of no retry: nothing outside the engine journals it.
        this(delegate, settings, retries, secrets, new DetachedSession());
    }

    private RetryingChatModel(ChatModel delegate, ModelSettings settings, Retries retries, Set<String> secrets,
                              Agent.Session session) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.retries = Objects.requireNonNull(retries, "retries must not be null");
        this.secrets = Set.copyOf(secrets);
        this.session = Objects.requireNonNull(session, "session must not be null");
    }

    /**
     * The same model, telling {@code session} of each retry before it waits. One model serves
     * every attempt of its alias; each attempt reports to its own session through its own view.
     */
    public RetryingChatModel reportingTo(Agent.Session session) {
        return new RetryingChatModel(delegate, settings, retries, secrets, session);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return withRetries(() -> delegate.chat(request));
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return withRetries(() -> delegate.doChat(request));
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "RetryingChatModel[" + settings.describe() + "]";
    }

    private ChatResponse withRetries(Supplier<ChatResponse> call) {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            RuntimeException error;
            try {
                return call.get();
            } catch (RuntimeException e) {
                error = e;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new SynodException.Retriable(message("interrupted during attempt " + attempt), cause(error));
            }
            CallFailure failure = CallFailure.of(error, retries.clock().now());
            switch (failure) {
                case CallFailure.Refused r -> throw new SynodException.InvalidInput(message(refusal(r)), cause(error));
                case CallFailure.Broken b -> throw new SynodException.Retriable(message(b.what()), cause(error));
                case CallFailure.Passing p -> {
                    Duration wait = waitAfter(attempt, p, waited, error);
                    session.retrying(scrub(settings.provider().id() + ": " + p.what()), attempt,
                            retries.policy().maxAttempts() - 1, wait);
                    sleep(wait, attempt, error);
                    waited = waited.plus(wait);
                }
            }
        }
    }

    /** How long to wait after failed attempt {@code attempt}; throws when the call must give up instead. */
    private Duration waitAfter(int attempt, CallFailure.Passing failure, Duration waited, RuntimeException error) {
        RetryPolicy policy = retries.policy();
        if (attempt >= policy.maxAttempts()) {
            throw new SynodException.Retriable(message("gave up after " + attempts(attempt) + ", " + describe(waited)
                    + " of waiting: " + failure.what()), cause(error));
        }
        Duration left = policy.maxTotalWait().minus(waited);
        if (failure.retryAfter().isPresent()) {
            Duration asked = failure.retryAfter().get();
            if (asked.compareTo(left) > 0) {
                throw new SynodException.Retriable(message("gave up after " + attempts(attempt) + ": the provider asked to"
                        + " wait " + describe(asked) + " (Retry-After), more than the " + describe(left) + " left of the "
                        + describe(policy.maxTotalWait()) + " retry budget: " + failure.what()), cause(error));
            }
            return asked;
        }
        if (left.isZero()) {
            throw new SynodException.Retriable(message("gave up after " + attempts(attempt) + ", the whole "
                    + describe(policy.maxTotalWait()) + " retry budget spent waiting: " + failure.what()), cause(error));
        }
        return min(jittered(policy.backoff(attempt)), left);
    }

    private void sleep(Duration wait, int attempt, RuntimeException error) {
        try {
            retries.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynodException.Retriable(message("interrupted while waiting to retry after attempt " + attempt),
                    cause(error));
        }
    }

    /** Between half and all of {@code cap}, drawn from the injected random source. */
    private Duration jittered(Duration cap) {
        long half = cap.toMillis() / 2;
        long extra;
        synchronized (retries.random()) {
            extra = retries.random().nextLong(cap.toMillis() - half + 1);
        }
        return Duration.ofMillis(half + extra);
    }

    private String refusal(CallFailure.Refused r) {
        if (r.status() == 404) {
            return r.what() + "; check the model name and base-url";
        }
        // The provider's body is left out: some echo part of the key they refused.
        Optional<String> variable = settings.keyVariable();
        String fix = variable.map(v -> "check the key in " + v + (r.status() == 403 ? " and that it may use model "
                + settings.model() : "")).orElse("no key was sent: with base-url set, name the key's environment variable "
                + "with api-key-env");
        return "the provider refused the request (HTTP " + r.status() + "); " + fix;
    }

    private String message(String what) {
        return scrub(settings.describe() + ": " + what);
    }

    /** {@code text} with every secret blanked out. */
    private String scrub(String text) {
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                text = text.replace(secret, "***");
            }
        }
        return text;
    }

    /** {@code error} as a cause, unless a message in its chain holds a secret. */
    private Throwable cause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && secrets.stream().anyMatch(s -> !s.isEmpty() && m.contains(s))) {
                return null;
            }
        }
        return error;
    }

    private static String attempts(int n) {
        return n + (n == 1 ? " attempt" : " attempts");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code 350ms}, {@code 7s}, {@code 1.5s}, {@code 2m}, {@code 2m30s}. */
    static String describe(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 120_000) {
            return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
}
