package dev.synod.testkit.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiStubTest extends StubWireFormatTest {
    @Override
    StubModelServer newStub() {
        return new OpenAiStub();
    }

    @Override
    ChatModel client(StubModelServer stub, Duration timeout) {
        return OpenAiChatModel.builder().baseUrl(stub.baseUrl()).apiKey("sk-test").modelName("stub-model")
                .timeout(timeout).maxRetries(0).build();
    }

    @Override
    boolean argumentsAreText() {
        return true;
    }

    @Override
    String chatPath() {
        return "/v1/chat/completions";
    }

    @Override
    String toolResultIn(JsonNode request, String id) {
        return elements(request.path("messages"))
                .filter(m -> m.path("role").asText().equals("tool") && m.path("tool_call_id").asText().equals(id))
                .map(m -> m.path("content").asText()).findFirst().orElseThrow();
    }

    @Override
    HttpResponse<String> post(StubModelServer stub, Reply reply) {
        return post(stub, reply, chatPath(), "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void sends_the_key_as_a_bearer_token_and_the_tool_choice() {
        stub.enqueue(Reply.toolCalls(ToolCall.of("call_1", "read_file", "{\"path\":\"a\"}")));

        client().chat(ChatRequest.builder().messages(UserMessage.from("read a")).toolSpecifications(READ_FILE)
                .toolChoice(ToolChoice.REQUIRED).build());

        RecordedRequest request = stub.request(0);
        assertThat(request.header("Authorization")).hasValue("Bearer sk-test");
        assertThat(request.jsonBody().path("tool_choice").asText()).isEqualTo("required");
        assertThat(request.jsonBody().path("tools").get(0).path("function").path("parameters").path("required").get(0).asText())
                .isEqualTo("path");
    }

    @Test
    void base_urls_without_v1_are_served_too() {
        stub.enqueue(Reply.text("hi"));

        ChatResponse response = OpenAiChatModel.builder().baseUrl(stub.origin()).apiKey("none").modelName("local")
                .maxRetries(0).build().chat(ChatRequest.builder().messages(UserMessage.from("hello")).build());

        assertThat(response.aiMessage().text()).isEqualTo("hi");
        assertThat(stub.request(0).path()).isEqualTo("/chat/completions");
    }

    @Test
    void a_tool_call_without_id_or_name_is_sent_without_those_fields() {
        HttpResponse<String> response = post(stub, Reply.toolCalls(ToolCall.withoutId("read_file", "{}"),
                ToolCall.withoutName("call_2", "{}")));

        JsonNode calls = StubModelServer.parse(response.body()).orElseThrow().path("choices").get(0).path("message")
                .path("tool_calls");
        assertThat(calls.get(0).has("id")).isFalse();
        assertThat(calls.get(0).path("function").path("name").asText()).isEqualTo("read_file");
        assertThat(calls.get(1).path("function").has("name")).isFalse();
        assertThat(calls.get(1).path("function").path("arguments").isTextual()).isTrue();
    }
}
