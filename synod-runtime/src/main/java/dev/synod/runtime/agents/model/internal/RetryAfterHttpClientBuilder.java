package dev.synod.runtime.agents.model.internal;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import java.time.Duration;

/** Builds a {@link RetryAfterHttpClient}; LangChain4j's chat models set its timeouts. */
public final class RetryAfterHttpClientBuilder implements HttpClientBuilder {
    private final AnswerShape shape;
    private Duration connectTimeout;
    private Duration readTimeout;

    /** A builder whose client takes any successful answer as it is. */
    public RetryAfterHttpClientBuilder() {
        this(AnswerShape.ANY);
    }

    RetryAfterHttpClientBuilder(AnswerShape shape) {
        this.shape = shape;
    }

    /** A builder whose client checks answers for OpenAI's shape (a non-empty {@code choices} list) first. */
    static RetryAfterHttpClientBuilder openAi() {
        return new RetryAfterHttpClientBuilder(AnswerShape.OPENAI);
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public RetryAfterHttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public RetryAfterHttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public HttpClient build() {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        if (connectTimeout != null) {
            jdk.connectTimeout(connectTimeout);
        }
        Duration connect = connectTimeout;
        Duration read = readTimeout;
        return new RetryAfterHttpClient(jdk.build(), read, () -> JdkHttpClient.builder()
                .httpClientBuilder(java.net.http.HttpClient.newBuilder())
                .connectTimeout(connect)
                .readTimeout(read)
                .build(), shape);
    }
}
