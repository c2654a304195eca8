package dev.synod.runtime.agents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stopping Synod (SIGTERM, as Ctrl-C or a service manager does) stops the agents it started. */
class ShutdownTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void stopping_synod_kills_the_process_trees_of_its_running_agents() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        Path pids = dir.resolve("pids.txt");
        // The instructions are written to its input only once the JVM watches the process, so a
        // script that has read them all cannot be stopped before the JVM knows of it.
        Path script = Scripts.write(dir, "agent.sh", """
                cat > /dev/null
                echo $$ >> %1$s
                sleep 300 &
                echo $! >> %1$s
                wait
                """.formatted(pids));
        Process synod = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunUntilStopped.class.getName(), script.toString(),
                workspace.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("jvm.log").toFile()).start();
        try {
            List<Long> agents = Scripts.pids(pids, 2, Duration.ofSeconds(30));

            synod.destroy();

            assertThat(synod.waitFor(20, TimeUnit.SECONDS)).as("the JVM stopped").isTrue();
            for (long pid : agents) {
                assertThat(Scripts.stops(pid, Duration.ofSeconds(5))).as("agent process %d stopped", pid).isTrue();
            }
        } finally {
            synod.destroyForcibly();
        }
    }
}
