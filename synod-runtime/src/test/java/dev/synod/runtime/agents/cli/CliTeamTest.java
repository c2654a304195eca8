package dev.synod.runtime.agents.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.core.SynodException;
import dev.synod.runtime.Runs;
import dev.synod.runtime.engine.Engine;
import dev.synod.runtime.workspace.GitRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Small teams of CLI agents run end to end through {@link Runs}: real processes, a real repository. */
class CliTeamTest {
    @TempDir
    Path dir;

    /** Outside the project, so that what the agents write about themselves is no part of any commit. */
    @TempDir
    Path scratch;

    private static String team(String within) {
        return """
                synod 1
                team notes {
                  defaults within %s retry 0
                  role writer model coder
                  role reader model coder
                  writer -> reader : notes "notes/**"
                    gate exists
                }
                """.formatted(within);
    }

    private void project(String within, String config, String script) throws Exception {
        Files.writeString(dir.resolve("README.md"), "a project\n");
        Files.writeString(dir.resolve("team.synod"), team(within));
        Files.writeString(dir.resolve("synod.yaml"), config);
        Scripts.write(dir, "agent.sh", script);
    }

    private static final String CONFIG = """
            models:
              coder: { provider: cli, command: ["./agent.sh"], prompt: stdin }
            sandbox: none
            """;

    private Engine.Result run() {
        try (Runs runs = Runs.openOrCreate(dir, Clock.SYSTEM)) {
            return runs.start(new Engine.Options(true, false, Duration.ofMillis(20)), line -> { }, id -> { });
        }
    }

