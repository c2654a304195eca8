package dev.synod.runtime.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.agents.model.TeamView;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.testkit.InMemoryBlobStore;
import dev.synod.testkit.stub.OpenAiStub;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.ToolCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of agent gets the whole task (issue 10, point 4): the team's {@code prompt} file is in
 * the instructions of a model agent, a CLI agent and a scripted agent alike, each built by
 * {@link Agents} from {@code synod.yaml} as a run builds them.
 */
class TeamPromptTest {
    private static final String TASK = "Build a shop whose prices are kept in whole cents (a line only the prompt holds).";
    private static final String TEAM = """
            synod 1
            team shop {
              prompt "PROMPT.md"
              defaults within 1m
              role dev model m
              dev -> all : notes "notes/**"
                gate exists
            }
            """;

    @TempDir
    Path dir;

    private Path workspace;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(dir.resolve("work/dev"));
        Files.writeString(workspace.resolve("PROMPT.md"), "# The shop\n\n" + TASK + "\n");
    }

    private static TeamModel team() {
        return Synod.check(new SourceFile("team.synod", TEAM), CheckOptions.none()).model().orElseThrow();
    }

    private Agent agent(String settings, Map<String, String> environment) {
        SynodConfig config = SynodConfig.parse("models:\n  m: " + settings + "\nsandbox: none\n", dir.resolve("synod.yaml"));
        TeamModel model = team();
        return Agents.forTeam(model, config, dir, TeamView.of(model, Map.of()), environment).get("dev");
    }

    private static Agent.Assignment assignment() {
        return new Agent.Assignment("r1", "notes", 1, "dev", "role dev: produces notes", List.of("notes/**"), List.of(),
                List.of(), Map.of(), Duration.ofMinutes(1));
    }

    @Test
    void a_model_agent_over_http_gets_the_teams_prompt() throws Exception {
        try (OpenAiStub stub = new OpenAiStub()) {
            stub.enqueue(Reply.toolCalls(ToolCall.of("call_1", "finish", "{\"summary\":\"done\"}")));
            Agent agent = agent("{ provider: openai, model: gpt-test, base-url: \"" + stub.baseUrl()
                    + "\", api-key-env: PROMPT_TEST_KEY }", Map.of("PROMPT_TEST_KEY", "sk-prompt-0123456789"));

            assertThat(agent.perform(assignment(), workspace, new DetachedSession(new InMemoryBlobStore()))).isInstanceOf(Agent.Outcome.Finished.class);

            String opening = stub.request(0).jsonBody().path("messages").get(1).path("content").asText();
            assertThat(opening).contains("## The team's task (PROMPT.md)", TASK);
        }
    }

    @Test
    void a_cli_agent_gets_the_teams_prompt_on_standard_input() throws Exception {
        script("cat > \"$SYNOD_RUN.stdin\"\n");
        Agent agent = agent("{ provider: cli, command: [\"./agent.sh\"], prompt: stdin }", Map.of("PATH",
                System.getenv("PATH")));

        assertThat(agent.perform(assignment(), workspace, new DetachedSession(new InMemoryBlobStore()))).isInstanceOf(Agent.Outcome.Finished.class);

        assertThat(Files.readString(workspace.resolve("r1.stdin"))).startsWith(Instructions.produce(assignment()))
                .contains("## The team's task (PROMPT.md)", TASK, "## When you are done");
    }

    @Test
    void a_cli_agent_gets_the_teams_prompt_in_its_prompt_file_and_as_a_reviewer() throws Exception {
        script("cp \"$SYNOD_PROMPT_FILE\" \"$SYNOD_TASK.md\"\necho '{\"approve\": true, \"comment\": \"fine\"}'\n");
        Agent agent = agent("{ provider: cli, command: [\"./agent.sh\", \"{prompt-file}\"], prompt: file }",
                Map.of("PATH", System.getenv("PATH")));

        agent.perform(assignment(), workspace, new DetachedSession(new InMemoryBlobStore()));
        Agent.Review review = agent.review(assignment(), workspace, new DetachedSession(new InMemoryBlobStore()));

        assertThat(Files.readString(workspace.resolve("produce.md"))).contains("## The team's task (PROMPT.md)", TASK);
        assertThat(review.approved()).as(review.comment()).isTrue();
        assertThat(Files.readString(workspace.resolve("review.md"))).startsWith("# Review `notes`")
                .contains("## The team's task (PROMPT.md)", TASK);
    }

    @Test
    void a_scripted_agent_gets_the_teams_prompt() throws Exception {
        Files.writeString(dir.resolve("agents.yaml"), """
                dev:
                  produce:
                    notes:
                      - turns:
                          - calls: [ { finish: { summary: done } } ]
                """);
        Agent agent = agent("{ provider: scripted, script: agents.yaml }", Map.of());
        InMemoryBlobStore store = new InMemoryBlobStore();

        assertThat(agent.perform(assignment(), workspace, new DetachedSession(store))).isInstanceOf(Agent.Outcome.Finished.class);

        assertThat(store.contents()).as("the journaled request of the first turn")
                .anySatisfy(p -> assertThat(new String(p, StandardCharsets.UTF_8)).contains("The team's task (PROMPT.md)", TASK));
    }

    private void script(String body) throws Exception {
        Path script = dir.resolve("agent.sh");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
