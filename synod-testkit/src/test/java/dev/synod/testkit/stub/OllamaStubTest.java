package dev.synod.testkit.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OllamaStubTest extends StubWireFormatTest {
    @Override
    StubModelServer newStub() {
        return new OllamaStub();
    }

    @Override
    ChatModel client(StubModelServer stub, Duration timeout) {
        return OllamaChatModel.builder().baseUrl(stub.baseUrl()).modelName("stub-model").timeout(timeout).maxRetries(0)
                .build();
    }

    @Override
    String chatPath() {
        return "/api/chat";
    }

    @Override
    boolean hasCallIds() {
        return false;
    }

    @Override
    String toolResultIn(JsonNode request, String id) {
        return elements(request.path("messages"))
                .filter(m -> m.path("role").asText().equals("tool"))
                .map(m -> m.path("content").asText()).findFirst().orElseThrow();
    }

    @Override
    HttpResponse<String> post(StubModelServer stub, Reply reply) {
        return post(stub, reply, chatPath(), "{\"model\":\"m\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void asks_for_a_single_answer_and_gets_counts() {
        stub.enqueue(Reply.text("ok").withUsage(40, 2));

        var response = client().chat(UserMessage.from("hi"));

        assertThat(stub.request(0).jsonBody().path("stream").asBoolean(true)).isFalse();
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(40);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2);
    }

    @Test
    void a_streaming_request_is_refused() {
        HttpResponse<String> response = post(stub, Reply.text("kept"), chatPath(),
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(StubModelServer.parse(response.body()).orElseThrow().path("error").asText()).contains("stream: false");
    }
}
