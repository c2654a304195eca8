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
        assertThat(Units.duration("500ms").orElseThrow()).isEqualTo(Duration.ofMillis(500));
        assertThat(Units.duration("2h").orElseThrow()).isEqualTo(Duration.ofHours(2));
        assertThat(Units.size("2048k").getAsLong()).isEqualTo(2L << 20);
        assertThat(Units.size("512M").getAsLong()).isEqualTo(512L << 20);
        assertThat(Units.size("1t").getAsLong()).isEqualTo(1L << 40);
    }

    @Test
    void rejects_a_custom_gate_without_a_command() {
        rejects("gates:\n  typecheck: { timeout: 10s }\n", "synod.yaml:2:3: gates.typecheck: a custom gate needs 'sh', the "
                + "command it runs, such as { sh: \"npx tsc --noEmit\" }; found only timeout");
    }

    @Test
    void rejects_a_command_for_a_built_in_gate() {
        rejects("gates:\n  test: { sh: \"make test\" }\n", "synod.yaml:2:11: gates.test.sh: test is a built-in gate, which takes "
                + "only timeout, memory, processes and env; give a gate with its own command another name");
    }

    @Test
    void rejects_unknown_keys_and_bad_values_naming_the_key_expected_and_found() {
        rejects("gates:\n  t: { sh: x, cpu: 2 }\n",
                "synod.yaml:2:15: gates.t.cpu: unknown key (a custom gate takes env, memory, processes, sh, timeout)");
        rejects("gates:\n  t: { sh: x, timeout: 120 }\n",
                "synod.yaml:2:15: gates.t.timeout: expected a duration such as 500ms, 90s, 2m or 1h, found 120");
        rejects("gates:\n  t: { sh: x, timeout: 0s }\n",
                "synod.yaml:2:15: gates.t.timeout: expected a duration of at least 1ms, found '0s'");
        rejects("gates:\n  t: { sh: x, memory: lots }\n",
                "synod.yaml:2:15: gates.t.memory: expected a size such as 512k, 100MiB or 4g, found 'lots'");
        rejects("gates:\n  t: { sh: x, memory: 12k }\n",
                "synod.yaml:2:15: gates.t.memory: expected a size of at least 1MiB, found '12k'");
        rejects("gates:\n  t: { sh: x, processes: 0 }\n",
                "synod.yaml:2:15: gates.t.processes: expected a whole number of processes, at least 1, found 0");
        rejects("gates:\n  t: { sh: x, env: OPENAI_API_KEY }\n",
                "synod.yaml:2:15: gates.t.env: expected a list of variable names such as [ANTHROPIC_API_KEY] (write it as a"
                        + " list), found 'OPENAI_API_KEY'");
        rejects("gates:\n  t: { sh: [make] }\n",
                "synod.yaml:2:8: gates.t.sh: expected a shell command such as \"npx tsc --noEmit\", found a list");
        rejects("gates:\n  t: { sh: \"  \" }\n",
                "synod.yaml:2:8: gates.t.sh: expected a shell command such as \"npx tsc --noEmit\", found '  '");
        rejects("gates:\n  exists: { timeout: 1s }\n", "synod.yaml:2:13: gates.exists.timeout: the built-in gate exists runs no"
                + " command and takes no settings; expected {}, found timeout");
    }

    @Test
    void a_gate_without_settings_has_none() {
        assertThat(GateSettings.DEFAULTS.env()).isEqualTo(List.of());
    }
}
