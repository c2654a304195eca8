package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmtCommandTest {
    /** {@link Teams#VALID} with its indentation and clause layout scrambled. */
    private static final String SCRAMBLED = """
            synod   1
            team demo {
                  defaults within 10m
            role writer model default
                role reader model default
            writer -> reader : notes "docs/notes.md" gate exists
            }
            """;

    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void unreadable_path_is_exit_2() {
        Path missing = dir.resolve("missing.synod");

        Run run = Run.synod("fmt", missing.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("synod: cannot read '" + missing + "': no such file");
    }

    @Test
    void a_directory_is_exit_2() {
        Run run = Run.synod("fmt", "--check", dir.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("it is a directory");
    }

    @Test
    void syntax_errors_are_reported_and_the_file_is_left_alone() throws IOException {
        Path team = Teams.write(dir, "team.synod", Teams.SYNTAX_ERROR);
        Files.setLastModifiedTime(team, LONG_AGO);

        Run run = Run.synod("fmt", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains(team + ":6:8: error[S001]: ", "  role gate model default", "       ^^^^",
                team + ": 1 error");
        assertThat(Files.readString(team)).isEqualTo(Teams.SYNTAX_ERROR);
        assertThat(Files.getLastModifiedTime(team)).isEqualTo(LONG_AGO);
    }

    @Test
    void a_wrong_header_is_reported_and_the_file_is_left_alone() throws IOException {
        String otherVersion = Teams.VALID.replace("synod 1", "synod 2");
        Path team = Teams.write(dir, "team.synod", otherVersion);

        Run run = Run.synod("fmt", "--check", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("error[S002]");
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(team)).isEqualTo(otherVersion);
    }

    @Test
    @Tag("needs-lang")
    void rewrites_a_file_in_canonical_form_and_then_it_checks_clean() throws IOException {
        Path team = Teams.write(dir, "team.synod", SCRAMBLED);

        Run run = Run.synod("fmt", team.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        String formatted = Files.readString(team);
        assertThat(formatted).isNotEqualTo(SCRAMBLED).startsWith("synod 1\n").contains("\n    gate exists\n");
        Run again = Run.synod("fmt", "--check", team.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).isEmpty();
    }

    @Test
    @Tag("needs-lang")
    void check_lists_files_not_in_canonical_form_and_writes_nothing() throws IOException {
        Path scrambled = Teams.write(dir, "scrambled.synod", SCRAMBLED);
        Path canonical = Teams.write(dir, "canonical.synod", SCRAMBLED);
        assertThat(Run.synod("fmt", canonical.toString()).exit()).isZero();

        Run run = Run.synod("fmt", "--check", canonical.toString(), scrambled.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(scrambled + System.lineSeparator());
        assertThat(Files.readString(scrambled)).isEqualTo(SCRAMBLED);
    }

    @Test
    @Tag("needs-lang")
    void a_canonical_file_is_not_rewritten() throws IOException {
        Path team = Teams.write(dir, "team.synod", SCRAMBLED);
        assertThat(Run.synod("fmt", team.toString()).exit()).isZero();
        Files.setLastModifiedTime(team, LONG_AGO);

        Run run = Run.synod("fmt", team.toString());

        assertThat(run.exit()).isZero();
        assertThat(Files.getLastModifiedTime(team)).isEqualTo(LONG_AGO);
    }
}
