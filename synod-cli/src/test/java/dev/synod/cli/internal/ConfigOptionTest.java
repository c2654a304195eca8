package dev.synod.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.SynodException;
import dev.synod.lang.CheckOptions;
import dev.synod.runtime.config.SynodConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigOptionTest {
    @TempDir
    Path dir;

    @Test
    void without_synod_yaml_aliases_are_unknown_and_the_directory_is_the_files() {
        CheckOptions options = ConfigOption.checkOptions(dir.resolve("team.synod"), Optional.empty());

        assertThat(options.modelAliases()).isEmpty();
        assertThat(options.customGates()).isEmpty();
        assertThat(options.directory()).contains(dir.toAbsolutePath());
    }

    @Test
    void reads_model_aliases_and_gate_names_beside_the_file() throws IOException {
        write("synod.yaml", """
                models:
                  default: { provider: openai, model: gpt-4.1-mini }
                  critic:  { provider: anthropic, model: claude-sonnet-4-5 }
                gates:
                  typecheck: { sh: "npx tsc --noEmit" }
                engine: local
                budget: { tokens: 2000000, usd: 5.00 }
                """);

        CheckOptions options = ConfigOption.checkOptions(dir.resolve("team.synod"), Optional.empty());

        assertThat(options.modelAliases()).hasValueSatisfying(a -> assertThat(a).containsExactlyInAnyOrder("default", "critic"));
        assertThat(options.customGates()).containsExactly("typecheck");
    }

    @Test
    void an_empty_synod_yaml_means_no_aliases_at_all() throws IOException {
        write("synod.yaml", "# nothing yet\n");

        CheckOptions options = ConfigOption.checkOptions(dir.resolve("team.synod"), Optional.empty());

        assertThat(options.modelAliases()).hasValueSatisfying(a -> assertThat(a).isEmpty());
    }

    @Test
    void the_init_template_defines_the_default_model_only() {
        Path yaml = dir.resolve("synod.yaml");
        write(yaml, new String(InitCommand.template("synod.yaml"), java.nio.charset.StandardCharsets.UTF_8));

        SynodConfig config = SynodConfig.load(yaml);

        assertThat(config.models()).containsOnlyKeys("default");
        assertThat(config.gates()).isEmpty();
    }

    @Test
    void rejects_a_model_that_is_not_a_mapping() {
        Path yaml = write("synod.yaml", "models:\n  default: gpt-4.1-mini\n");

        assertThatThrownBy(() -> SynodConfig.load(yaml)).isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(yaml + ":2:3: models.default: expected a mapping of settings such as"
                        + " { provider: openai, model: gpt-4.1-mini }, found 'gpt-4.1-mini'");
    }

    @Test
    void rejects_a_top_level_list() {
        Path yaml = write("synod.yaml", "- models\n");

        assertThatThrownBy(() -> SynodConfig.load(yaml)).isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageStartingWith(yaml + ": (top level): expected a mapping with keys").hasMessageEndingWith("found a list");
    }

    @Test
    void rejects_duplicate_keys() {
        Path yaml = write("synod.yaml", "models:\n  a: { provider: openai, model: m }\n  a: { provider: ollama, model: m }\n");

        assertThatThrownBy(() -> SynodConfig.load(yaml)).isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(yaml + ":3:3: models.a: given twice in one mapping (first at line 2, column 3); keep one");
    }

    @Test
    void an_explicit_config_is_used_even_when_one_sits_beside_the_file() {
        write("synod.yaml", "models:\n  beside: { provider: openai, model: m }\n");
        Path explicit = write("custom.yaml", "models:\n  chosen: { provider: openai, model: m }\n");

        CheckOptions options = ConfigOption.checkOptions(dir.resolve("team.synod"), Optional.of(explicit));

        assertThat(options.modelAliases()).hasValueSatisfying(a -> assertThat(a).containsExactly("chosen"));
    }

    private Path write(String name, String text) {
        return write(dir.resolve(name), text);
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
