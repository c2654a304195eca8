package dev.synod.runtime.agents.cli;

import dev.synod.core.Agent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JVM of its own that performs one attempt with the CLI agent {@code args[0]} in the workspace
 * {@code args[1]}, for the test that stops such a JVM while its agent runs.
 */
public final class RunUntilStopped {
    private RunUntilStopped() {
    }

    public static void main(String[] args) throws Exception {
        CliAgent agent = new CliAgent("coder", new CliSettings(List.of(args[0]), CliSettings.Prompt.STDIN, List.of(),
                Optional.empty()), ProcessLauncher.direct(), Map.of("PATH", System.getenv("PATH")), Optional.empty());
        agent.perform(new Agent.Assignment("r1", "notes", 1, "writer", "", List.of("notes/**"), List.of(), List.of(),
                Map.of(), Duration.ofMinutes(10)), Path.of(args[1]));
    }
}
