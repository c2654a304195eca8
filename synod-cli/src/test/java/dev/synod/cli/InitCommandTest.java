package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.lang.ParseResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    @TempDir
    Path dir;

    @Test
    void scaffolds_three_files_in_a_new_directory() throws IOException {
        Path project = dir.resolve("new/project");

        Run run = Run.synod("init", project.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(project.resolve("team.synod")).isRegularFile();
        assertThat(project.resolve("PROMPT.md")).isRegularFile();
        assertThat(project.resolve("synod.yaml")).isRegularFile();
        assertThat(run.out()).contains("created " + project.resolve("team.synod"),
                "created " + project.resolve("PROMPT.md"), "created " + project.resolve("synod.yaml"),
                "next: synod check " + project.resolve("team.synod"));
    }

    @Test
    void the_scaffolded_team_parses_without_diagnostics() throws IOException {
        Run.synod("init", dir.toString());
        Path team = dir.resolve("team.synod");

        ParseResult parsed = Synod.parse(new SourceFile(team.toString(), Files.readString(team)));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.file().team().name().text()).isEqualTo("app");
    }

    @Test
    void refuses_to_overwrite_and_names_every_existing_file() throws IOException {
        Teams.write(dir, "team.synod", "mine\n");
        Teams.write(dir, "synod.yaml", "models: {}\n");

        Run run = Run.synod("init", dir.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "synod: init would overwrite team.synod, synod.yaml in '" + dir + "'; nothing was written");
        assertThat(Files.readString(dir.resolve("team.synod"))).isEqualTo("mine\n");
        assertThat(dir.resolve("PROMPT.md")).doesNotExist();
    }

    @Test
    void a_second_init_changes_nothing() throws IOException {
        assertThat(Run.synod("init", dir.toString()).exit()).isZero();
        Files.writeString(dir.resolve("PROMPT.md"), "Build a bank.\n");

        Run run = Run.synod("init", dir.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("team.synod, PROMPT.md, synod.yaml");
        assertThat(Files.readString(dir.resolve("PROMPT.md"))).isEqualTo("Build a bank.\n");
    }

    @Test
    void a_file_where_the_directory_should_be_is_exit_2() {
        Path file = Teams.write(dir, "plain.txt", "x\n");

        Run run = Run.synod("init", file.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "synod: cannot initialise '" + file + "': it is a file, expected a directory");
    }

    @Test
    @Tag("needs-lang")
    void the_scaffold_passes_check_with_its_synod_yaml() {
        Run.synod("init", dir.toString());

        Run run = Run.synod("check", dir.resolve("team.synod").toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(dir.resolve("team.synod") + ": ok" + System.lineSeparator());
    }

    @Test
    @Tag("needs-lang")
    void the_scaffold_is_in_canonical_form() {
        Run.synod("init", dir.toString());

        Run run = Run.synod("fmt", "--check", dir.resolve("team.synod").toString());

        assertThat(run.exit()).as(run.toString()).isZero();
    }
}
