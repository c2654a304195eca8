package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code synod check} and {@code synod run} read synod.yaml with one reader, so they refuse the
 * same files with the same message and accept the same files. The team of the corpus uses only
 * scripted agents and the exists gate, so neither keys nor bubblewrap can be why a run stops.
 */
class ConfigCorpusTest {
    @TempDir
    Path dir;

    static Stream<Path> malformed() throws IOException, URISyntaxException {
        return files("malformed");
    }

    static Stream<Path> valid() throws IOException, URISyntaxException {
        return files("valid");
    }

    private static Stream<Path> files(String kind) throws IOException, URISyntaxException {
        Path root = Path.of(ConfigCorpusTest.class.getResource("/config-corpus/" + kind).toURI());
        try (Stream<Path> list = Files.list(root)) {
            return list.sorted().toList().stream();
        }
    }

    private Path project(Path synodYaml) throws IOException, URISyntaxException {
        Path team = Path.of(ConfigCorpusTest.class.getResource("/config-corpus/team").toURI());
        for (String file : List.of("team.synod", "agents.yaml", "checkstyle.xml")) {
            Files.copy(team.resolve(file), dir.resolve(file));
        }
        Files.copy(synodYaml, dir.resolve("synod.yaml"));
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void check_and_run_refuse_each_malformed_file_with_the_same_message(Path synodYaml) throws Exception {
        Path project = project(synodYaml);

        Run check = Run.synod("check", project.resolve("team.synod").toString());
        Run run = Run.synod("run", project.toString(), "--yes");

        assertThat(check.exit()).as(check.toString()).isEqualTo(2);
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(check.errLines()).as(check.toString()).hasSize(1);
        assertThat(check.errLines()[0]).startsWith("synod: " + project.resolve("synod.yaml"));
        assertThat(run.err()).isEqualTo(check.err());
        assertThat(run.out()).as("a refused run prints no run id").doesNotContain("run r");
        assertThat(check.err()).as("no secret of the file in the message").doesNotContain("hunter2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void check_and_run_accept_each_valid_file(Path synodYaml) throws Exception {
        Path project = project(synodYaml);

        Run check = Run.synod("check", project.resolve("team.synod").toString());
        Run run = Run.synod("run", project.toString(), "--yes");

        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("succeeded");
    }
}
