package dev.synod.runtime.agents.model.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why a model call failed, by what the caller should do: wait and try again ({@link Passing}),
 * fix the configuration ({@link Refused}), or give up on this call ({@link Broken}).
 * LangChain4j 1.11 maps HTTP errors to its own exceptions with the {@link HttpException} as their
 * cause, and timeouts to {@link TimeoutException}; this reads the whole cause chain.
 */
public sealed interface CallFailure {
    /** A one-line description, such as {@code HTTP 503: overloaded}. */
    String what();

    /** A passing fault: HTTP 429, 408 or 5xx, a timeout, a connection that failed. */
    record Passing(String what, Optional<Duration> retryAfter) implements CallFailure {
    }

    /** The provider refused the key (HTTP 401, 403) or does not know the model or address (404). */
    record Refused(String what, int status) implements CallFailure {
    }

    /**
     * Anything else: another 4xx, an answer that is not the API's format (not JSON, or JSON of the
     * wrong shape). Trying the same call again will not help.
     */
    record Broken(String what) implements CallFailure {
    }

    /** Classifies {@code error}; {@code now} measures a {@code Retry-After} date. */
    static CallFailure of(Throwable error, Instant now) {
        List<Throwable> chain = chain(error);
        Optional<HttpException> http = first(chain, HttpException.class);
        if (http.isPresent()) {
            int status = http.get().statusCode();
            String what = "HTTP " + status + errorMessage(http.get().getMessage()).map(m -> ": " + m).orElse("");
            if (status == 429 || status == 408 || status >= 500) {
                Optional<Duration> wait = http.get() instanceof HttpStatusException s ? RetryAfter.of(s, now) : Optional.empty();
                return new Passing(what, wait);
            }
            if (status == 401 || status == 403 || status == 404) {
                return new Refused(what, status);
            }
            return new Broken(what);
        }
        if (chain.stream().anyMatch(t -> t instanceof TimeoutException || t instanceof HttpTimeoutException
                || t instanceof SocketTimeoutException)) {
            return new Passing("no answer within the request timeout", Optional.empty());
        }
        Optional<MalformedAnswerException> malformed = first(chain, MalformedAnswerException.class);
        if (malformed.isPresent()) {
            return new Broken(malformed.get().getMessage());
        }
        Optional<JsonProcessingException> json = first(chain, JsonProcessingException.class);
        if (json.isPresent()) {
            return new Broken("the answer is not the API's JSON: " + oneLine(json.get().getOriginalMessage()));
        }
        Optional<Throwable> unreachable = chain.stream().filter(t -> t instanceof IOException
                || t instanceof UnresolvedModelServerException).findFirst();
        if (unreachable.isPresent()) {
            return new Passing("could not reach the server: " + describe(unreachable.get()), Optional.empty());
        }
        Throwable root = chain.get(chain.size() - 1);
        return new Broken("the answer could not be read: " + describe(root));
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static <T> Optional<T> first(List<Throwable> chain, Class<T> type) {
        return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The message of a provider's error body (OpenAI, Anthropic, Gemini: error.message; Ollama: error), or its first line. */
    private static Optional<String> errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            JsonNode error = json.path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText(json.path("message").asText(""));
            if (!message.isBlank()) {
                return Optional.of(oneLine(message));
            }
        } catch (JsonProcessingException e) {
            // Not JSON: the body's first line says it.
        }
        return Optional.of(oneLine(body));
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + oneLine(t.getMessage());
    }

    /** The first line of {@code text}, at most 200 characters. */
    static String oneLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
