package dev.synod.runtime.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.SynodException;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.config.SynodConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentsTest {
    static final String TEAM = """
            synod 1
            team t {
              role writer model demo
              role critic model critic
              writer -> critic : notes "notes.md"
                review critic
            }
            """;

    @TempDir
    Path dir;

    static TeamModel team() {
        return Synod.check(new SourceFile("team.synod", TEAM), CheckOptions.none()).model().orElseThrow();
    }

    @Test
    void a_missing_key_stops_the_team_before_any_agent_is_built() throws IOException {
        Files.writeString(dir.resolve("agents.yaml"), "not read: the check comes first\n");
        SynodConfig config = SynodConfig.parse("""
                models:
                  demo: { provider: scripted, script: agents.yaml }
                  critic: { provider: anthropic, model: claude-sonnet-4-5 }
                """, dir.resolve("synod.yaml"));

        assertThatThrownBy(() -> Agents.forTeam(team(), config, dir, Map.of()))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("models.critic needs its API key in the environment variable ANTHROPIC_API_KEY");
    }

    @Test
    void a_wrong_model_setting_stops_the_team_naming_it() {
        // The setting is refused when synod.yaml is loaded, before any agent is built.
        assertThatThrownBy(() -> SynodConfig.parse("""
                models:
                  demo: { provider: scripted, script: agents.yaml }
                  critic: { provider: anthropic, model: claude-sonnet-4-5, timeout: soon }
                """, dir.resolve("synod.yaml")))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(dir.resolve("synod.yaml") + ":3:60: models.critic.timeout: expected a duration such as 500ms, 90s,"
                        + " 2m or 1h, found 'soon'");
    }

    @Test
    void scripted_teams_are_built_as_before() throws IOException {
        Files.writeString(dir.resolve("agents.yaml"), "{}\n");
        SynodConfig config = SynodConfig.parse("models:\n  demo: { provider: scripted, script: agents.yaml }\n"
                + "  critic: { provider: scripted, script: agents.yaml }\n", dir.resolve("synod.yaml"));

        assertThat(Agents.forTeam(team(), config, dir, Map.of())).containsOnlyKeys("writer", "critic");
    }
}
