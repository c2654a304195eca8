package dev.synod.lang.ast;

import dev.synod.lang.Span;

/** A duration literal such as {@code 90s}, {@code 15m} or {@code 2h}. */
public record Duration(long amount, char unit, Span span) implements Node {

    public Duration {
        if (unit != 's' && unit != 'm' && unit != 'h') {
            throw new IllegalArgumentException("duration unit must be s, m or h, found '" + unit + "'");
        }
    }

    /** The length in seconds. */
    public long seconds() {
        return switch (unit) {
            case 'h' -> amount * 3600;
            case 'm' -> amount * 60;
            default -> amount;
        };
    }

    /** As written: {@code 15m}. */
    public String text() {
        return amount + String.valueOf(unit);
    }

    /** A human-readable length for messages, such as {@code 1h30m}. */
    public static String describe(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            out.append(h).append('h');
        }
        if (m > 0) {
            out.append(m).append('m');
        }
        if (s > 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}
