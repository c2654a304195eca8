package dev.synod.runtime.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of durations and sizes in {@code synod.yaml}, used by every key that takes one.
 *
 * <ul>
 *   <li>A duration is a whole number and a unit: {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}.</li>
 *   <li>A size is a whole number and a binary unit, in any case, with an optional {@code b} or
 *       {@code ib}: {@code 512k}, {@code 100MiB}, {@code 4g}, {@code 2GB}, {@code 1t}; or a plain
 *       number of bytes.</li>
 * </ul>
 *
 * Sizes are binary ({@code 1k} is 1024 bytes) whether written {@code k}, {@code kb} or {@code kib}:
 * one meaning per spelling would be a trap for the reader of a configuration file.
 */
public final class Units {
    /** What a duration looks like, for messages. */
    public static final String DURATION_EXAMPLES = "a duration such as 500ms, 90s, 2m or 1h";
    /** What a size looks like, for messages. */
    public static final String SIZE_EXAMPLES = "a size such as 512k, 100MiB or 4g";

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})\\s*(?:([kmgt])(?:i?b)?|b)?");

    private Units() {
    }

    /** The duration {@code text} writes, or empty when it is not one; zero is allowed here, callers bound it. */
    public static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        });
    }

    /** The number of bytes {@code text} writes, or empty when it is not a size or does not fit in a long. */
    public static OptionalLong size(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            // Nineteen digits can exceed a long: too large to be a size, not a malformed one.
            return OptionalLong.empty();
        }
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        if (amount > (Long.MAX_VALUE >> shift)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(amount << shift);
    }

    /** A duration as the grammar writes it, in the largest unit that is exact: {@code 10m}, {@code 90s}, {@code 1500ms}. */
    public static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** A size as the grammar writes it, in the largest binary unit that is exact: {@code 100MiB}, {@code 512KiB}. */
    public static String describeSize(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        long n = bytes;
        while (i < units.length - 1 && n != 0 && n % 1024 == 0) {
            n /= 1024;
            i++;
        }
        return n + units[i];
    }
}
