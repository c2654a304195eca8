package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.synod.core.SynodException;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.testkit.FakeClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RetryingChatModelTest {
    final FakeClock clock = new FakeClock();
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final ModelSettings settings = new ModelSettings("default", Provider.OPENAI, "gpt-4.1-mini",
            java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), ModelSettings.DEFAULT_TIMEOUT,
            java.util.Optional.empty(), java.util.Optional.empty());

    /** A model that answers with, or throws, the next of {@code outcomes}. */
    static ChatModel scripted(List<Supplier<ChatResponse>> outcomes) {
        Deque<Supplier<ChatResponse>> queue = new ArrayDeque<>(outcomes);
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return queue.removeFirst().get();
            }
        };
    }

    static Supplier<ChatResponse> failing(RuntimeException e) {
        return () -> {
            throw e;
        };
    }

    static Supplier<ChatResponse> answering(String text) {
        return () -> ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }

    RetryingChatModel retrying(ChatModel delegate, RetryPolicy policy) {
        return new RetryingChatModel(delegate, settings, new Retries(policy, sleeper, new SplittableRandom(1), clock), Set.of());
    }

    @Test
    void backoff_doubles_and_the_waits_stop_at_the_total_budget() {
        RuntimeException busy = new InternalServerException(new HttpException(503, "{\"error\":{\"message\":\"busy\"}}"));
        ChatModel delegate = scripted(List.of(failing(busy), failing(busy), failing(busy), failing(busy), failing(busy),
                failing(busy), answering("never")));

        Throwable thrown = catchThrowable(() -> retrying(delegate, new RetryPolicy(10, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(5))).chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessage("models.default (openai gpt-4.1-mini): gave up after 4 attempts, the whole 5s retry budget spent"
                        + " waiting: HTTP 503: busy");
        assertThat(sleeper.waits).hasSize(3);
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(sleeper.waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void the_same_seed_gives_the_same_waits() {
        RuntimeException busy = new InternalServerException(new HttpException(500, "busy"));
        RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1));
        List<Supplier<ChatResponse>> outcomes = List.of(failing(busy), failing(busy), failing(busy), answering("ok"));

        retrying(scripted(outcomes), policy).chat(UserMessage.from("hi"));
        List<Duration> first = List.copyOf(sleeper.waits);
        sleeper.waits.clear();
        retrying(scripted(outcomes), policy).chat(UserMessage.from("hi"));

        assertThat(sleeper.waits).isEqualTo(first).hasSize(3);
    }

    @Test
    void an_interrupt_while_waiting_stops_at_once_and_keeps_the_flag() {
        RuntimeException busy = new InternalServerException(new HttpException(500, "busy"));
        RetryingChatModel model = new RetryingChatModel(scripted(List.of(failing(busy), answering("never"))), settings,
                new Retries(RetryPolicy.DEFAULT, d -> {
                    throw new InterruptedException();
                }, new SplittableRandom(1), clock), Set.of());

        Throwable thrown = catchThrowable(() -> model.chat(UserMessage.from("hi")));

        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessageContaining("interrupted while waiting to retry after attempt 1");
    }

    @Test
    void an_unexpected_failure_is_not_retried_and_says_what_it_was() {
        ChatModel delegate = scripted(List.of(failing(new IllegalStateException("choices is empty")), answering("never")));

        Throwable thrown = catchThrowable(() -> retrying(delegate, RetryPolicy.DEFAULT).chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessage("models.default (openai gpt-4.1-mini): the answer could not be read: IllegalStateException:"
                        + " choices is empty");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void a_server_that_is_not_listening_is_retried_then_reported_as_unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SynodConfig config = SynodConfig.parse("models:\n  local: { provider: ollama, model: llama3, base-url: \"http://127.0.0.1:"
                + port + "\" }\n", Path.of("synod.yaml"));
        ChatModel model = Providers.chatModel(config, "local", Map.of(), new Retries(new RetryPolicy(2, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(5)), sleeper, new SplittableRandom(1), clock));

        Throwable thrown = catchThrowable(() -> model.chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessageContaining("gave up after 2 attempts")
                .hasMessageContaining("could not reach the server");
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void durations_read_well_in_messages() {
        assertThat(RetryingChatModel.describe(Duration.ofMillis(350))).isEqualTo("350ms");
        assertThat(RetryingChatModel.describe(Duration.ofSeconds(7))).isEqualTo("7s");
        assertThat(RetryingChatModel.describe(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(RetryingChatModel.describe(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(RetryingChatModel.describe(Duration.ofMinutes(10))).isEqualTo("10m");
    }
}
