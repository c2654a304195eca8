package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.synod.core.Agent;
import dev.synod.core.BlobStore;
import dev.synod.core.Event;
import dev.synod.core.SynodException;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.testkit.FakeClock;
import dev.synod.testkit.InMemoryBlobStore;
import dev.synod.testkit.stub.RecordedRequest;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.StubModelServer;
import dev.synod.testkit.stub.ToolCall;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provider built by {@link Providers} from {@code synod.yaml}, against the stub server of its
 * wire format: answers, tool calls, and each fault retried or reported as the policy says. Waits
 * are recorded by a fake sleeper, never slept.
 */
abstract class ProviderStubTest {
    static final String KEY = "sk-test-0123456789abcdef";
    static final ToolSpecification READ_FILE = ToolSpecification.builder()
            .name("read_file")
            .description("Reads a file of the workspace")
            .parameters(JsonObjectSchema.builder().addStringProperty("path").required("path").build())
            .build();

    final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    StubModelServer stub;

    /** The stub of the provider's wire format. */
    abstract StubModelServer newStub();

    /** The provider's name in {@code synod.yaml}. */
    abstract String provider();

    /** Asserts that {@code request} carried the key the way the provider's API wants it. */
    abstract void assertKeySent(RecordedRequest request);

    @BeforeEach
    void start() {
        stub = newStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    ChatModel model(String extraSettings, RetryPolicy policy) {
        SynodConfig config = SynodConfig.parse("models:\n  m: { provider: " + provider() + ", model: stub-model, base-url: \""
                + stub.baseUrl() + "\", api-key-env: TEST_KEY" + extraSettings + " }\n", Path.of("synod.yaml"));
        return Providers.chatModel(config, "m", Map.of("TEST_KEY", KEY),
                new Retries(policy, sleeper, new SplittableRandom(7), clock));
    }

    ChatModel model() {
        return model("", new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2)));
    }

    @Test
    void answers_text_and_reports_usage_priced_by_the_settings() {
        stub.enqueue(Reply.text("Hello").withUsage(1_000, 500));
        ChatModel model = model(", temperature: 0.2, max-tokens: 300, price-per-million-input: 2.0,"
                + " price-per-million-output: 8.0", RetryPolicy.DEFAULT);

        ChatResponse response = model.chat(UserMessage.from("Say hello"));

        assertThat(response.aiMessage().text()).isEqualTo("Hello");
        Event.Usage usage = new Pricing(2.0, 8.0).usage(response.tokenUsage());
        assertThat(usage.inputTokens()).isEqualTo(1_000);
        assertThat(usage.outputTokens()).isEqualTo(500);
        assertThat(usage.usd()).isEqualTo(0.006, org.assertj.core.data.Offset.offset(1e-12));
        assertKeySent(stub.request(0));
        assertThat(stub.request(0).body()).contains("0.2").contains("300");
        assertThat(sleeper.waits).isEmpty();
        assertThat(model.toString()).doesNotContain(KEY);
    }

    @Test
    void tool_call_round_trip() {
        stub.enqueue(Reply.toolCalls(ToolCall.of("call_1", "read_file", "{\"path\":\"README.md\"}")), Reply.text("It is a shop."));
        ChatModel model = model();
        List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from("What is README.md about?")));

        ChatResponse first = model.chat(ChatRequest.builder().messages(messages).toolSpecifications(READ_FILE).build());
        ToolExecutionRequest call = first.aiMessage().toolExecutionRequests().get(0);
        messages.add(first.aiMessage());
        messages.add(ToolExecutionResultMessage.from(call, "# Shop"));
        ChatResponse second = model.chat(ChatRequest.builder().messages(messages).toolSpecifications(READ_FILE).build());

        assertThat(call.name()).isEqualTo("read_file");
        assertThat(call.arguments()).contains("README.md");
        assertThat(second.aiMessage().text()).isEqualTo("It is a shop.");
        assertThat(stub.request(1).body()).contains("# Shop").contains("read_file");
    }

    @Test
    void rate_limit_waits_the_seconds_of_retry_after_then_succeeds() {
        stub.enqueue(Reply.rateLimited(Duration.ofSeconds(7)), Reply.text("ok"));

        ChatResponse response = model().chat(UserMessage.from("hi"));

        assertThat(response.aiMessage().text()).isEqualTo("ok");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void rate_limit_waits_until_the_date_of_retry_after() {
        stub.enqueue(Reply.rateLimited("Sun, 01 Mar 2026 12:00:12 GMT"), Reply.text("ok"));

        assertThat(model().chat(UserMessage.from("hi")).aiMessage().text()).isEqualTo("ok");

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void server_error_backs_off_with_jitter_then_succeeds() {
        stub.enqueue(Reply.status(500), Reply.status(503), Reply.text("ok"));

        assertThat(model().chat(UserMessage.from("hi")).aiMessage().text()).isEqualTo("ok");

        assertThat(sleeper.waits).hasSize(2);
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void each_retry_is_reported_with_its_number_and_wait_before_it_waits() {
        stub.enqueue(Reply.status(503), Reply.status(503), Reply.text("ok"));
        List<String> reported = new ArrayList<>();
        ChatModel model = ((RetryingChatModel) model()).reportingTo(new Agent.Session() {
            @Override
            public void retrying(String reason, int retry, int of, Duration delay) {
                reported.add(reason + " | retry " + retry + " of " + of + " in " + delay + " | after " + sleeper.waits.size()
                        + " waits");
            }

            @Override
            public List<Agent.Turn> turns() {
                return List.of();
            }

            @Override
            public void record(Agent.Turn turn) {
            }

            @Override
            public Optional<String> refusal() {
                return Optional.empty();
            }

            @Override
            public void heartbeat() {
            }

            @Override
            public BlobStore blobs() {
                return new InMemoryBlobStore();
            }
        });

        assertThat(model.chat(UserMessage.from("hi")).aiMessage().text()).isEqualTo("ok");

        assertThat(sleeper.waits).hasSize(2);
        assertThat(reported).hasSize(2);
        assertThat(reported.get(0)).startsWith(provider() + ": HTTP 503")
                .endsWith(" | retry 1 of 2 in " + sleeper.waits.get(0) + " | after 0 waits");
        assertThat(reported.get(1)).startsWith(provider() + ": HTTP 503")
                .endsWith(" | retry 2 of 2 in " + sleeper.waits.get(1) + " | after 1 waits");
    }

    @Test
    void server_errors_past_the_last_attempt_fail_naming_the_model_and_the_status() {
        stub.enqueue(Reply.status(503), Reply.status(503), Reply.status(503), Reply.text("never asked"));

        Throwable thrown = catchThrowable(() -> model().chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessageStartingWith("models.m (" + provider() + " stub-model at ")
                .hasMessageContaining("gave up after 3 attempts")
                .hasMessageContaining("HTTP 503");
        assertThat(sleeper.waits).hasSize(2);
        assertThat(stub.pendingReplies()).isEqualTo(1);
    }

    @Test
    void a_retry_after_beyond_the_retry_budget_fails_at_once() {
        stub.enqueue(Reply.rateLimited(Duration.ofMinutes(10)), Reply.text("never asked"));

        Throwable thrown = catchThrowable(() -> model().chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessageContaining("asked to wait 10m (Retry-After)")
                .hasMessageContaining("more than the 2m left");
        assertThat(sleeper.waits).isEmpty();
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void a_refused_key_fails_at_once_naming_the_variable_but_not_the_key() {
        stub.enqueue(new Reply.Failure(401, Map.of(), "Incorrect API key provided: " + KEY), Reply.text("never asked"));

        Throwable thrown = catchThrowable(() -> model().chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("TEST_KEY")
                .hasMessageNotContaining(KEY);
        assertThat(stub.requests()).hasSize(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void a_key_echoed_by_a_server_error_is_blanked_out() {
        Reply echo = new Reply.Failure(500, Map.of(), "upstream rejected " + KEY);
        stub.enqueue(echo, echo, echo);

        Throwable thrown = catchThrowable(() -> model().chat(UserMessage.from("hi")));

        assertThat(thrown).hasMessageContaining("upstream rejected ***").hasMessageNotContaining(KEY);
        assertThat(thrown.getCause()).isNull();
    }

    @Test
    void a_bad_request_is_not_retried() {
        stub.enqueue(new Reply.Failure(400, Map.of(), "messages: too long"), Reply.text("never asked"));

        Throwable thrown = catchThrowable(() -> model().chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class).hasMessageContaining("HTTP 400: messages: too long");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void an_answer_that_is_not_json_fails_clearly_without_retrying() {
        stub.enqueue(Reply.notJson(), Reply.text("never asked"));

        Throwable thrown = catchThrowable(() -> model().chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessageStartingWith("models.m (" + provider() + " stub-model")
                .hasMessageContaining("the answer is not the API's JSON");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void an_answer_of_the_wrong_shape_fails_clearly_without_retrying() {
        stub.enqueue(Reply.wrongShape(), Reply.text("never asked"));

        Throwable thrown = catchThrowable(() -> model().chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessageStartingWith("models.m (" + provider() + " stub-model");
        assertThat(thrown.getMessage()).containsAnyOf("the answer is not the API's JSON", "the answer could not be read",
                "expected a JSON object with");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void a_slow_answer_times_out_and_is_retried() {
        stub.enqueue(Reply.slow(Duration.ofSeconds(5), Reply.text("too late")), Reply.text("in time"));

        ChatResponse response = model(", timeout: 300ms", new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(10))).chat(UserMessage.from("hi"));

        assertThat(response.aiMessage().text()).isEqualTo("in time");
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void answers_that_stay_slow_fail_as_timeouts() {
        Reply slow = Reply.slow(Duration.ofSeconds(5), Reply.text("too late"));
        stub.enqueue(slow, slow);

        Throwable thrown = catchThrowable(() -> model(", timeout: 300ms", new RetryPolicy(2, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(10))).chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessageContaining("gave up after 2 attempts")
                .hasMessageContaining("no answer within the request timeout");
    }
}
