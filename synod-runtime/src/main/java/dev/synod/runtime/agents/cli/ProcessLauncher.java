package dev.synod.runtime.agents.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts the process of a CLI agent. The only way {@link CliAgent} starts anything, so that the
 * sandbox (ARCHITECTURE.md §6) can wrap every launch: {@link #direct()} starts the command as
 * it is; a sandboxed launcher starts it inside bubblewrap with {@link Launch#directory()} the
 * only writable place.
 *
 * <p>Whatever a launcher does, the returned {@link Process} must be the root of everything the
 * command starts (so that killing its descendants and then it stops all of it), its standard
 * streams must be the command's, and the command must see exactly {@link Launch#environment()}.
 */
@FunctionalInterface
public interface ProcessLauncher {

    /** Starts {@code launch}; an {@link IOException} when the program cannot be started at all. */
    Process start(Launch launch) throws IOException;

    /**
     * Why a run that exited with {@code status}, whose last line of error output was
     * {@code lastErrorLine}, never started its program, or empty when it did. A launcher that runs
     * the program through another (the sandbox) learns of a program that cannot start only this
     * way; the direct launcher learns of it as {@link #start}'s {@link IOException}.
     */
    default java.util.Optional<String> startFailure(int status, String lastErrorLine) {
        return java.util.Optional.empty();
    }

    /**
     * One process to start.
     *
     * @param command     the program (an absolute path) and its arguments
     * @param directory   where it runs: the role's workspace, the one place it is meant to write
     * @param environment all of its environment; nothing of Synod's own is inherited
     * @param readable    other paths it must be able to read (the prompt file's directory)
     */
    record Launch(List<String> command, Path directory, Map<String, String> environment, List<Path> readable) {
        public Launch {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            readable = List.copyOf(readable);
        }
    }

    /** Starts the command directly, with no sandbox: for {@code sandbox: none}. */
    static ProcessLauncher direct() {
        return launch -> {
            ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.directory().toFile());
            builder.environment().clear();
            builder.environment().putAll(launch.environment());
            return builder.start();
        };
    }
}
