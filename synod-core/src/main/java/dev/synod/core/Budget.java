package dev.synod.core;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The run-wide limits on tokens and money from {@code synod.yaml}. */
public record Budget(OptionalLong tokens, OptionalDouble usd) {
    public static final Budget UNLIMITED = new Budget(OptionalLong.empty(), OptionalDouble.empty());

    public Budget {
        if (tokens.isPresent() && tokens.getAsLong() < 0) {
            throw new IllegalArgumentException("budget tokens must not be negative, found " + tokens.getAsLong());
        }
        if (usd.isPresent() && usd.getAsDouble() < 0) {
            throw new IllegalArgumentException("budget usd must not be negative, found " + usd.getAsDouble());
        }
    }

    /** Why {@code used} leaves no room for another model call, or empty while it does. */
    public java.util.Optional<String> exhaustedBy(Event.Usage used) {
        if (tokens.isPresent() && used.tokens() >= tokens.getAsLong()) {
            return java.util.Optional.of("token budget exhausted: " + used.tokens() + " of " + tokens.getAsLong() + " tokens used");
        }
        if (usd.isPresent() && used.usd() >= usd.getAsDouble()) {
            return java.util.Optional.of(String.format(java.util.Locale.ROOT, "money budget exhausted: $%.2f of $%.2f used",
                    used.usd(), usd.getAsDouble()));
        }
        return java.util.Optional.empty();
    }
}
