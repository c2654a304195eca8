package dev.synod.testkit.stub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on a loopback port that answers a model API's requests from a queue of
 * {@link Reply replies} and records every request. Subclasses supply the wire format: which
 * paths they serve, what a well-formed request is, and how an answer and an error are written.
 *
 * <p>Per request: the request is recorded; a path the API does not have gets 404, a request of
 * the wrong shape gets 400 (neither takes a reply from the queue); otherwise the next reply is
 * sent, or, when the queue is empty, a 400 that says so, so that a test that forgot a reply fails
 * at once with a clear message.
 */
public abstract sealed class StubModelServer implements AutoCloseable permits OpenAiStub, AnthropicStub, OllamaStub {
    /** The JSON mapper the formats write with. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new ArrayList<>();

    /** Starts the server on 127.0.0.1 at a free port. */
    protected StubModelServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the stub model server", e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The address a client is given as its base URL (the API's root, such as {@code http://127.0.0.1:4711/v1}). */
    public abstract String baseUrl();

    /** {@code http://127.0.0.1:PORT}, without a path. */
    public final String origin() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Queues replies, sent in order to the next well-formed requests. */
    public final void enqueue(Reply... next) {
        replies.addAll(List.of(next));
    }

    /** The replies queued and not yet sent. */
    public final int pendingReplies() {
        return replies.size();
    }

    /** Every request received so far, in arrival order. */
    public final List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /**
     * Waits until at least {@code count} requests have arrived, so a test can act at the moment
     * a client reaches a given call (such as killing it while the call is answered slowly).
     *
     * @return false when {@code timeout} passed first
     */
    public final boolean awaitRequests(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(requests, left);
            }
            return true;
        }
    }

    /** Request {@code index} (from 0). */
    public final RecordedRequest request(int index) {
        List<RecordedRequest> all = requests();
        if (index < 0 || index >= all.size()) {
            throw new IllegalArgumentException("the stub received " + all.size() + " request(s); there is no request "
                    + index);
        }
        return all.get(index);
    }

    /** Stops the server at once; a reply still being delayed is abandoned. */
    @Override
    public final void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Whether the API has an endpoint at {@code method path}. */
    protected abstract boolean serves(String method, String path);

    /** What makes {@code request} ill-formed for this API, or empty when it is well formed. */
    protected abstract Optional<String> problem(RecordedRequest request);

    /** The response body of {@code answer} to {@code request}. */
    protected abstract ObjectNode answer(Reply.Answer answer, Reply.Usage usage, JsonNode request);

    /** The API's error body for {@code status}. */
    protected abstract ObjectNode error(int status, String message);

    /** Reads {@code text} as JSON, or empty when it is not JSON. */
    protected static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * A tool call's arguments as a JSON value, for formats that carry an object: the parsed text,
     * or the text itself as a JSON string when it is not valid JSON (a malformed call).
     */
    protected static JsonNode argumentsValue(ToolCall call) {
        return parse(call.arguments()).orElseGet(() -> JSON.getNodeFactory().textNode(call.arguments()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = record(exchange);
            if (!serves(request.method(), request.path())) {
                send(exchange, 404, Map.of(), error(404, "stub: no endpoint " + request.method() + " " + request.path()));
                return;
            }
            Optional<String> problem = problem(request);
            if (problem.isPresent()) {
                send(exchange, 400, Map.of(), error(400, problem.get()));
                return;
            }
            Reply reply = replies.poll();
            if (reply == null) {
                send(exchange, 400, Map.of(), error(400, "stub: no reply queued for request " + request.index() + " ("
                        + request.method() + " " + request.path() + ")"));
                return;
            }
            reply(exchange, reply, request);
        } catch (InterruptedException e) {
            // The server is closing while a delayed reply waits; the client gets no answer.
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (it timed out on a slow reply): nothing is left to answer.
        }
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        synchronized (requests) {
            RecordedRequest request = new RecordedRequest(requests.size(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), headers, body, parse(body));
            requests.add(request);
            requests.notifyAll();
            return request;
        }
    }

    private void reply(HttpExchange exchange, Reply reply, RecordedRequest request) throws IOException, InterruptedException {
        switch (reply) {
            case Reply.Delayed d -> {
                Thread.sleep(d.delay());
                reply(exchange, d.reply(), request);
            }
            case Reply.Answer a -> send(exchange, 200, Map.of(), answer(a, a.usage().orElseGet(() -> derivedUsage(a, request)),
                    request.jsonBody()));
            case Reply.Failure f -> send(exchange, f.status(), f.headers(), error(f.status(), f.message()));
            case Reply.Raw r -> send(exchange, r.status(), r.contentType(), Map.of(), r.body());
        }
    }

    private static Reply.Usage derivedUsage(Reply.Answer answer, RecordedRequest request) {
        int written = answer.text().map(String::length).orElse(0)
                + answer.toolCalls().stream().mapToInt(c -> c.arguments().length() + c.name().map(String::length).orElse(0)).sum();
        return new Reply.Usage(Math.max(1, request.body().length() / 4), Math.max(1, written / 4));
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, ObjectNode body) throws IOException {
        send(exchange, status, "application/json", headers, JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
