package dev.synod.runtime.agents.model.internal;

import dev.langchain4j.exception.HttpException;
import java.util.Optional;

/**
 * An HTTP error answer that keeps the headers a retry needs. LangChain4j's own
 * {@link HttpException} carries only the status and the body, so {@code Retry-After} would be
 * lost; this subclass travels through LangChain4j's exception mapping unchanged (as the cause of
 * its {@code RateLimitException}, {@code InternalServerException}, …).
 */
public final class HttpStatusException extends HttpException {
    private static final long serialVersionUID = 1L;

    private final String retryAfter;
    private final String retryAfterMillis;

    HttpStatusException(int status, String body, Optional<String> retryAfter, Optional<String> retryAfterMillis) {
        super(status, body);
        this.retryAfter = retryAfter.orElse(null);
        this.retryAfterMillis = retryAfterMillis.orElse(null);
    }

    /** The {@code Retry-After} header: seconds, or an HTTP date. */
    public Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** OpenAI's {@code retry-after-ms} header: milliseconds. */
    public Optional<String> retryAfterMillis() {
        return Optional.ofNullable(retryAfterMillis);
    }
}
