package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.runtime.engine.RunLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synod run | resume | status | log | replay | answer} in process, on the scripted crash team. */
class RunCommandsTest {
    @TempDir
    Path dir;

    private Path team() throws IOException {
        for (String file : List.of("team.synod", "synod.yaml", "agents.yaml")) {
            try (InputStream in = RunCommandsTest.class.getResourceAsStream("/crash/" + file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
        return dir;
    }

    @Test
    void run_prints_the_run_id_first_and_ends_on_the_release_branch() throws IOException {
        team();
        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        String id = run.out().lines().findFirst().orElseThrow();
        assertThat(id).matches("run r\\d{8}-\\d{6}-[0-9a-f]{4}");
        assertThat(run.out()).contains("section[editor1]#1: gate exists: fail: notes/editor1/**:1:1: no non-empty file matches")
                .contains("succeeded: every accepted artifact is on branch synod/" + id.substring(4));

        Run status = Run.synod("status", "--dir", dir.toString());
        assertThat(status.out()).contains(": succeeded").containsPattern("section\\[editor2\\]\\s+attempt 3\\s+accepted\\s+by lead");
        Run json = Run.synod("status", "--dir", dir.toString(), "--json");
        assertThat(json.out()).contains("\"status\" : \"succeeded\"").contains("\"teams\" : [ ]");
        Run log = Run.synod("log", "--dir", dir.toString());
        assertThat(log.out()).contains("section[editor2]#2: crashed: garbage").contains("notes/editor1/**:1:1");
        Run replay = Run.synod("replay", "--dir", dir.toString());
        assertThat(replay.exit()).as(replay.toString()).isZero();
        assertThat(replay.out()).contains("events replay to identical commands");
    }

    @Test
    void run_with_merge_brings_the_release_into_the_current_branch() throws Exception {
        team();
        Run run = Run.synod("run", dir.toString(), "--yes", "--merge");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("into main (fast-forward)");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(dir.toFile())) {
            String id = run.out().lines().findFirst().orElseThrow().substring(4);
            assertThat(git.getRepository().resolve("main")).isEqualTo(git.getRepository().resolve("synod/" + id));
            assertThat(git.status().call().isClean()).isTrue();
        }
        // the project's own working tree now holds the accepted artifacts
        assertThat(dir.resolve("notes/BOOK.md")).exists();
    }

    @Test
    void a_person_answers_a_waiting_run_from_another_command() throws Exception {
        team();
        CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> Run.synod("run", dir.toString()));
        Run answer;
        do {
            // The run journals its question to a person once the book passes its gate.
            answer = Run.synod("answer", "--dir", dir.toString(), "book", "--approve", "--comment", "good");
        } while (answer.exit() != 0 && !running.isDone());

        assertThat(answer.out()).contains("answered book of run");
        Run run = running.get(60, TimeUnit.SECONDS);
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Run.synod("log", "--dir", dir.toString()).out()).contains("book#1: a person approved: good");
    }

    @Test
    void a_team_file_with_errors_is_refused_with_its_diagnostics() throws IOException {
        team();
        Files.writeString(dir.resolve("team.synod"), Files.readString(dir.resolve("team.synod")).replace("gate exists", ""));
        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error[S020]").contains("has errors; fix them before running");
        assertThat(dir.resolve(".git")).doesNotExist();
    }

    @Test
    void a_missing_team_file_is_bad_input() {
        Run run = Run.synod("run", dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("synod: no team.synod in " + dir + "; create one with synod init"
                + System.lineSeparator());
    }

    @Test
    void a_wrong_key_in_synod_yaml_names_the_key_and_what_was_expected() throws IOException {
        team();
        Files.writeString(dir.resolve("synod.yaml"), "models:\n  scripted: { provider: scripted, script: agents.yaml }\n"
                + "budget: { tokens: lots }\n");
        Run run = Run.synod("run", dir.toString(), "--yes");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("synod.yaml:3:11: budget.tokens: expected a whole number of tokens, at least 0, found 'lots'");
    }

    @Test
    void an_unknown_run_is_bad_input_and_lists_the_runs() throws IOException {
        team();
        Run.synod("run", dir.toString(), "--yes");
        Run run = Run.synod("status", "--dir", dir.toString(), "r-nope");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no run 'r-nope' in").contains("its runs are r");
    }

    @Test
    void a_corrupted_journal_is_reported_and_left_as_it_is() throws IOException {
        team();
        Run.synod("run", dir.toString(), "--yes");
        Path db = dir.resolve(".synod/synod.db");
        byte[] whole = Files.readAllBytes(db);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        Files.deleteIfExists(dir.resolve(".synod/synod.db-wal"));
        Files.write(db, truncated);

        Run run = Run.synod("status", "--dir", dir.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("synod: cannot trust the stored run:").doesNotContain("Exception");
        assertThat(Files.readAllBytes(db)).isEqualTo(truncated);
    }

    @Test
    void a_second_run_in_an_active_directory_is_refused() throws IOException {
        team();
        try (RunLock held = RunLock.acquire(dir.resolve(".synod/lock"), dir.toAbsolutePath().normalize().toString())) {
            Run run = Run.synod("run", dir.toString(), "--yes");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("another synod run is active in");
        }
    }

    @Test
    void resume_of_a_finished_run_reports_its_outcome_without_running_anything() throws IOException {
        team();
        Run.synod("run", dir.toString(), "--yes");
        long events = Run.synod("log", "--dir", dir.toString()).out().lines().count();

        Run resume = Run.synod("resume", "--dir", dir.toString(), "--yes");

        assertThat(resume.exit()).as(resume.toString()).isZero();
        assertThat(resume.out()).contains("succeeded");
        assertThat(Run.synod("log", "--dir", dir.toString()).out().lines().count()).isEqualTo(events);
    }
}
