package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlobalOptionsTest {

    @Test
    void version_prints_the_maven_project_version() {
        Run run = Run.synod("--version");

        assertThat(run.exit()).isZero();
        // Surefire passes the pom's version, so this fails if the version is hard-coded anywhere.
        assertThat(run.out()).isEqualTo("synod " + System.getProperty("synod.project.version") + System.lineSeparator());
        assertThat(run.out()).matches("synod \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void help_lists_every_command() {
        Run run = Run.synod("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("check", "fmt", "project", "graph", "init", "--debug", "Exit status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "fmt", "project", "graph", "init"})
    void every_command_has_help(String command) {
        Run run = Run.synod(command, "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: synod " + command);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void no_command_is_bad_usage() {
        Run run = Run.synod();

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "synod: missing command: one of check, fmt, project, graph, init, run, resume, status, log, show, replay, answer",
                "Try 'synod --help' for more information.");
    }

    @Test
    void unknown_option_is_one_line_and_a_hint_without_stack_trace() {
        Run run = Run.synod("check", "--frobnicate", "team.synod");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines()[0]).startsWith("synod: ").contains("--frobnicate");
        assertThat(run.errLines()[1]).isEqualTo("Try 'synod check --help' for more information.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknown_command_is_bad_usage() {
        Run run = Run.synod("chek", "team.synod");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("chek").doesNotContain("\tat ");
    }

    @Test
    void debug_shows_the_stack_trace_of_bad_usage() {
        Run run = Run.synod("--debug", "check", "--frobnicate", "team.synod");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("\tat ");
    }
}
