package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.data.message.UserMessage;
import dev.synod.core.SynodException;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.testkit.stub.OpenAiStub;
import dev.synod.testkit.stub.RecordedRequest;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.StubModelServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiProviderTest extends ProviderStubTest {
    @Override
    StubModelServer newStub() {
        return new OpenAiStub();
    }

    @Override
    String provider() {
        return "openai";
    }

    @Override
    void assertKeySent(RecordedRequest request) {
        assertThat(request.header("Authorization")).hasValue("Bearer " + KEY);
    }

    @Test
    void an_openai_compatible_server_gets_no_key_unless_one_is_named() {
        stub.enqueue(Reply.text("local answer"));
        SynodConfig config = SynodConfig.parse("models:\n  local: { provider: openai, model: qwen, base-url: \"" + stub.baseUrl()
                + "\", max-tokens: 64 }\n", Path.of("synod.yaml"));

        String text = Providers.chatModel(config, "local", Map.of("OPENAI_API_KEY", KEY), Retries.system())
                .chat(UserMessage.from("hi")).aiMessage().text();

        assertThat(text).isEqualTo("local answer");
        assertThat(stub.request(0).header("Authorization")).isEmpty();
        assertThat(stub.request(0).jsonBody().path("max_tokens").asInt()).as("compatible servers know max_tokens").isEqualTo(64);
    }

    @Test
    void retry_after_ms_is_honoured() {
        stub.enqueue(new Reply.Failure(429, Map.of("retry-after-ms", "1500"), "slow down"), Reply.text("ok"));

        model().chat(UserMessage.from("hi"));

        assertThat(sleeper.waits).containsExactly(java.time.Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub-model\"} | no 'choices'",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub-model\",\"choices\":[]} "
                    + "| an empty 'choices' list",
            "{\"id\":\"chatcmpl-1\",\"choices\":null} | no 'choices'",
            "[1, 2] | a JSON array"})
    void an_answer_without_choices_says_what_was_expected_and_found(String body, String found) {
        stub.enqueue(new Reply.Raw(200, "application/json", body), Reply.text("never asked"));

        Throwable thrown = catchThrowable(() -> model().chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessage("models.m (openai stub-model at " + stub.baseUrl() + "): openai answered HTTP 200 without choices:"
                        + " expected a JSON object with a non-empty 'choices' list, found " + found)
                .hasMessageNotContaining("Exception");
        assertThat(stub.requests()).hasSize(1);
    }
}
