package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synod status} tells a run that a live process is running from one whose process was
 * killed, by the holder of the directory's run lock, and measures how long a running step has run.
 */
class RunStateTest {
    private static final String TEAM = """
            synod 1

            team slow {
              defaults within 10m

              role writer model scripted
              role reader model scripted

              writer -> reader : notes "docs/notes.md"
                gate exists
            }
            """;

    /** The writer thinks for a minute: long enough to look at the run while it runs, and to kill it. */
    private static final String AGENTS = """
            writer:
              produce:
                notes:
                  - sleep: 60s
                    write: { docs/notes.md: "notes\\n" }
            """;

    @TempDir
    Path dir;

    @Test
    void a_live_run_reads_running_with_its_process_and_a_killed_one_stopped_with_how_to_resume() throws Exception {
        Files.writeString(dir.resolve("team.synod"), TEAM);
        Files.writeString(dir.resolve("agents.yaml"), AGENTS);
        Files.writeString(dir.resolve("synod.yaml"), "models:\n  scripted: { provider: scripted, script: agents.yaml }\n");
        CrashHarnessTest.Child child = CrashHarnessTest.Child.start(dir, "run", dir.toString(), "--yes");
        try {
            long waited = 0;
            while (!child.output().contains("notes: attempt 1 by writer started")) {
                assertThat(child.process().isAlive()).as(child.output()).isTrue();
                assertThat(waited += 50).as("the attempt started within 60 s: %s", child.output()).isLessThan(60_000);
                Thread.sleep(50);
            }
            String run = child.output().lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().substring(4);

            Run live = Run.synod("status", dir.toString());
            assertThat(live.out()).as(live.toString()).startsWith("run " + run + " of team slow: running (pid "
                    + child.process().pid() + ")").containsPattern("notes  attempt 1  running \\d+s  by writer");
            JsonNode json = new ObjectMapper().readTree(Run.synod("status", dir.toString(), "--json").out());
            assertThat(json.get("state").asText()).isEqualTo("running");
            assertThat(json.get("pid").asLong()).isEqualTo(child.process().pid());
            assertThat(json.get("steps").get(0).get("since").isNull()).isFalse();

            child.process().destroyForcibly();
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

            Run stopped = Run.synod("status", dir.toString(), run);
            assertThat(stopped.out()).as(stopped.toString()).startsWith("run " + run + " of team slow: stopped (resume with "
                    + "synod resume " + run + ")").containsPattern("notes  attempt 1  stopped  by writer");
            JsonNode after = new ObjectMapper().readTree(Run.synod("status", "--dir", dir.toString(), "--json").out());
            assertThat(after.get("state").asText()).isEqualTo("stopped");
            assertThat(after.get("pid").isNull()).isTrue();
            assertThat(after.get("steps").get(0).get("since").isNull()).isTrue();
        } finally {
            child.process().destroyForcibly();
        }
    }
}
