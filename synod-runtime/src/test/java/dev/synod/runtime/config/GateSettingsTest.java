package dev.synod.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.SynodException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateSettingsTest {
    private static final Path FILE = Path.of("synod.yaml");

    private static SynodConfig parse(String yaml) {
        return SynodConfig.parse(yaml, FILE);
    }

    private static void rejects(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(SynodException.InvalidInput.class).hasMessage(message);
    }

    @Test
    void reads_a_custom_gate_with_its_limits() {
        GateSettings typecheck = parse("""
                gates:
                  typecheck: { sh: "npx tsc --noEmit", timeout: 120s, memory: 1g, processes: 64, env: [NODE_OPTIONS] }
                """).gate("typecheck");

        assertThat(typecheck.sh()).hasValue("npx tsc --noEmit");
        assertThat(typecheck.timeout()).hasValue(Duration.ofSeconds(120));
        assertThat(typecheck.memory()).hasValue(1L << 30);
        assertThat(typecheck.processes()).hasValue(64);
        assertThat(typecheck.env()).containsExactly("NODE_OPTIONS");
    }

    @Test
    void reads_the_limits_of_a_built_in_gate_and_defaults_for_the_rest() {
        SynodConfig config = parse("""
                gates:
                  test: { timeout: 15m, memory: 4GiB }
                """);

        assertThat(config.gate("test").timeout()).hasValue(Duration.ofMinutes(15));
        assertThat(config.gate("test").memory()).hasValue(4L << 30);
        assertThat(config.gate("test").sh()).isEmpty();
        assertThat(config.gate("sh")).isEqualTo(GateSettings.DEFAULTS);
    }

    @Test
    void reads_each_unit_of_duration_and_size() {
        assertThat(GateSettings.duration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GateSettings.duration("k", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(GateSettings.size("k", "2048k")).isEqualTo(2L << 20);
        assertThat(GateSettings.size("k", "512M")).isEqualTo(512L << 20);
        assertThat(GateSettings.size("k", "1t")).isEqualTo(1L << 40);
    }

    @Test
    void rejects_a_custom_gate_without_a_command() {
        rejects("gates:\n  typecheck: { timeout: 10s }\n", "synod.yaml: gates.typecheck: a custom gate needs 'sh', the "
                + "command it runs, such as { sh: \"npx tsc --noEmit\" }; found only timeout");
    }

    @Test
    void rejects_a_command_for_a_built_in_gate() {
        rejects("gates:\n  test: { sh: \"make test\" }\n", "synod.yaml: gates.test.sh: test is a built-in gate, which takes "
                + "only timeout, memory, processes and env; give a gate with its own command another name");
    }

    @Test
    void rejects_unknown_keys_and_bad_values_naming_the_key_expected_and_found() {
        rejects("gates:\n  t: { sh: x, cpu: 2 }\n",
                "synod.yaml: gates.t: unknown key 'cpu'; expected one of env, memory, processes, sh, timeout");
        rejects("gates:\n  t: { sh: x, timeout: 120 }\n",
                "synod.yaml: gates.t.timeout must be a duration such as 90s, 10m or 1h, found 120");
        rejects("gates:\n  t: { sh: x, timeout: 0s }\n",
                "synod.yaml: gates.t.timeout must be a positive duration such as 90s, 10m or 1h, found '0s'");
        rejects("gates:\n  t: { sh: x, memory: lots }\n",
                "synod.yaml: gates.t.memory must be a size such as 512m or 2g, found 'lots'");
        rejects("gates:\n  t: { sh: x, memory: 12k }\n",
                "synod.yaml: gates.t.memory must be at least 1m (a gate needs some memory to start), found '12k'");
        rejects("gates:\n  t: { sh: x, processes: 0 }\n",
                "synod.yaml: gates.t.processes must be a whole number of processes, at least 1, found 0");
        rejects("gates:\n  t: { sh: x, env: OPENAI_API_KEY }\n",
                "synod.yaml: gates.t.env must be a list of variable names such as [NODE_OPTIONS], found 'OPENAI_API_KEY'");
        rejects("gates:\n  t: { sh: [make] }\n",
                "synod.yaml: gates.t.sh must be a shell command such as \"npx tsc --noEmit\", found a list");
        rejects("gates:\n  t: { sh: \"  \" }\n", "synod.yaml: gates.t.sh: expected a shell command, found an empty string");
        rejects("gates:\n  exists: { timeout: 1s }\n",
                "synod.yaml: gates.exists: the built-in gate exists runs no command and takes no settings, found timeout");
    }

    @Test
    void a_gate_without_settings_has_none() {
        assertThat(GateSettings.DEFAULTS.env()).isEqualTo(List.of());
    }
}
