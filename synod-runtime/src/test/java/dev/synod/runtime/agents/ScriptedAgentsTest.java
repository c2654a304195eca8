package dev.synod.runtime.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Agent;
import dev.synod.core.SynodException;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.agents.model.ModelAgent;
import dev.synod.runtime.agents.model.TeamView;
import dev.synod.runtime.config.SynodConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provider: scripted} aliases become model agents over the script, with the loop's limits from their settings. */
class ScriptedAgentsTest {
    private static final String TEAM = """
            synod 1
            team t {
              defaults within 1m
              role dev[2] model scripted
              dev[1] -> dev[2] : notes "NOTES.md"
                gate exists
            }
            """;

    @TempDir
    Path dir;

    private TeamModel model() {
        return Synod.check(new SourceFile("team.synod", TEAM), CheckOptions.none()).model().orElseThrow();
    }

    private Map<String, Agent> agents(String settings) {
        SynodConfig config = SynodConfig.parse("models:\n  scripted: " + settings + "\n", dir.resolve("synod.yaml"));
        return Agents.forTeam(model(), config, dir, TeamView.of(model(), Map.of()));
    }

    @Test
    void every_participant_of_a_scripted_alias_is_a_model_agent_with_its_max_turns() throws Exception {
        Files.writeString(dir.resolve("agents.yaml"), """
                dev[1]:
                  produce:
                    notes:
                      - turns:
                          - calls: [ { list_files: {} } ]
                          - calls: [ { list_files: {} } ]
                          - calls: [ { finish: { summary: late } } ]
                """);

        Map<String, Agent> agents = agents("{ provider: scripted, script: agents.yaml, max-turns: 2 }");

        assertThat(agents).containsOnlyKeys("dev[1]", "dev[2]");
        assertThat(agents.values()).allMatch(a -> a instanceof ModelAgent);
        Path workspace = Files.createDirectories(dir.resolve("work"));
        Agent.Outcome outcome = agents.get("dev[1]").perform(new Agent.Assignment("r1", "notes", 1, "dev[1]", "", List.of("NOTES.md"),
                List.of(), List.of(), Map.of(), Duration.ofMinutes(1)), workspace);
        assertThat(outcome).isEqualTo(new Agent.Outcome.Failed("the model did not finish within 2 turns (max-turns of its "
                + "model alias)", dev.synod.core.Event.Usage.NONE));
    }

    @Test
    void a_wrong_max_turns_or_a_missing_script_is_named() throws Exception {
        Files.writeString(dir.resolve("agents.yaml"), "{}\n");

        assertThatThrownBy(() -> agents("{ provider: scripted, script: agents.yaml, max-turns: 0 }"))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(dir.resolve("synod.yaml") + ":2:56: models.scripted.max-turns: expected a whole number of model calls "
                        + "per attempt, at least 1, found 0");
        assertThatThrownBy(() -> agents("{ provider: scripted, script: agents.yaml, max-turns: many }"))
                .hasMessageEndingWith("found 'many'");
        assertThatThrownBy(() -> agents("{ provider: scripted }"))
                .hasMessage(dir.resolve("synod.yaml") + ":2:3: models.scripted.script: expected the agent script's path, such as "
                        + "agents.yaml, found nothing");
        assertThatThrownBy(() -> agents("{ provider: scripted, script: nope.yaml }"))
                .hasMessage(dir.resolve("synod.yaml") + ": models.scripted.script: " + dir.resolve("nope.yaml")
                        + ": the agent script is missing");
    }
}
