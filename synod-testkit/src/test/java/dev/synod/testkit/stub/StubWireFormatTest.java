package dev.synod.testkit.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every stub model server must do, proved with LangChain4j's own client for its format
 * (retries off, so each fault reaches the test as the client surfaces it): answer text and tool
 * calls the client understands, accept the client's tool-result messages, and fail in the
 * provider's way on each injected fault.
 */
abstract class StubWireFormatTest {
    static final ToolSpecification READ_FILE = ToolSpecification.builder()
            .name("read_file")
            .description("Reads a file of the workspace")
            .parameters(JsonObjectSchema.builder().addStringProperty("path", "the file's path").required("path").build())
            .build();

    StubModelServer stub;

    /** A new stub of the format under test. */
    abstract StubModelServer newStub();

    /** LangChain4j's client of the format, pointed at {@code stub}, without retries. */
    abstract ChatModel client(StubModelServer stub, Duration timeout);

    /** The request path of a chat call. */
    abstract String chatPath();

    /** The text of the tool result that {@code request} carries for call {@code id}. */
    abstract String toolResultIn(JsonNode request, String id);

    /** The names of the tools {@code request} offers: OpenAI's and Ollama's {@code tools[].function.name}. */
    List<String> toolsOffered(JsonNode request) {
        return elements(request.path("tools")).map(t -> t.path("function").path("name").asText()).toList();
    }

    /** The elements of a JSON array. */
    static Stream<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /**
     * Whether the format carries a tool call's arguments as text (OpenAI) rather than as a JSON
     * object (Anthropic, Ollama), where arguments that are not JSON break the client's parsing.
     */
    boolean argumentsAreText() {
        return false;
    }

    /** Whether the format carries tool-call ids (Ollama's does not). */
    boolean hasCallIds() {
        return true;
    }

    @BeforeEach
    void start() {
        stub = newStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    ChatModel client() {
        return client(stub, Duration.ofSeconds(10));
    }

    @Test
    void answers_text_with_usage_the_client_reads() {
        stub.enqueue(Reply.text("Hello from the stub").withUsage(12, 3));

        ChatResponse response = client().chat(ChatRequest.builder()
                .messages(SystemMessage.from("Be brief."), UserMessage.from("Say hello")).build());

        assertThat(response.aiMessage().text()).isEqualTo("Hello from the stub");
        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(12);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(3);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        RecordedRequest request = stub.request(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(chatPath());
        assertThat(request.jsonBody().path("model").asText()).isEqualTo("stub-model");
        assertThat(request.body()).contains("Say hello").contains("Be brief.");
        assertThat(stub.pendingReplies()).isZero();
    }

    @Test
    void tool_call_round_trip_through_the_client() {
        String id = hasCallIds() ? "call_1" : null;
        stub.enqueue(Reply.toolCalls(ToolCall.of("call_1", "read_file", "{\"path\":\"src/Shop.java\"}")),
                Reply.text("The shop is empty."));
        ChatModel client = client();
        List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from("What is in src/Shop.java?")));

        ChatResponse first = client.chat(ChatRequest.builder().messages(messages).toolSpecifications(READ_FILE).build());

        assertThat(first.aiMessage().toolExecutionRequests()).hasSize(1);
        ToolExecutionRequest call = first.aiMessage().toolExecutionRequests().get(0);
        assertThat(call.name()).isEqualTo("read_file");
        assertThat(call.arguments()).isEqualToIgnoringWhitespace("{\"path\":\"src/Shop.java\"}");
        if (hasCallIds()) {
            assertThat(call.id()).isEqualTo(id);
        }
        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(toolsOffered(stub.request(0).jsonBody())).containsExactly("read_file");

        messages.add(first.aiMessage());
        messages.add(ToolExecutionResultMessage.from(call, "class Shop {}"));
        ChatResponse second = client.chat(ChatRequest.builder().messages(messages).toolSpecifications(READ_FILE).build());

        assertThat(second.aiMessage().text()).isEqualTo("The shop is empty.");
        assertThat(toolResultIn(stub.request(1).jsonBody(), call.id())).isEqualTo("class Shop {}");
    }

