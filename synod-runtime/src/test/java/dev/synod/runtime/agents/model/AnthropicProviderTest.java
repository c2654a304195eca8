package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.synod.testkit.stub.AnthropicStub;
import dev.synod.testkit.stub.RecordedRequest;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.StubModelServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest extends ProviderStubTest {
    @Override
    StubModelServer newStub() {
        return new AnthropicStub();
    }

    @Override
    String provider() {
        return "anthropic";
    }

    @Override
    void assertKeySent(RecordedRequest request) {
        assertThat(request.header("x-api-key")).hasValue(KEY);
    }

    @Test
    void overloaded_529_is_retried() {
        stub.enqueue(Reply.status(529), Reply.text("ok"));

        assertThat(model().chat(UserMessage.from("hi")).aiMessage().text()).isEqualTo("ok");

        assertThat(sleeper.waits).hasSize(1);
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void max_tokens_defaults_to_room_for_a_whole_file() {
        stub.enqueue(Reply.text("ok"));

        model().chat(UserMessage.from("hi"));

        assertThat(stub.request(0).jsonBody().path("max_tokens").asInt()).isEqualTo(8192);
    }
}
