package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synod.core.Agent;
import dev.synod.core.Event;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.agents.Agents;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.testkit.InMemoryBlobStore;
import dev.synod.testkit.stub.OpenAiStub;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.ToolCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop over a real provider: an {@code openai} alias of synod.yaml, built by {@link Agents}, talks
 * to a stub server over HTTP in OpenAI's wire format. The stub stands only for the paid model.
 */
class ModelAgentWireTest {
    private static final String KEY = "sk-wire-0123456789abcdef";
    private static final String TEAM = """
            synod 1
            team shop {
              defaults within 1m
              role architect model default
              role dev[1] model default
              architect -> all : api "api/**"
                gate exists
              dev[1] -> architect : impl[dev1] "src/dev1/**"
                reads api
                gate exists
            }
            """;

    @TempDir
    Path root;

    private final OpenAiStub stub = new OpenAiStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void an_openai_model_works_through_the_tool_loop_over_http_and_no_key_reaches_a_blob() throws Exception {
        stub.enqueue(
                Reply.toolCalls(ToolCall.of("call_1", "read_file", "{\"path\":\"api/Api.java\"}"),
                        ToolCall.of("call_2", "write_file", "{\"path\":\"src/dev1/Impl.java\",\"content\":\"class Impl {}\"}"))
                        .withUsage(1000, 200),
                Reply.toolCalls(ToolCall.of("call_3", "finish", "{\"summary\":\"wrote Impl\"}")).withUsage(1500, 20));
        TeamModel model = Synod.check(new SourceFile("team.synod", TEAM), CheckOptions.none()).model().orElseThrow();
        SynodConfig config = SynodConfig.parse("models:\n  default: { provider: openai, model: gpt-test, base-url: \""
                + stub.baseUrl() + "\", api-key-env: WIRE_KEY, price-per-million-input: 2.0, price-per-million-output: 8.0,"
                + " max-turns: 5 }\n", root.resolve("synod.yaml"));
        Agent agent = Agents.forTeam(model, config, root, TeamView.of(model, Map.of()), Map.of("WIRE_KEY", KEY)).get("dev[1]");
        Path workspace = root.resolve("work");
        LoopFixture.write(workspace, "api/Api.java", "interface Api {}\n");
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        JournalSession session = new JournalSession(blobs, List.of(), Integer.MAX_VALUE, Optional::empty);

        Agent.Outcome outcome = agent.perform(new Agent.Assignment("r1", "impl[dev1]", 1, "dev[1]", "contract",
                List.of("src/dev1/**"), List.of("api"), List.of(), Map.of(), java.time.Duration.ofMinutes(1)), workspace, session);

        Event.Usage first = new Event.Usage(1000, 200, (1000 * 2.0 + 200 * 8.0) / 1_000_000);
        Event.Usage second = new Event.Usage(1500, 20, (1500 * 2.0 + 20 * 8.0) / 1_000_000);
        assertThat(outcome).isEqualTo(new Agent.Outcome.Finished("wrote Impl", first.plus(second)));
        assertThat(workspace.resolve("src/dev1/Impl.java")).hasContent("class Impl {}");
        assertThat(session.journaled).extracting(Agent.Turn::usage).containsExactly(first, second);
        assertThat(stub.requests()).hasSize(2);
        JsonNode firstRequest = stub.request(0).jsonBody();
        assertThat(firstRequest.path("tools").findValuesAsText("name"))
                .containsExactly("list_files", "read_file", "write_file", "edit_file", "delete_file", "finish");
        assertThat(firstRequest.path("messages").get(1).path("content").asText()).startsWith("Role: dev[1]\nTask: produce impl[dev1]");
        JsonNode results = stub.request(1).jsonBody().path("messages");
        JsonNode read = results.get(results.size() - 2);
        assertThat(read.path("role").asText()).isEqualTo("tool");
        assertThat(read.path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(read.path("content").asText()).isEqualTo("interface Api {}\n");
        assertThat(results.get(results.size() - 1).path("content").asText()).isEqualTo("created src/dev1/Impl.java (13 bytes)");
        assertThat(stub.request(0).header("Authorization")).hasValue("Bearer " + KEY);
        assertThat(blobs.contents()).isNotEmpty().map(c -> new String(c, StandardCharsets.UTF_8))
                .noneMatch(c -> c.contains(KEY)).noneMatch(c -> c.contains("Bearer"));
    }
}
