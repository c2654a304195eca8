package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
    @TempDir
    Path dir;

    @Test
    void syntax_errors_are_reported_on_stderr_and_exit_1() {
        Path team = Teams.write(dir, "team.synod", Teams.SYNTAX_ERROR);

        Run run = Run.synod("graph", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(team + ":6:8: error[S001]: ");
    }

    @Test
    void missing_file_is_exit_2() {
        Run run = Run.synod("graph", dir.resolve("none.synod").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("no such file");
    }

    @Test
    void unknown_format_is_bad_usage() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("graph", "--format", "svg", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("expected one of mermaid, dot, found 'svg'");
    }

    @Test
    @Tag("needs-lang")
    void mermaid_is_the_default() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("graph", team.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("sequenceDiagram").contains("writer").contains("reader").contains("notes");
    }

    @Test
    @Tag("needs-lang")
    void dot_draws_roles_and_artifacts() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("graph", "--format", "dot", team.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("(?m)^(strict )?digraph\\b").contains("writer", "reader", "notes");
    }
}
