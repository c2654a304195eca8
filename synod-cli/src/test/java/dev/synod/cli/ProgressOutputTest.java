package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.runtime.Runs;
import dev.synod.runtime.engine.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code synod run} prints where output is not a terminal, the summary it ends with, and
 * Ctrl-C: a real run of examples/notes (scripted agents), and a real child process stopped with
 * SIGINT and then resumed.
 */
class ProgressOutputTest {
    private static final Path NOTES = Path.of("..", "examples", "notes").toAbsolutePath().normalize();
    private static final String STAMP = "\\d\\d:\\d\\d:\\d\\d  ";

    @TempDir
    Path tmp;

    @Test
    void without_a_terminal_each_event_prints_one_timestamped_line_and_the_end_prints_once() throws Exception {
        Path dir = ExamplesTest.copy(NOTES, tmp.resolve("notes"));

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        String id = lines.getFirst().substring("run ".length());
        List<String> stamped = lines.stream().filter(l -> l.matches(STAMP + ".*")).toList();
        // Every line between the run's id and its end is timestamped, one per event worth a line, in journal order.
        assertThat(lines.subList(1, lines.size() - 2)).isEqualTo(stamped);
        try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
            dev.synod.core.Plan plan = runs.state(id).plan();
            List<String> described = runs.events(id).stream().map(e -> Timeline.describe(e, plan)).filter(Objects::nonNull)
                    .toList();
            assertThat(stamped.stream().map(l -> l.substring(10)).toList()).isEqualTo(described);
        }
        assertThat(lines.get(lines.size() - 2)).isEqualTo("succeeded: every accepted artifact is on branch synod/" + id);
        assertThat(run.out().lines().filter(l -> l.startsWith("succeeded"))).hasSize(1);
    }

    @Test
    void the_summarys_figures_are_those_of_synod_status_json() throws Exception {
        Path dir = ExamplesTest.copy(NOTES, tmp.resolve("notes"));

        Run run = Run.synod("run", dir.toString(), "--yes");
        Run status = Run.synod("status", "--dir", dir.toString(), "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(status.out());
        int steps = json.get("steps").size();
        int accepted = 0;
        int attempts = 0;
        for (JsonNode s : json.get("steps")) {
            accepted += s.get("status").asText().equals("accepted") ? 1 : 0;
            attempts += s.get("attempt").asInt();
        }
        String summary = run.out().lines().toList().getLast();
        // examples/notes: section[editor1] is retried once, section[editor2] once and then escalated to the lead.
        assertThat(summary).startsWith(accepted + " of " + steps + " steps accepted, " + attempts + " attempts (2 retries, "
                + "1 escalation), " + json.get("decisions").size() + " decision, " + json.get("tokens").asLong() + " tokens, "
                + Timeline.money(json.get("usd").asDouble()) + ", wall time ");
        assertThat(summary).startsWith("5 of 5 steps accepted, 7 attempts");
    }

    @Test
    void ctrl_c_stops_the_run_cleanly_with_130_and_synod_resume_completes_it() throws Exception {
        Path dir = ExamplesTest.copy(NOTES, tmp.resolve("notes"));
        Path script = dir.resolve("agents.yaml");
        String fast = Files.readString(script);
        // The writer's outline takes a minute: long enough to be stopped while it works.
        Files.writeString(script, fast.replace("summary: outline written", "summary: outline written\n        sleep: 60s"));
        Path out = tmp.resolve("child.out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), SynodCli.class.getName(),
                "run", ".", "--yes"));
        Process child = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            awaitLine(child, out, "outline: attempt 1 by writer started");

            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("synod stopped after SIGINT").isTrue();
        } finally {
            child.destroyForcibly();
        }

        String printed = Files.readString(out);
        String id = printed.lines().findFirst().orElseThrow().substring("run ".length());
        assertThat(child.exitValue()).as(printed).isEqualTo(130);
        assertThat(printed).contains("stopped; resume with synod resume " + id + "\n");
        try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
            // The writer's attempt was in flight: its intent is journaled, no result of it is.
            assertThat(runs.events(id)).noneMatch(e -> e instanceof Event.AgentFinished)
                    .anyMatch(e -> e instanceof Event.Started s && s.command().id().equals("agent:outline#1"));
        }

        Files.writeString(script, fast);
        Run resumed = Run.synod("resume", id, "--dir", dir.toString(), "--yes");

        // The lock was released: resume takes it, runs the outline again and completes the run.
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("resuming agent:outline#1")
                .contains("succeeded: every accepted artifact is on branch synod/" + id);
    }

    /** Waits until the child has printed {@code text}, reading its output file as it grows. */
    private static void awaitLine(Process child, Path out, String text) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(out) && Files.readString(out).contains(text)) {
                return;
            }
            assertThat(child.isAlive()).as("synod is running: " + (Files.exists(out) ? Files.readString(out) : "")).isTrue();
            child.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("synod never printed \"" + text + "\": " + Files.readString(out));
    }
}