    private Map<String, String> release(String branch) {
        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            Map<String, String> files = new TreeMap<>();
            repo.read(repo.branch(branch).orElseThrow()).forEach((path, bytes) -> files.put(path,
                    new String(bytes, StandardCharsets.UTF_8)));
            return files;
        }
    }

    private List<Event> events() {
        try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
            return runs.events(runs.resolve(Optional.empty()));
        }
    }

    @Test
    void the_files_a_cli_agent_leaves_are_committed_and_reach_the_release_branch() throws Exception {
        project("1m", CONFIG, """
                mkdir -p notes
                cat > notes/PROMPT.md
                echo "$SYNOD_ROLE wrote $SYNOD_ARTIFACT in attempt $SYNOD_ATTEMPT" > notes/who.txt
                echo "wrote the notes"
                """);

        Engine.Result result = run();

        assertThat(result).isInstanceOf(Engine.Result.Finished.class);
        Engine.Result.Finished finished = (Engine.Result.Finished) result;
        assertThat(finished.succeeded()).as(finished.reason()).isTrue();
        Map<String, String> files = release(finished.branch());
        assertThat(files).containsEntry("notes/who.txt", "writer wrote notes in attempt 1\n").containsKey("README.md");
        assertThat(files.get("notes/PROMPT.md")).startsWith("# Produce `notes` (attempt 1)").contains("- `notes/**`");
        Event.Outcome.Produced produced = events().stream().filter(e -> e instanceof Event.AgentFinished)
                .map(e -> ((Event.AgentFinished) e).outcome()).filter(o -> o instanceof Event.Outcome.Produced)
                .map(o -> (Event.Outcome.Produced) o).findFirst().orElseThrow();
        assertThat(produced.summary()).startsWith("wrote the notes");
        Matcher hash = Pattern.compile("transcript: synod show ([0-9a-f]{64})").matcher(produced.summary());
        assertThat(hash.find()).isTrue();
        Path blob = dir.resolve(".synod/blobs").resolve(hash.group(1).substring(0, 2)).resolve(hash.group(1).substring(2));
        assertThat(blob).exists();
    }

    @Test
    void without_the_sandbox_every_start_of_a_cli_agent_prints_a_warning() throws Exception {
        project("1m", CONFIG, """
                mkdir -p notes
                echo hi > notes/a.txt
                """);
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(((Engine.Result.Finished) run()).succeeded()).isTrue();
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("warning: sandbox: none — running ")
                .contains("(coder)").contains("without isolation");
    }

    @Test
    void a_cli_agent_that_exits_nonzero_fails_the_run_with_its_last_output() throws Exception {
        project("1m", CONFIG, """
                echo "connecting to the model"
                echo "cannot reach the model: connection refused" >&2
                exit 4
                """);

        Engine.Result.Finished finished = (Engine.Result.Finished) run();

        assertThat(finished.succeeded()).isFalse();
        assertThat(finished.reason()).contains("exited with status 4", "cannot reach the model: connection refused");
    }

    @Test
    @Timeout(60)
    void a_slow_agent_that_keeps_printing_is_not_timed_out() throws Exception {
        // within 1s, but a line every 300 ms for about 2 s: never a second without a sign of life.
        project("1s", CONFIG, """
                i=0
                while [ $i -lt 7 ]; do echo "step $i"; sleep 0.3; i=$((i+1)); done
                mkdir -p notes && echo done > notes/NOTES.md
                """);

        Engine.Result.Finished finished = (Engine.Result.Finished) run();

        assertThat(finished.succeeded()).as(finished.reason()).isTrue();
        assertThat(release(finished.branch())).containsEntry("notes/NOTES.md", "done\n");
    }

    @Test
    @Timeout(60)
    void a_silent_agent_past_its_within_is_timed_out_and_its_process_tree_killed() throws Exception {
        Path pids = scratch.resolve("pids.txt");
        project("1s", CONFIG, """
                echo $$ >> %1$s
                sleep 300 &
                echo $! >> %1$s
                sh -c 'sleep 301 & echo $! >> %1$s; wait' &
                echo $! >> %1$s
                sleep 3
                mkdir -p notes && echo late > notes/NOTES.md
                """.formatted(pids));

        Engine.Result.Finished finished = (Engine.Result.Finished) run();

        assertThat(finished.succeeded()).isFalse();
        assertThat(events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.AgentFinished.class,
                a -> assertThat(a.outcome()).isInstanceOf(Event.Outcome.TimedOut.class)));
        for (long pid : Scripts.pids(pids, 4, Duration.ofSeconds(5))) {
            assertThat(Scripts.stops(pid, Duration.ofSeconds(5))).as("process %d stopped", pid).isTrue();
        }
    }

    @Test
    void a_program_that_cannot_start_fails_the_step_after_one_attempt() throws Exception {
        project("1m", CONFIG, "");
        Files.writeString(dir.resolve("team.synod"), team("1m").replace("retry 0", "retry 2"));
        // Executable, so the check before the run accepts it; its interpreter does not exist, so it never starts.
        Files.writeString(dir.resolve("agent.sh"), "#!/nonexistent/interpreter\necho never\n");

        Engine.Result.Finished finished = (Engine.Result.Finished) run();

        assertThat(finished.succeeded()).isFalse();
        assertThat(finished.reason()).contains("cannot run", "could not start", "check models.coder.command");
        assertThat(events().stream().filter(e -> e instanceof Event.Started s
                && s.command() instanceof dev.synod.core.Command.RunAgent)).as("attempts started").hasSize(1);
    }

    @Test
    void a_reviewer_whose_program_cannot_start_fails_the_step_after_one_attempt() throws Exception {
        // Not a rejection: a reviewer that cannot run would reject every attempt until they run out.
        project("1m", """
                models:
                  coder: { provider: cli, command: ["./agent.sh"], prompt: stdin }
                  critic: { provider: cli, command: ["./critic.sh"], prompt: stdin }
                sandbox: none
                """, """
                mkdir -p notes
                echo hi > notes/a.txt
                """);
        Files.writeString(dir.resolve("team.synod"), team("1m").replace("retry 0", "retry 2")
                .replace("role reader model coder", "role reader model coder\n  role critic model critic")
                .replace("gate exists", "gate exists\n    review critic"));
        Scripts.write(dir, "critic.sh", "");
        Files.writeString(dir.resolve("critic.sh"), "#!/nonexistent/interpreter\necho never\n");

        Engine.Result.Finished finished = (Engine.Result.Finished) run();

        assertThat(finished.succeeded()).isFalse();
        assertThat(finished.reason()).contains("cannot run", "reviewer critic", "could not start",
                "check models.critic.command");
        assertThat(events().stream().filter(e -> e instanceof Event.Started s
                && s.command() instanceof dev.synod.core.Command.RunAgent)).as("attempts started").hasSize(1);
    }

    @Test
    void a_broken_cli_setting_stops_the_run_before_anything_starts() throws Exception {
        project("1m", """
                models:
                  coder: { provider: cli, command: "claude -p" }
                sandbox: none
                """, "touch started\n");

        assertThatThrownBy(this::run).isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(dir.resolve("synod.yaml") + ":2:27: models.coder.command: expected a list of arguments such as "
                        + "[\"claude\", \"-p\"] (write it as a list), found 'claude -p'");
        assertThatThrownBy(() -> {
            try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
                runs.resolve(Optional.empty());
            }
        }).hasMessageContaining("no runs");
    }

    @Test
    void in_the_sandbox_a_cli_agent_writes_its_workspace_and_sees_nothing_else_of_the_project() throws Exception {
        project("1m", """
                models:
                  coder: { provider: cli, command: ["./agent.sh"] }
                """, """
                mkdir -p notes
                echo written > notes/a.txt
                echo leaked > ../../../escaped.txt 2>/dev/null || true
                cat ../../../synod.yaml > notes/seen.txt 2>/dev/null || echo unseen > notes/seen.txt
                echo done
                """);

        Engine.Result.Finished finished = (Engine.Result.Finished) run();

        assertThat(finished.succeeded()).as(finished.reason()).isTrue();
        assertThat(release(finished.branch())).containsEntry("notes/a.txt", "written\n")
                .containsEntry("notes/seen.txt", "unseen\n");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }
}
