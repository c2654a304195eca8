package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synod check} on input it cannot use: these never reach the checker. */
class CheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void missing_file_is_exit_2_with_one_line() {
        Path missing = dir.resolve("nothing.synod");

        Run run = Run.synod("check", missing.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("synod: cannot read '" + missing + "': no such file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void a_directory_is_exit_2() {
        Run run = Run.synod("check", dir.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("synod: cannot read '" + dir + "': it is a directory, expected a file");
    }

    @Test
    void text_that_is_not_utf8_is_exit_2() throws IOException {
        Path latin1 = dir.resolve("team.synod");
        Files.write(latin1, new byte[] {'s', 'y', 'n', 'o', 'd', ' ', '1', '\n', (byte) 0xE9, '\n'});

        Run run = Run.synod("check", latin1.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "synod: cannot read '" + latin1 + "': not valid UTF-8 (bad byte at offset 8)");
    }

    @Test
    void one_unreadable_file_among_several_fails_before_any_output() {
        Path valid = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("check", valid.toString(), dir.resolve("gone.synod").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("gone.synod': no such file");
    }

    @Test
    void models_given_as_a_list_is_exit_2_naming_file_key_and_expectation() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);
        Teams.write(dir, "synod.yaml", "models:\n  - default\n  - critic\n");

        Run run = Run.synod("check", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("synod: " + dir.resolve("synod.yaml")
                + ":1:1: models: expected a mapping of alias names to model settings, found a list");
    }

    @Test
    void yaml_that_does_not_parse_is_exit_2_with_its_position() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);
        Teams.write(dir, "synod.yaml", "models:\n  default: { provider: openai\n");

        Run run = Run.synod("check", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("synod: " + dir.resolve("synod.yaml") + ":2:30: not valid YAML: while"
                + " parsing a flow mapping: expected ',' or '}', but got <stream end>");
    }

    @Test
    void a_config_given_with_the_option_must_exist() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);
        Path config = dir.resolve("elsewhere/synod.yaml");

        Run run = Run.synod("check", "--config", config.toString(), team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("synod: " + config + ": no such file; expected a synod.yaml (synod init writes one)");
    }

    @Test
    void a_bad_config_given_with_the_option_is_exit_2_even_with_a_good_one_beside() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);
        Teams.write(dir, "synod.yaml", "models:\n  default: { provider: openai, model: gpt-4.1-mini }\n");
        Path config = Teams.write(dir, "other/custom.yaml", "gates: make\n");

        Run run = Run.synod("check", "--config", config.toString(), team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("synod: " + config
                + ":1:1: gates: expected a mapping of gate names to gate settings, found 'make'");
    }

    @Test
    void unknown_format_is_bad_usage() {
        Path team = Teams.write(dir, "team.synod", Teams.VALID);

        Run run = Run.synod("check", "--format", "xml", team.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()[0]).isEqualTo(
                "synod: Invalid value for option '--format': expected one of text, json, found 'xml'");
    }

    @Test
    void no_file_is_bad_usage() {
        Run run = Run.synod("check");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()[0]).startsWith("synod: Missing required parameter").contains("FILE");
    }
}
