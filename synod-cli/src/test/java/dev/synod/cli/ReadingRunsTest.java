package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synod log}, {@code synod show} and the run's own output, read by a person, on the scripted crash team. */
class ReadingRunsTest {
    private static final String EMPTY_SECTION = "notes/editor1/**:1:1: no non-empty file matches this glob";

    @TempDir
    Path dir;

    /** The crash team; without the escalation, editor[2]'s two crashes fail the run. */
    private String run(boolean failing) throws IOException {
        for (String file : List.of("team.synod", "synod.yaml", "agents.yaml")) {
            try (InputStream in = ReadingRunsTest.class.getResourceAsStream("/crash/" + file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
        if (failing) {
            Files.writeString(dir.resolve("team.synod"), Files.readString(dir.resolve("team.synod"))
                    .replace("else escalate lead", ""));
        }
        Run run = Run.synod("run", dir.toString(), "--yes");
        assertThat(run.exit()).as(run.toString()).isEqualTo(failing ? 1 : 0);
        return run.out();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void a_success_names_its_branch_once() throws IOException {
        String out = run(false);
        String id = out.lines().findFirst().orElseThrow().substring("run ".length());

        assertThat(count(out, "synod/" + id)).as(out).isEqualTo(1);
        assertThat(out).contains("succeeded: every accepted artifact is on branch synod/" + id);
    }

    @Test
    void a_failure_gives_its_reason_once_and_log_ends_with_it() throws IOException {
        String out = run(true);
        String reason = "hand-off section[editor2] failed after 2 attempts: attempt 2 by editor[2] crashed: garbage";

        assertThat(count(out, reason)).as(out).isEqualTo(1);
        assertThat(out).contains("failed: " + reason);
        String log = Run.synod("log", dir.toString()).out();
        assertThat(count(log, reason)).as(log).isEqualTo(1);
        String status = Run.synod("status", dir.toString()).out();
        assertThat(status).contains(": failed (" + reason + ")").containsPattern("section\\[editor1\\]\\s+attempt 2\\s+cut short");
    }

    @Test
    void log_shows_times_to_the_second_gates_by_name_each_diagnostic_once_and_the_tool_calls_of_each_turn()
            throws IOException {
        run(false);
        Run log = Run.synod("log", dir.toString(), "--utc");

        assertThat(log.exit()).as(log.toString()).isZero();
        List<String> lines = log.out().lines().toList();
        assertThat(lines.get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\(UTC\\)");
        assertThat(lines.get(1)).matches("\\d{2}:\\d{2}:\\d{2}  run r\\S+ of team recovery started from \\w+");
        assertThat(log.out()).doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d").doesNotContain("T1", "T2")
                .contains("section[editor1]#1: gate exists: fail", "section[editor1]#2: gate exists: pass")
                .doesNotContain(":0: gate")
                .contains("outline#1: turn 1 by writer: write_file notes/OUTLINE.md [", "outline#1: turn 2 by writer: finish [")
                .contains("decide:format: turn 1 by lead: decide [");
        assertThat(count(log.out(), EMPTY_SECTION)).as(log.out()).isEqualTo(1);
    }

    @Test
    void log_json_prints_one_journal_event_per_line() throws Exception {
        run(false);
        Run log = Run.synod("log", dir.toString(), "--json");

        List<String> lines = log.out().lines().toList();
        ObjectMapper json = new ObjectMapper();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertThat(event.get("type")).as(line).isNotNull();
            assertThat(event.get("at")).as(line).isNotNull();
        }
        assertThat(json.readTree(lines.get(0)).get("type").asText()).isEqualTo("run-started");
        assertThat(json.readTree(lines.get(lines.size() - 1)).get("type").asText()).isEqualTo("run-finished");
    }

    @Test
    void show_prints_an_attempt_its_turns_and_gates_and_every_blob_it_names_can_be_shown() throws IOException {
        run(false);
        Run show = Run.synod("show", "section[editor1]#1", dir.toString());

        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).contains("Task: produce section[editor1] (attempt 1)", "--- turn 1: answered",
                "call write_file {\"content\":\"\",\"path\":\"notes/editor1/a.md\"}", "--- result of write_file",
                "produced", "=== gate exists (synod show section[editor1]#1:exists)", EMPTY_SECTION);
        Matcher named = Pattern.compile("synod show (\\S+?)\\)").matcher(show.out());
        int shown = 0;
        while (named.find()) {
            Run again = Run.synod("show", named.group(1), "--dir", dir.toString());
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).isNotBlank();
            shown++;
        }
        assertThat(shown).as("turn blobs and the gate named").isGreaterThanOrEqualTo(5);

        Run gate = Run.synod("show", "section[editor1]#1:1", dir.toString());
        assertThat(gate.out()).contains("gate exists of section[editor1]#1", EMPTY_SECTION);
    }

    @Test
    void show_of_a_blob_by_a_prefix_of_its_hash_reads_a_turn_message_by_message() throws Exception {
        run(false);
        JsonNode turn = null;
        for (String line : Run.synod("log", dir.toString(), "--json").out().lines().toList()) {
            JsonNode e = new ObjectMapper().readTree(line);
            if (e.get("type").asText().equals("turn-recorded")) {
                turn = e;
                break;
            }
        }
        assertThat(turn).isNotNull();
        Run answer = Run.synod("show", turn.get("response").asText().substring(0, 12), dir.toString());
        assertThat(answer.out()).as(answer.toString()).contains("--- model", "call write_file", "--- finish reason");
        Run request = Run.synod("show", turn.get("request").asText(), dir.toString());
        assertThat(request.out()).contains("request of turn 1", "--- system", "--- user", "--- tools offered: list_files");
    }

    @Test
    void show_of_a_missing_blob_or_an_unknown_step_is_one_line_and_exit_2() throws IOException {
        run(false);
        Run blob = Run.synod("show", "deadbeefdeadbeef", dir.toString());
        assertThat(blob.exit()).isEqualTo(2);
        assertThat(blob.errLines()).hasSize(1);
        assertThat(blob.err()).startsWith("synod: no blob deadbeefdeadbeef in ");

        Run step = Run.synod("show", "chapter#1", dir.toString());
        assertThat(step.exit()).isEqualTo(2);
        assertThat(step.errLines()).containsExactly("synod: no step 'chapter' in run "
                + Run.synod("status", dir.toString(), "--json").out().replaceAll("(?s).*\"run\" : \"([^\"]+)\".*", "$1")
                + "; its steps are outline, decide:format, section[editor1], section[editor2], section[editor3], book");

        Run attempt = Run.synod("show", "book#4", dir.toString());
        assertThat(attempt.exit()).isEqualTo(2);
        assertThat(attempt.err()).contains("has no attempt 4; its attempts are 1 to 1");
    }
}
