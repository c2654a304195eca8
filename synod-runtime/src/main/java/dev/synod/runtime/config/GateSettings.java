package dev.synod.runtime.config;

import dev.synod.core.SynodException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of one entry under {@code gates:} in {@code synod.yaml}: a custom gate
 * ({@code typecheck: { sh: "npx tsc --noEmit", timeout: 120s, memory: 1g }}) or the limits of a
 * built-in one ({@code test: { timeout: 15m, memory: 4g }}).
 *
 * @param sh        the command of a custom gate, run with {@code sh -c} in the sandbox; empty for a built-in gate
 * @param timeout   the wall-clock limit of one check
 * @param memory    the memory limit of one check in bytes (the heap of a JVM, the address space of anything else)
 * @param processes how many processes and threads one check may have at once
 * @param env       names of variables passed on from Synod's environment (by default the check sees none)
 */
public record GateSettings(Optional<String> sh, Optional<Duration> timeout, OptionalLong memory, OptionalInt processes,
                           List<String> env) {
    /** The keys a gate entry may have. */
    public static final Set<String> KEYS = Set.of("sh", "timeout", "memory", "processes", "env");

    /** The built-in gates that run in Synod's own process and parse their own settings. */
    static final Set<String> IN_PROCESS = Set.of("compile", "lint");

    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("([0-9]+)([kmgt])(i?b)?");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public GateSettings {
        env = List.copyOf(env);
    }

    /** No settings: a built-in gate with its defaults. */
    public static final GateSettings DEFAULTS = new GateSettings(Optional.empty(), Optional.empty(), OptionalLong.empty(),
            OptionalInt.empty(), List.of());

    /**
     * Validates the entry {@code gates.<name>} of {@code file}. {@code builtIn} holds the names
     * of the built-in gates, which take limits but no {@code sh}.
     */
    static GateSettings parse(Path file, String name, Map<String, Object> settings, Set<String> builtIn) {
        String where = file + ": gates." + name;
        if (IN_PROCESS.contains(name)) {
            // compile and lint run inside Synod, with settings of their own (release, classpath, …),
            // which those gates validate when a run builds them.
            return DEFAULTS;
        }
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new SynodException.InvalidInput(where + ": unknown key '" + key + "'; expected one of "
                        + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        if (name.equals("exists") && !settings.isEmpty()) {
            throw new SynodException.InvalidInput(where + ": the built-in gate exists runs no command and takes no "
                    + "settings, found " + String.join(", ", new TreeSet<>(settings.keySet())));
        }
        Optional<String> sh = Optional.ofNullable(settings.get("sh")).map(v -> text(where + ".sh",
                "a shell command such as \"npx tsc --noEmit\"", v));
        if (builtIn.contains(name) && sh.isPresent()) {
            throw new SynodException.InvalidInput(where + ".sh: " + name + " is a built-in gate, which takes only "
                    + "timeout, memory, processes and env; give a gate with its own command another name");
        }
        if (!builtIn.contains(name) && sh.isEmpty()) {
            throw new SynodException.InvalidInput(where + ": a custom gate needs 'sh', the command it runs, such as "
                    + "{ sh: \"npx tsc --noEmit\" }; found " + (settings.isEmpty() ? "no settings"
                    : "only " + String.join(", ", new TreeSet<>(settings.keySet()))));
        }
        if (sh.isPresent() && sh.get().isBlank()) {
            throw new SynodException.InvalidInput(where + ".sh: expected a shell command, found an empty string");
        }
        Optional<Duration> timeout = Optional.ofNullable(settings.get("timeout")).map(v -> duration(where + ".timeout", v));
        OptionalLong memory = settings.containsKey("memory") ? OptionalLong.of(size(where + ".memory", settings.get("memory")))
                : OptionalLong.empty();
        OptionalInt processes = settings.containsKey("processes")
                ? OptionalInt.of(processes(where + ".processes", settings.get("processes"))) : OptionalInt.empty();
        List<String> env = settings.containsKey("env") ? names(where + ".env", settings.get("env")) : List.of();
        return new GateSettings(sh, timeout, memory, processes, env);
    }

    private static String text(String where, String expected, Object value) {
        if (!(value instanceof String s)) {
            throw found(where, expected, value);
        }
        return s;
    }

    /** {@code 500ms}, {@code 90s}, {@code 10m} or {@code 2h}; at least one millisecond. */
    static Duration duration(String where, Object value) {
        String expected = "a duration such as 90s, 10m or 1h";
        Matcher m = value instanceof String s ? DURATION.matcher(s.strip()) : null;
        if (m == null || !m.matches()) {
            throw found(where, expected, value);
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw found(where, expected, value);
        }
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (d.isZero()) {
            throw found(where, "a positive duration such as 90s, 10m or 1h", value);
        }
        return d;
    }

    /** {@code 512m}, {@code 2g}, {@code 2GiB}: binary units (k, m, g, t), at least one megabyte. */
    static long size(String where, Object value) {
        String expected = "a size such as 512m or 2g";
        Matcher m = value instanceof String s ? SIZE.matcher(s.strip().toLowerCase(Locale.ROOT)) : null;
        if (m == null || !m.matches()) {
            throw found(where, expected, value);
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw found(where, expected, value);
        }
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw found(where, "a size that fits in 8 exabytes", value);
        }
        long bytes = amount << shift;
        if (bytes < (1L << 20)) {
            throw found(where, "at least 1m (a gate needs some memory to start)", value);
        }
        return bytes;
    }

    private static int processes(String where, Object value) {
        if (!(value instanceof Integer n) || n < 1) {
            throw found(where, "a whole number of processes, at least 1", value);
        }
        return n;
    }

    private static List<String> names(String where, Object value) {
        String expected = "a list of variable names such as [NODE_OPTIONS]";
        if (!(value instanceof List<?> list)) {
            throw found(where, expected, value);
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s) || !VARIABLE.matcher(s).matches()) {
                throw found(where, expected, item);
            }
            out.add(s);
        }
        return out;
    }

    private static SynodException.InvalidInput found(String where, String expected, Object value) {
        String kind = value instanceof List ? "a list" : value instanceof Map ? "a mapping" : value instanceof String s
                ? "'" + s + "'" : String.valueOf(value);
        return new SynodException.InvalidInput(where + " must be " + expected + ", found " + kind);
    }
}