    @Test
    void a_call_of_a_tool_that_was_not_offered_reaches_the_client_as_sent() {
        stub.enqueue(Reply.toolCalls(ToolCall.of("call_9", "format_disk", "{\"drive\":\"c\"}")));

        ChatResponse response = client().chat(ChatRequest.builder().messages(UserMessage.from("go"))
                .toolSpecifications(READ_FILE).build());

        assertThat(response.aiMessage().toolExecutionRequests()).extracting(ToolExecutionRequest::name)
                .containsExactly("format_disk");
    }

    @Test
    void arguments_that_are_not_json_reach_the_client_as_text_or_break_its_parsing() {
        stub.enqueue(Reply.toolCalls(ToolCall.of("call_10", "read_file", "{path: src/")));

        if (argumentsAreText()) {
            ChatResponse response = client().chat(ChatRequest.builder().messages(UserMessage.from("go"))
                    .toolSpecifications(READ_FILE).build());
            assertThat(response.aiMessage().toolExecutionRequests().get(0).arguments()).isEqualTo("{path: src/");
        } else {
            assertThat(catchThrowable(() -> client().chat(ChatRequest.builder().messages(UserMessage.from("go"))
                    .toolSpecifications(READ_FILE).build()))).hasMessageContaining("{path: src/");
        }
    }

    @Test
    void rate_limit_carries_retry_after_and_the_client_sees_429() {
        stub.enqueue(Reply.rateLimited(Duration.ofSeconds(7)));

        Throwable thrown = catchThrowable(() -> client().chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(RateLimitException.class);
        assertThat(statusOf(thrown)).isEqualTo(429);
        HttpResponse<String> raw = post(stub, Reply.rateLimited("Wed, 21 Oct 2026 07:28:00 GMT"));
        assertThat(raw.statusCode()).isEqualTo(429);
        assertThat(raw.headers().firstValue("retry-after")).hasValue("Wed, 21 Oct 2026 07:28:00 GMT");
    }

    @Test
    void server_errors_reach_the_client_with_their_status() {
        stub.enqueue(Reply.status(503));

        Throwable thrown = catchThrowable(() -> client().chat(UserMessage.from("hi")));

        assertThat(thrown).isInstanceOf(InternalServerException.class);
        assertThat(statusOf(thrown)).isEqualTo(503);
    }

    @Test
    void garbage_and_wrong_shapes_fail_in_the_client() {
        stub.enqueue(Reply.notJson(), Reply.wrongShape());

        assertThat(catchThrowable(() -> client().chat(UserMessage.from("hi")))).isNotNull();
        assertThat(catchThrowable(() -> client().chat(UserMessage.from("hi")))).isNotNull();
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void slow_answer_outlasts_the_client_timeout() {
        stub.enqueue(Reply.slow(Duration.ofSeconds(5), Reply.text("too late")));

        Throwable thrown = catchThrowable(() -> client(stub, Duration.ofMillis(300)).chat(UserMessage.from("hi")));

        assertThat(thrown).isNotNull();
        assertThat(causes(thrown)).anyMatch(t -> t instanceof java.net.http.HttpTimeoutException
                || t instanceof dev.langchain4j.exception.TimeoutException);
    }

    @Test
    void a_missing_reply_is_a_400_that_says_so() {
        Throwable thrown = catchThrowable(() -> client().chat(UserMessage.from("hi")));

        assertThat(statusOf(thrown)).isEqualTo(400);
        assertThat(thrown).hasMessageContaining("no reply queued for request 0");
    }

    @Test
    void a_request_of_the_wrong_shape_is_refused_without_taking_a_reply() throws Exception {
        stub.enqueue(Reply.text("kept"));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stub.origin() + chatPath()))
                        .header("Content-Type", "application/json").header("x-api-key", "k").header("anthropic-version", "1")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("model");
        assertThat(stub.pendingReplies()).isEqualTo(1);
    }

    static int statusOf(Throwable thrown) {
        return causes(thrown).stream().filter(HttpException.class::isInstance).map(HttpException.class::cast)
                .findFirst().map(HttpException::statusCode).orElse(-1);
    }

    static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** Sends a well-formed request straight over HTTP, for headers the client does not expose. */
    abstract HttpResponse<String> post(StubModelServer stub, Reply reply);

    static HttpResponse<String> post(StubModelServer stub, Reply reply, String path, String body, String... headers) {
        stub.enqueue(reply);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.origin() + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
