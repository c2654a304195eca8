package dev.synod.runtime.agents.cli;

import dev.synod.core.SynodException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a {@code provider: cli} model alias in {@code synod.yaml}:
 *
 * <pre>
 * coder: { provider: cli, command: ["claude", "-p"], prompt: stdin, env: [ANTHROPIC_API_KEY], timeout: 20m }
 * </pre>
 *
 * @param command the program and its arguments; a first element with a {@code /} is resolved
 *                against the directory of {@code synod.yaml}
 * @param prompt  how the instructions reach the program
 * @param env     the names of variables passed through from Synod's environment; nothing else is
 * @param timeout a bound of its own on one run of the program, beside the step's {@code within}
 */
public record CliSettings(List<String> command, Prompt prompt, List<String> env, Optional<Duration> timeout) {

    /** Where {@link Prompt#FILE} puts the path of the instructions in an argument. */
    public static final String PROMPT_FILE_PLACEHOLDER = "{prompt-file}";

    private static final Set<String> KEYS = Set.of("provider", "command", "prompt", "env", "timeout");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})(s|m|h)");

    /** How the instructions reach the program. */
    public enum Prompt {
        /** Written to its standard input, which is then closed. */
        STDIN,
        /** Written to a file named by {@code SYNOD_PROMPT_FILE} and by {@value #PROMPT_FILE_PLACEHOLDER} in the command. */
        FILE,
        /** Appended to the command as its last argument. */
        ARG;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CliSettings {
        command = List.copyOf(command);
        env = List.copyOf(env);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a cli command needs at least the program");
        }
    }

    /**
     * Validates the settings of alias {@code alias} as written in {@code file}: their shape only,
     * not whether the program or the variables exist (see {@link #checkedAgainst}).
     *
     * @throws SynodException.InvalidInput naming the file, the key, what was expected and what was found
     */
    public static CliSettings parse(Path file, String alias, Map<String, Object> settings) {
        String where = "models." + alias;
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new SynodException.InvalidInput(file + ": unknown key '" + where + "." + key
                        + "'; a cli model takes command, prompt, env and timeout");
            }
        }
        List<String> command = strings(file, where + ".command", settings.get("command"),
                "a list of arguments such as [\"claude\", \"-p\"]");
        if (command.isEmpty()) {
            throw new SynodException.InvalidInput(file + ": '" + where + ".command' must name a program, "
                    + "such as [\"claude\", \"-p\"], found an empty list");
        }
        if (command.get(0).isBlank()) {
            throw new SynodException.InvalidInput(file + ": '" + where + ".command' must start with a program, "
                    + "found an empty first argument");
        }
        Prompt prompt = prompt(file, where + ".prompt", settings.get("prompt"));
        if (prompt != Prompt.FILE && command.stream().anyMatch(a -> a.contains(PROMPT_FILE_PLACEHOLDER))) {
            throw new SynodException.InvalidInput(file + ": '" + where + ".command' uses " + PROMPT_FILE_PLACEHOLDER
                    + ", which only prompt: file provides; found prompt: " + prompt.word());
        }
        Object envValue = settings.get("env");
        List<String> env = envValue == null ? List.of() : strings(file, where + ".env", envValue,
                "a list of variable names such as [ANTHROPIC_API_KEY]");
        for (String name : env) {
            if (!NAME.matcher(name).matches()) {
                throw new SynodException.InvalidInput(file + ": '" + where + ".env' must hold variable names such as "
                        + "ANTHROPIC_API_KEY, found '" + name + "'");
            }
            if (name.startsWith("SYNOD_")) {
                throw new SynodException.InvalidInput(file + ": '" + where + ".env' names " + name
                        + "; Synod sets the SYNOD_ variables itself");
            }
        }
        return new CliSettings(command, prompt, env, timeout(file, where + ".timeout", settings.get("timeout")));
    }

    /**
     * These settings checked against the machine: the program resolved to an absolute path (on the
     * {@code PATH} of {@code environment} for a bare name, against {@code directory} for a relative
     * path), and every {@link #env} name set in {@code environment}.
     *
     * @throws SynodException.InvalidInput naming the file and the key
     */
    public CliSettings checkedAgainst(Path file, String alias, Path directory, Map<String, String> environment) {
        String where = "models." + alias;
        for (String name : env) {
            if (environment.get(name) == null) {
                throw new SynodException.InvalidInput(file + ": '" + where + ".env' passes " + name
                        + " to the agent, but it is not set in Synod's environment");
            }
        }
        String program = command.get(0);
        Path resolved = program.contains("/") ? directory.resolve(program).toAbsolutePath().normalize()
                : onPath(program, environment.getOrDefault("PATH", ""))
                        .orElseThrow(() -> new SynodException.InvalidInput(file + ": '" + where + ".command' runs '"
                                + program + "', which is not a program on the PATH"));
        if (!Files.isRegularFile(resolved) || !Files.isExecutable(resolved)) {
            throw new SynodException.InvalidInput(file + ": '" + where + ".command' runs '" + program + "', but "
                    + resolved + (Files.exists(resolved) ? " is not an executable file" : " does not exist"));
        }
        List<String> absolute = new ArrayList<>(command);
        absolute.set(0, resolved.toString());
        return new CliSettings(absolute, prompt, env, timeout);
    }

    private static Optional<Path> onPath(String program, String path) {
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(Path file, String key, Object value, String expected) {
        if (!(value instanceof List<?> list)) {
            throw new SynodException.InvalidInput(file + ": '" + key + "' must be " + expected + ", found "
                    + describe(value) + (value instanceof String ? " (write it as a list)" : ""));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new SynodException.InvalidInput(file + ": '" + key + "[" + i + "]' must be a string, found "
                        + describe(list.get(i)));
            }
            out.add(s);
        }
        return out;
    }

    private static Prompt prompt(Path file, String key, Object value) {
        if (value == null) {
            return Prompt.STDIN;
        }
        if (value instanceof String s) {
            for (Prompt p : Prompt.values()) {
                if (p.word().equals(s)) {
                    return p;
                }
            }
        }
        throw new SynodException.InvalidInput(file + ": '" + key + "' must be stdin, file or arg, found " + describe(value));
    }

    private static Optional<Duration> timeout(Path file, String key, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = value instanceof String s ? DURATION.matcher(s) : null;
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new SynodException.InvalidInput(file + ": '" + key + "' must be a duration such as 90s, 15m or 2h, found "
                    + describe(value));
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        });
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "nothing";
            case String s -> "'" + s + "'";
            case List<?> l -> l.isEmpty() ? "an empty list" : "a list";
            case Map<?, ?> m -> "a mapping";
            default -> String.valueOf(value);
        };
    }
}
