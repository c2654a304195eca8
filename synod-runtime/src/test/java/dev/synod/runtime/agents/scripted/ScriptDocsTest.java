package dev.synod.runtime.agents.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent scripts the documentation and the examples show load as they are written. */
class ScriptDocsTest {
    @TempDir
    Path dir;

    private static Path repository() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isRegularFile(at.resolve("docs/running.md"))) {
            at = at.getParent();
        }
        assertThat(at).as("docs/running.md in a directory above the working directory").isNotNull();
        return at;
    }

    @Test
    void the_script_of_docs_running_md_loads_and_means_what_it_says() throws Exception {
        String doc = Files.readString(repository().resolve("docs/running.md"));
        int start = doc.indexOf("```yaml\n# agents.yaml");
        assertThat(start).as("the agents.yaml example in docs/running.md").isNotNegative();
        String yaml = doc.substring(doc.indexOf('\n', start) + 1, doc.indexOf("```", start + 7));
        Path file = dir.resolve("agents.yaml");
        Files.writeString(file, yaml);

        AgentScript script = AgentScript.load(file);

        assertThat(script.produce("writer", "outline", 1).orElseThrow()).extracting(t -> t.calls().get(0).name())
                .containsExactly("write_file", "finish");
        assertThat(script.produce("writer", "outline", 2).orElseThrow().get(0).crash()).hasValue("the model answered garbage");
        List<AgentScript.Turn> third = script.produce("writer", "outline", 3).orElseThrow();
        assertThat(third).hasSize(2);
        assertThat(third.get(0).inputTokens()).isEqualTo(1200);
        assertThat(third.get(1).sleep()).hasValue(java.time.Duration.ofSeconds(2));
        assertThat(script.review("writer", "book", 1).orElseThrow().get(0).calls().get(0).name()).isEqualTo("reject");
        assertThat(script.answers("lead")).containsEntry("format", "markdown");
        assertThat(script.decideTurns("lead")).isEqualTo(Optional.empty());
        assertThat(script.answers("critic", 1)).containsEntry("money", "long cents");
        assertThat(script.answers("critic", 5)).containsEntry("money", "BigDecimal");
        assertThat(script.decideCrash("skeptic")).hasValue("the model answered garbage");
    }

    @Test
    void the_scripts_of_the_examples_load() {
        for (String example : List.of("examples/notes/agents.yaml")) {
            AgentScript script = AgentScript.load(repository().resolve(example));
            assertThat(script.produce("lead", "book", 1)).as(example).isPresent();
        }
    }
}
