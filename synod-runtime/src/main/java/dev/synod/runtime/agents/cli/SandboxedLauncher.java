package dev.synod.runtime.agents.cli;

import dev.synod.core.SynodException;
import dev.synod.runtime.sandbox.Sandbox;
import dev.synod.runtime.sandbox.internal.BwrapCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts CLI agents inside bubblewrap (ARCHITECTURE.md §6): a read-only system, the role's
 * workspace the only writable place besides a private {@code /tmp}, fresh for each launch, which is
 * {@code HOME} and {@code TMPDIR} (whatever Synod's own are), the home directory
 * and everything else of the machine out of sight, exactly the launch's environment, and its own
 * pid namespace that dies with Synod. Unlike gates, an agent keeps the network: it has to reach
 * its model. Stored logins under the user's home are therefore not visible; CLI agents in the
 * sandbox authenticate with a key passed through {@code env}. A program outside {@code /usr} is
 * made visible as that one file: an agent installed with its own libraries elsewhere must be
 * installed under {@code /usr} (or {@code /usr/local}) to run in the sandbox.
 */
public final class SandboxedLauncher implements ProcessLauncher {
    private final Map<String, String> parentEnv;

    private SandboxedLauncher(Map<String, String> parentEnv) {
        this.parentEnv = Map.copyOf(parentEnv);
    }

    /**
     * A launcher for {@code sandbox: bwrap}, after checking that bubblewrap works here.
     *
     * @throws SynodException.InvalidInput naming the fix, when it does not
     */
    public static ProcessLauncher checked(Map<String, String> parentEnv) {
        try {
            Sandbox.create(Sandbox.Mode.BWRAP, parentEnv, warning -> { }).requireAvailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynodException.Retriable("interrupted while checking the sandbox", e);
        }
        return new SandboxedLauncher(parentEnv);
    }

    /** How bubblewrap says, on its own standard error and with status 1, that it could not run the program. */
    private static final String EXEC_FAILED = "bwrap: execvp ";

    @Override
    public java.util.Optional<String> startFailure(int status, String lastErrorLine) {
        return status == 1 && lastErrorLine.startsWith(EXEC_FAILED)
                ? java.util.Optional.of(lastErrorLine.substring("bwrap: ".length()))
                : java.util.Optional.empty();
    }

    @Override
    public Process start(Launch launch) throws IOException {
        List<Sandbox.Bind> binds = new ArrayList<>();
        launch.readable().forEach(p -> binds.add(Sandbox.Bind.readOnly(p)));
        // The program itself, the file alone, never its directory, which may be the project with
        // Synod's journal beside it (under /usr the read-only system holds it already).
        Path program = Path.of(launch.command().get(0));
        if (program.isAbsolute() && Files.isRegularFile(program)) {
            binds.add(Sandbox.Bind.readOnly(program));
        }
        Sandbox.Spec spec = Sandbox.Spec.of(launch.directory(), launch.command()).withNetwork(true).withBinds(binds);
        // HOME and TMPDIR become the sandbox's fresh, private /tmp, as they are the gates'.
        Map<String, String> env = new java.util.TreeMap<>(launch.environment());
        ProcessBuilder builder = new ProcessBuilder(BwrapCommand.of(spec, env, launch.command()))
                .directory(launch.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(parentEnv);
        return builder.start();
    }
}
