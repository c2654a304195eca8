package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.testkit.stub.OllamaStub;
import dev.synod.testkit.stub.RecordedRequest;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.StubModelServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaProviderTest extends ProviderStubTest {
    @Override
    StubModelServer newStub() {
        return new OllamaStub();
    }

    @Override
    String provider() {
        return "ollama";
    }

    /** Ollama has no key of its own; a named one goes as a bearer token, for a server behind a proxy. */
    @Override
    void assertKeySent(RecordedRequest request) {
        assertThat(request.header("Authorization")).hasValue("Bearer " + KEY);
    }

    @Test
    void needs_no_key_and_sends_none_by_default() {
        stub.enqueue(Reply.text("local"));
        SynodConfig config = SynodConfig.parse("models:\n  local: { provider: ollama, model: \"qwen2.5-coder:7b\", base-url: \""
                + stub.baseUrl() + "\", max-tokens: 50 }\n", Path.of("synod.yaml"));

        String text = Providers.chatModel(config, "local", Map.of(), Retries.system()).chat(UserMessage.from("hi")).aiMessage()
                .text();

        assertThat(text).isEqualTo("local");
        assertThat(stub.request(0).header("Authorization")).isEmpty();
        assertThat(stub.request(0).jsonBody().path("options").path("num_predict").asInt()).isEqualTo(50);
    }
}
