package dev.synod.runtime.agents.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.synod.core.SynodException;
import dev.synod.runtime.config.ModelAlias;
import dev.synod.runtime.config.SynodConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of a cli model alias: every mistake is a one-line message naming the file and the key. */
class CliSettingsTest {
    private static final Path FILE = Path.of("/project/synod.yaml");

    @TempDir
    Path dir;

    private static Map<String, Object> settings(Object... keyValues) {
        Map<String, Object> out = new HashMap<>();
        out.put("provider", "cli");
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    /** The settings as a synod.yaml would hold them, read by the one reader of that file. */
    private static CliSettings parse(Map<String, Object> settings) {
        String yaml;
        try {
            yaml = new ObjectMapper(new YAMLFactory()).writeValueAsString(Map.of("models", Map.of("coder", settings)));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        return ((ModelAlias.Cli) SynodConfig.parse(yaml, FILE).model("coder")).settings();
    }

    private static void rejects(Map<String, Object> settings, String... fragments) {
        assertThatThrownBy(() -> parse(settings))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageStartingWith(FILE + ":")
                .hasMessageContainingAll(fragments)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void reads_a_full_setting_and_defaults_the_prompt_to_stdin() {
        CliSettings full = parse(settings("command", List.of("aider", "--message-file", "{prompt-file}"),
                "prompt", "file", "env", List.of("OPENAI_API_KEY"), "timeout", "20m"));
        CliSettings bare = parse(settings("command", List.of("claude", "-p")));

        assertThat(full).isEqualTo(new CliSettings(List.of("aider", "--message-file", "{prompt-file}"), CliSettings.Prompt.FILE,
                List.of("OPENAI_API_KEY"), Optional.of(Duration.ofMinutes(20))));
        assertThat(bare).isEqualTo(new CliSettings(List.of("claude", "-p"), CliSettings.Prompt.STDIN, List.of(), Optional.empty()));
    }

    @Test
    void rejects_a_missing_command() {
        rejects(settings(), "models.coder.command: expected a list of arguments such as [\"claude\", \"-p\"], found nothing");
    }

    @Test
    void rejects_a_command_written_as_one_string() {
        rejects(settings("command", "claude -p"), "models.coder.command:", "(write it as a list), found 'claude -p'");
    }

    @Test
    void rejects_an_empty_command_and_an_argument_that_is_not_a_string() {
        rejects(settings("command", List.of()), "models.coder.command: expected a program and its arguments", "found an empty list");
        rejects(settings("command", List.of("claude", 3)), "models.coder.command[1]: expected a string, found 3");
    }

    @Test
    void rejects_an_unknown_key() {
        rejects(settings("command", List.of("claude"), "promt", "stdin"), "models.coder.promt: unknown key; did you mean 'prompt'?",
                "takes command, env, prompt, provider, timeout");
    }

    @Test
    void rejects_an_unknown_prompt_mode() {
        rejects(settings("command", List.of("claude"), "prompt", "pipe"), "models.coder.prompt: expected one of arg, file, stdin, found 'pipe'");
    }

    @Test
    void rejects_the_prompt_file_placeholder_without_prompt_file() {
        rejects(settings("command", List.of("aider", "--message-file", "{prompt-file}")), "uses {prompt-file}",
                "only prompt: file provides", "found prompt: stdin");
    }

    @Test
    void rejects_env_that_is_not_a_list_of_names() {
        rejects(settings("command", List.of("claude"), "env", "ANTHROPIC_API_KEY"), "models.coder.env: expected a list of variable names");
        rejects(settings("command", List.of("claude"), "env", List.of("ANTHROPIC API KEY")),
                "found an entry of 17 characters that is not one (not shown, in case it is a secret)");
        rejects(settings("command", List.of("claude"), "env", List.of("SYNOD_RUN")), "Synod sets the SYNOD_ variables itself");
    }

    @Test
    void rejects_a_timeout_that_is_not_a_duration() {
        rejects(settings("command", List.of("claude"), "timeout", 600), "models.coder.timeout: expected a duration such as 500ms, 90s, 2m or 1h, found 600");
        rejects(settings("command", List.of("claude"), "timeout", "0s"), "found '0s'");
    }

    @Test
    void resolves_a_bare_program_on_the_path_and_a_relative_one_against_the_directory() throws Exception {
        Path bin = dir.resolve("bin");
        Scripts.write(bin, "coding-agent", "exit 0\n");
        Scripts.write(dir, "agent.sh", "exit 0\n");
        Map<String, String> env = Map.of("PATH", "/nowhere:" + bin);

        CliSettings bare = parse(settings("command", List.of("coding-agent", "-p")))
                .checkedAgainst(FILE, "coder", dir, env);
        CliSettings relative = parse(settings("command", List.of("./agent.sh")))
                .checkedAgainst(FILE, "coder", dir, env);

        assertThat(bare.command()).containsExactly(bin.resolve("coding-agent").toString(), "-p");
        assertThat(relative.command()).containsExactly(dir.resolve("agent.sh").toString());
    }

    @Test
    void rejects_a_program_that_is_not_there_and_a_key_that_is_not_set() {
        CliSettings settings = parse(settings("command", List.of("no-such-agent-cli"),
                "env", List.of("ANTHROPIC_API_KEY")));

        assertThatThrownBy(() -> settings.checkedAgainst(FILE, "coder", dir, Map.of("PATH", "/usr/bin")))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(FILE + ": 'models.coder.env' passes ANTHROPIC_API_KEY to the agent, but it is not set in Synod's environment");
        assertThatThrownBy(() -> settings.checkedAgainst(FILE, "coder", dir, Map.of("PATH", "/usr/bin", "ANTHROPIC_API_KEY", "k")))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(FILE + ": 'models.coder.command' runs 'no-such-agent-cli', which is not a program on the PATH");
        assertThatThrownBy(() -> parse(settings("command", List.of("./missing.sh")))
                .checkedAgainst(FILE, "coder", dir, Map.of()))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(FILE + ": 'models.coder.command' runs './missing.sh', but " + dir.resolve("missing.sh") + " does not exist");
    }
}
