package dev.synod.runtime.agents.model.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a provider asks to be left alone: {@code Retry-After} as whole seconds or as an
 * HTTP date (RFC 9110 §10.2.3), or OpenAI's {@code retry-after-ms}. A date in the past means now;
 * a value that is neither is ignored (the backoff applies instead).
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The wait {@code failure} asks for, measured from {@code now} for a date. */
    public static Optional<Duration> of(HttpStatusException failure, Instant now) {
        return failure.retryAfterMillis().flatMap(RetryAfter::millis)
                .or(() -> failure.retryAfter().flatMap(value -> parse(value, now)));
    }

    /** A {@code Retry-After} value: seconds, or an HTTP date measured from {@code now}. */
    public static Optional<Duration> parse(String value, Instant now) {
        String text = value.trim();
        if (text.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant until = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> millis(String value) {
        String text = value.trim();
        if (text.matches("[0-9]{1,12}(\\.[0-9]+)?")) {
            return Optional.of(Duration.ofMillis((long) Math.ceil(Double.parseDouble(text))));
        }
        return Optional.empty();
    }
}
