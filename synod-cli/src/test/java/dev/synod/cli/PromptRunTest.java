package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synod run --prompt} runs the built-in default team on a request, with one model alias
 * for every role (here a scripted one that plays the architect, three developers and the lead);
 * {@code synod init --prompt} writes the same team out. A refused start leaves the directory as
 * it was.
 */
class PromptRunTest {
    private static final String REQUEST = "A Java library that converts temperatures between Celsius, Fahrenheit and Kelvin.";

    private static final String AGENTS = """
            architect:
              produce:
                plan:
                  - write: { docs/PLAN.md: "# Plan\\n\\nThree converters behind one API.\\n" }
                    summary: the plan
                api:
                  - write:
                      src/main/java/app/api/Converter.java: |
                        package app.api;

                        /** Converts a temperature from one scale to another. */
                        public interface Converter {
                            /** The temperature {@code value} converted. */
                            double convert(double value);
                        }
                    summary: the API
              decide:
                parts: "dev1 Celsius to Fahrenheit, dev2 Fahrenheit to Kelvin, dev3 Kelvin to Celsius"
                types: "double degrees"
                errors: unchecked exceptions
                libraries: "none"
            lead:
              produce:
                release:
                  - summary: merged the three converters
            """;

    @TempDir
    Path dir;

    @Test
    void the_default_team_runs_a_request_with_one_model_through_its_gates() throws Exception {
        Files.writeString(dir.resolve("synod.yaml"), "models:\n  scripted: { provider: scripted, script: agents.yaml }\n");
        Files.writeString(dir.resolve("agents.yaml"), AGENTS + developer(1, "CelsiusToFahrenheit", "value * 9 / 5 + 32", "100", "212")
                + developer(2, "FahrenheitToKelvin", "(value - 32) * 5 / 9 + 273.15", "32", "273.15")
                + developer(3, "KelvinToCelsius", "value - 273.15", "273.15", "0"));

        Run run = Run.synod("run", "--prompt", REQUEST, "--model", "scripted", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Files.readString(dir.resolve("PROMPT.md"))).isEqualTo(REQUEST + "\n");
        assertThat(Files.readString(dir.resolve("team.synod"))).contains("role dev[3] model scripted");
        JsonNode status = new ObjectMapper().readTree(Run.synod("status", "--dir", dir.toString(), "--json").out());
        assertThat(status.get("status").asText()).isEqualTo("succeeded");
        assertThat(status.get("decisions")).hasSize(4);
        assertThat(status.get("decisions").get(2).get("outcome").asText()).isEqualTo("unchecked exceptions");
        assertThat(ReleaseBranch.file(dir, "docs/decisions/0001-parts.md")).contains("dev1 Celsius to Fahrenheit");
        assertThat(ReleaseBranch.file(dir, "src/main/java/app/dev3/KelvinToCelsius.java")).contains("implements Converter");
        assertThat(ReleaseBranch.file(dir, "src/test/java/app/dev2/FahrenheitToKelvinTest.java")).contains("@Test");
    }

    @Test
    void a_start_refused_for_its_settings_takes_back_the_team_it_wrote() throws Exception {
        // An alias of a provider whose key is not set: the run is refused before it starts.
        Files.writeString(dir.resolve("synod.yaml"),
                "models:\n  default: { provider: openai, model: gpt-4.1-mini, api-key-env: SYNOD_TEST_NO_SUCH_KEY }\n");

        Run run = Run.synod("run", "--prompt", REQUEST, dir.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("SYNOD_TEST_NO_SUCH_KEY");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("synod.yaml");
        }
    }

    @Test
    void a_directory_with_a_team_no_settings_or_an_unknown_alias_is_refused_with_nothing_written() throws Exception {
        Run noSettings = Run.synod("run", "--prompt", REQUEST, dir.toString());
        assertThat(noSettings.exit()).isEqualTo(2);
        assertThat(noSettings.err()).contains("synod.yaml: no such file; --prompt needs a synod.yaml that defines the model "
                + "alias 'default'", "nothing was written");

        Files.writeString(dir.resolve("synod.yaml"), "models:\n  scripted: { provider: scripted, script: agents.yaml }\n");
        Files.writeString(dir.resolve("agents.yaml"), "{}\n");
        Run unknown = Run.synod("run", "--prompt", REQUEST, "--model", "critic", dir.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("defines no model alias 'critic' for --model; expected one of scripted");

        Files.writeString(dir.resolve("team.synod"), "synod 1\n");
        Run existing = Run.synod("run", "--prompt", REQUEST, "--model", "scripted", dir.toString());
        assertThat(existing.exit()).isEqualTo(2);
        assertThat(existing.err()).contains("team.synod already exists");
        assertThat(Files.readString(dir.resolve("team.synod"))).isEqualTo("synod 1\n");
        assertThat(dir.resolve("PROMPT.md")).doesNotExist();
        assertThat(dir.resolve(".git")).doesNotExist();

        Run stray = Run.synod("run", "--model", "scripted", dir.toString());
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.err()).contains("--model goes with --prompt");
    }

    @Test
    void init_writes_the_same_team_out_and_it_checks_clean() throws Exception {
        Run init = Run.synod("init", "--prompt", REQUEST, "--model", "local", dir.toString());

        assertThat(init.exit()).as(init.toString()).isZero();
        assertThat(Files.readString(dir.resolve("PROMPT.md"))).isEqualTo(REQUEST + "\n");
        assertThat(Files.readString(dir.resolve("synod.yaml"))).contains("\n  local: { provider: openai");
        Run check = Run.synod("check", dir.resolve("team.synod").toString());
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out()).contains("team.synod: ok");
        Run fmt = Run.synod("fmt", "--check", dir.resolve("team.synod").toString());
        assertThat(fmt.exit()).as("the default team is in canonical form: " + fmt).isZero();
    }

    private static String developer(int n, String name, String formula, String in, String out) {
        String d = "dev" + n;
        return """
                dev[%1$d]:
                  produce:
                    impl[%2$s]:
                      - write:
                          src/main/java/app/%2$s/%3$s.java: |
                            package app.%2$s;

                            import app.api.Converter;

                            /** %3$s. */
                            public final class %3$s implements Converter {
                                @Override
                                public double convert(double value) {
                                    return %4$s;
                                }
                            }
                          src/test/java/app/%2$s/%3$sTest.java: |
                            package app.%2$s;

                            import static org.junit.jupiter.api.Assertions.assertEquals;

                            import org.junit.jupiter.api.Test;

                            class %3$sTest {
                                @Test
                                void converts() {
                                    assertEquals(%6$s, new %3$s().convert(%5$s), 1e-9);
                                }
                            }
                        summary: %3$s
                """.formatted(n, d, name, formula, in, out);
    }

}
