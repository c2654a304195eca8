package dev.synod.runtime.agents.model.internal;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import java.time.Duration;

/** Builds a {@link RetryAfterHttpClient}; LangChain4j's chat models set its timeouts. */
public final class RetryAfterHttpClientBuilder implements HttpClientBuilder {
    private Duration connectTimeout;
    private Duration readTimeout;

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
                .build());
    }
}
