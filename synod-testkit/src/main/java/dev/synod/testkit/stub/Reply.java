package dev.synod.testkit.stub;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stub answers to one request: a model's answer, or a fault. Each stub renders an answer
 * and a failure in its provider's wire format; {@link Raw} is sent as it is.
 */
public sealed interface Reply {

    /**
     * A model's answer: text, tool calls, or both.
     *
     * @param text      the text, or empty for none (a pure tool-call answer)
     * @param toolCalls the tool calls, in order
     * @param usage     the token counts to report, or empty to derive them from the sizes of the
     *                  request and the answer (about four characters a token)
     */
    record Answer(Optional<String> text, List<ToolCall> toolCalls, Optional<Usage> usage) implements Reply {
        public Answer {
            Objects.requireNonNull(text, "text must not be null");
            Objects.requireNonNull(usage, "usage must not be null");
            toolCalls = List.copyOf(toolCalls);
        }

        /** The same answer, reporting exactly these token counts. */
        public Answer withUsage(int inputTokens, int outputTokens) {
            return new Answer(text, toolCalls, Optional.of(new Usage(inputTokens, outputTokens)));
        }
    }

    /**
     * An HTTP error with the provider's error body.
     *
     * @param status  the status, such as 429 or 503
     * @param headers extra response headers, such as {@code Retry-After}
     * @param message the error's message, rendered into the provider's error body
     */
    record Failure(int status, Map<String, String> headers, String message) implements Reply {
        public Failure {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a failure has an HTTP status from 400 to 599, found " + status);
            }
            headers = Map.copyOf(headers);
            Objects.requireNonNull(message, "message must not be null");
        }
    }

    /** A response sent exactly as given: garbage, or JSON of the wrong shape. */
    record Raw(int status, String contentType, String body) implements Reply {
        public Raw {
            Objects.requireNonNull(contentType, "contentType must not be null");
            Objects.requireNonNull(body, "body must not be null");
        }
    }

    /** {@code reply}, sent after {@code delay} (for client timeouts). */
    record Delayed(Duration delay, Reply reply) implements Reply {
        public Delayed {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a delay is not negative, found " + delay);
            }
            Objects.requireNonNull(reply, "reply must not be null");
        }
    }

    /** Token counts of an answer. */
    record Usage(int inputTokens, int outputTokens) {
        public Usage {
            if (inputTokens < 0 || outputTokens < 0) {
                throw new IllegalArgumentException("token counts are not negative, found " + inputTokens + " and "
                        + outputTokens);
            }
        }
    }

    /** A text answer. */
    static Answer text(String text) {
        return new Answer(Optional.of(text), List.of(), Optional.empty());
    }

    /** An answer that calls tools and says nothing. */
    static Answer toolCalls(ToolCall... calls) {
        if (calls.length == 0) {
            throw new IllegalArgumentException("a tool-call answer has at least one call");
        }
        return new Answer(Optional.empty(), List.of(calls), Optional.empty());
    }

    /** HTTP 429 with {@code Retry-After} in whole seconds. */
    static Failure rateLimited(Duration retryAfter) {
        return rateLimited(Long.toString(retryAfter.toSeconds()));
    }

    /** HTTP 429 with this {@code Retry-After} value (seconds, or an HTTP date). */
    static Failure rateLimited(String retryAfter) {
        return new Failure(429, Map.of("Retry-After", retryAfter), "Rate limit reached; try again later.");
    }

    /** HTTP 429 without {@code Retry-After}. */
    static Failure rateLimited() {
        return new Failure(429, Map.of(), "Rate limit reached; try again later.");
    }

    /** An HTTP error such as 500, 503 or 401, without extra headers. */
    static Failure status(int status) {
        return new Failure(status, Map.of(), "The stub failed this request with HTTP " + status + ".");
    }

    /** A 200 whose body is not JSON. */
    static Raw notJson() {
        return new Raw(200, "text/html", "<html><body>502 Bad Gateway</body></html>");
    }

    /** A 200 whose body is JSON, but not of the format's shape. */
    static Raw wrongShape() {
        return new Raw(200, "application/json", "{\"greeting\":\"hello\",\"choices\":\"none\",\"content\":7}");
    }

    /** {@code reply} after {@code delay}. */
    static Delayed slow(Duration delay, Reply reply) {
        return new Delayed(delay, reply);
    }
}
