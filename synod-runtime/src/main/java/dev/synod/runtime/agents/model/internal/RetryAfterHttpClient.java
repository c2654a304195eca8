package dev.synod.runtime.agents.model.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The HTTP client Synod gives LangChain4j's chat models: LangChain4j's JDK client, except that an
 * error answer becomes an {@link HttpStatusException} that keeps {@code Retry-After}, and a
 * successful answer not of the API's {@link AnswerShape} a {@link MalformedAnswerException}.
 * LangChain4j 1.11's {@code JdkHttpClient} throws an {@link HttpException} of the status and body
 * alone, so the one call a chat model makes, {@link #execute(HttpRequest)}, is done here on the
 * same {@code java.net.http} client, in the same way (headers as given, the read timeout as the
 * request timeout, {@link TimeoutException} on a timeout). Streaming and multipart uploads, which
 * the chat models Synod builds do not use, go to LangChain4j's client unchanged.
 */
final class RetryAfterHttpClient implements HttpClient {
    private final java.net.http.HttpClient client;
    private final Duration readTimeout;
    private final Supplier<HttpClient> langchain4jClient;
    private final AnswerShape shape;
    private HttpClient langchain4j;

    RetryAfterHttpClient(java.net.http.HttpClient client, Duration readTimeout, Supplier<HttpClient> langchain4j,
                         AnswerShape shape) {
        this.client = client;
        this.readTimeout = readTimeout;
        this.langchain4jClient = langchain4j;
        this.shape = shape;
    }

    /** LangChain4j's client, made on first use: a chat model never needs it. */
    private synchronized HttpClient langchain4j() {
        if (langchain4j == null) {
            langchain4j = langchain4jClient.get();
        }
        return langchain4j;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            return langchain4j().execute(request);
        }
        java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> values.forEach(value -> jdk.header(name, value)));
        jdk.method(request.method().name(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        if (readTimeout != null) {
            jdk.timeout(readTimeout);
        }
        HttpResponse<String> response;
        try {
            response = client.send(jdk.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request.url(), e);
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new HttpStatusException(response.statusCode(), response.body(), response.headers().firstValue("retry-after"),
                    response.headers().firstValue("retry-after-ms"));
        }
        shape.problem(response.statusCode(), response.body()).ifPresent(problem -> {
            throw new MalformedAnswerException(problem);
        });
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(response.body())
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        langchain4j().execute(request, parser, listener);
    }
}
