package dev.synod.runtime.agents.cli;

import dev.synod.core.SynodException;
import dev.synod.runtime.internal.PathLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a {@code provider: cli} model alias in {@code synod.yaml}, read and validated by
 * {@link dev.synod.runtime.config.SynodConfig}:
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


    /** How the instructions reach the program. */
    public enum Prompt {
        /** Written to its standard input, which is then closed. */
        STDIN,
        /** Written to a file named by {@code SYNOD_PROMPT_FILE} and by {@value #PROMPT_FILE_PLACEHOLDER} in the command. */
        FILE,
        /** Appended to the command as its last argument. */
        ARG
    }

    public CliSettings {
        command = List.copyOf(command);
        env = List.copyOf(env);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a cli command needs at least the program");
        }
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
                : PathLookup.find(program, environment.getOrDefault("PATH", ""))
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
}
