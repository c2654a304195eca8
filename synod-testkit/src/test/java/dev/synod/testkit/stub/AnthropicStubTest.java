package dev.synod.testkit.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStubTest extends StubWireFormatTest {
    @Override
    StubModelServer newStub() {
        return new AnthropicStub();
    }

    @Override
    ChatModel client(StubModelServer stub, Duration timeout) {
        return AnthropicChatModel.builder().baseUrl(stub.baseUrl()).apiKey("sk-ant-test").modelName("stub-model")
                .maxTokens(256).timeout(timeout).maxRetries(0).build();
    }

    @Override
    String chatPath() {
        return "/v1/messages";
    }

    @Override
    String toolResultIn(JsonNode request, String id) {
        return elements(request.path("messages"))
                .filter(m -> m.path("role").asText().equals("user"))
                .flatMap(m -> elements(m.path("content")))
                .filter(b -> b.path("type").asText().equals("tool_result") && b.path("tool_use_id").asText().equals(id))
                .map(b -> b.path("content").isArray() ? b.path("content").get(0).path("text").asText()
                        : b.path("content").asText())
                .findFirst().orElseThrow();
    }

    @Override
    List<String> toolsOffered(JsonNode request) {
        return elements(request.path("tools")).map(t -> t.path("name").asText()).toList();
    }

    @Override
    HttpResponse<String> post(StubModelServer stub, Reply reply) {
        return post(stub, reply, chatPath(), "{\"model\":\"m\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", "k", "anthropic-version", "2023-06-01");
    }

    @Test
    void sends_the_key_and_version_headers_and_max_tokens() {
        stub.enqueue(Reply.text("ok"));

        client().chat(UserMessage.from("hi"));

        RecordedRequest request = stub.request(0);
        assertThat(request.header("x-api-key")).hasValue("sk-ant-test");
        assertThat(request.header("anthropic-version")).isPresent();
        assertThat(request.jsonBody().path("max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void overloaded_529_and_tool_use_blocks_are_written_as_anthropic_does() {
        HttpResponse<String> overloaded = post(stub, Reply.status(529));
        HttpResponse<String> tools = post(stub, Reply.toolCalls(ToolCall.of("toolu_1", "read_file", "not json")));

        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(StubModelServer.parse(overloaded.body()).orElseThrow().path("error").path("type").asText())
                .isEqualTo("overloaded_error");
        JsonNode body = StubModelServer.parse(tools.body()).orElseThrow();
        assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(body.path("content").get(0).path("type").asText()).isEqualTo("tool_use");
        assertThat(body.path("content").get(0).path("input").isTextual()).as("malformed input is not an object").isTrue();
    }

    @Test
    void a_request_without_the_key_header_is_refused() {
        HttpResponse<String> response = post(stub, Reply.text("kept"), chatPath(),
                "{\"model\":\"m\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("x-api-key");
    }
}
