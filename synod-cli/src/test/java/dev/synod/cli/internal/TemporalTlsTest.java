package dev.synod.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.SynodException;
import dev.synod.runtime.config.EngineChoice;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and API keys to a Temporal frontend, as Temporal Cloud asks for them: a gRPC server on
 * loopback that requires a client certificate (mTLS), whose own certificate only the test's CA
 * file vouches for, and that records the authorization header of every call. Certificates are
 * made by the JDK's keytool for each run.
 */
class TemporalTlsTest {
    private static final String HEALTH = WorkflowServiceStubs.HEALTH_CHECK_SERVICE_NAME;
    private static final String KEY = "tk-test-9f3a.secret";

    @TempDir
    static Path certs;

    private static Server server;
    private static final List<String> AUTHORIZATION = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        pem("server", "SAN=ip:127.0.0.1,dns:localhost");
        pem("client", null);
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus(HEALTH, ServingStatus.SERVING);
        Metadata.Key<String> authorization = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        ServerInterceptor recorder = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                AUTHORIZATION.add(String.valueOf(headers.get(authorization)));
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sslContext(GrpcSslContexts.forServer(certs.resolve("server.pem").toFile(),
                                certs.resolve("server.key").toFile())
                        .trustManager(certs.resolve("client.pem").toFile()).clientAuth(ClientAuth.REQUIRE).build())
                .addService(ServerInterceptors.intercept(new Frontend(), recorder))
                .addService(health.getHealthService())
                .build().start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void a_client_certificate_and_an_api_key_reach_a_frontend_that_requires_them() {
        EngineChoice.Temporal engine = engine(Optional.of(new EngineChoice.Tls(Optional.of("client.pem"),
                Optional.of("client.key"), Optional.of("server.pem"))), Optional.of("TEMPORAL_API_KEY"));
        AUTHORIZATION.clear();

        try (TemporalService service = TemporalService.connect(engine, certs.resolve("synod.yaml"),
                Map.of("TEMPORAL_API_KEY", KEY + "\n"))) {
            assertThat(service.describe()).isEqualTo("127.0.0.1:" + server.getPort()
                    + " (namespace synod, mTLS, API key from TEMPORAL_API_KEY)");
        }
        // The health check, the system info and the namespace's description all carried the key.
        assertThat(AUTHORIZATION).isNotEmpty().allMatch(("Bearer " + KEY)::equals);
    }

    @Test
    void without_the_client_certificate_or_without_tls_the_connection_is_refused_in_one_message() {
        EngineChoice.Temporal noCertificate = engine(Optional.of(new EngineChoice.Tls(Optional.empty(), Optional.empty(),
                Optional.of("server.pem"))), Optional.empty());
        EngineChoice.Temporal plaintext = engine(Optional.empty(), Optional.empty());

        for (EngineChoice.Temporal engine : List.of(noCertificate, plaintext)) {
            assertThatThrownBy(() -> TemporalService.connect(engine, certs.resolve("synod.yaml"), Map.of()).close())
                    .isInstanceOf(SynodException.InvalidInput.class)
                    .hasMessageStartingWith("cannot reach the Temporal service at 127.0.0.1:" + server.getPort()
                            + " (engine.temporal.target of " + certs.resolve("synod.yaml") + ") within 5s: ")
                    .hasMessageEndingWith("; expected a Temporal frontend there (temporal server start-dev starts one"
                            + " locally)")
                    .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
        }
    }

    @Test
    void a_server_certificate_that_the_ca_file_does_not_vouch_for_is_refused() {
        // The client's own certificate as the CA: the server's certificate does not chain to it.
        EngineChoice.Temporal engine = engine(Optional.of(new EngineChoice.Tls(Optional.of("client.pem"),
                Optional.of("client.key"), Optional.of("client.pem"))), Optional.empty());

        assertThatThrownBy(() -> TemporalService.connect(engine, certs.resolve("synod.yaml"), Map.of()).close())
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageStartingWith("cannot reach the Temporal service at 127.0.0.1:" + server.getPort());
    }

    @Test
    void a_missing_key_variable_or_file_is_named_and_no_key_is_shown() throws IOException {
        EngineChoice.Temporal keyed = engine(Optional.of(new EngineChoice.Tls(Optional.of("client.pem"),
                Optional.of("client.key"), Optional.of("server.pem"))), Optional.of("TEMPORAL_API_KEY"));
        Path config = certs.resolve("synod.yaml");
        assertThatThrownBy(() -> TemporalService.connect(keyed, config, Map.of()))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage("engine.temporal.api-key-env of " + config + " names TEMPORAL_API_KEY, which is not set;"
                        + " expected it to hold the API key of namespace synod");
        assertThatThrownBy(() -> TemporalService.connect(keyed, config, Map.of("TEMPORAL_API_KEY", " ")))
                .hasMessageContaining("names TEMPORAL_API_KEY, which is empty;");

        EngineChoice.Temporal missing = engine(Optional.of(new EngineChoice.Tls(Optional.of("nowhere/client.pem"),
                Optional.of("client.key"), Optional.empty())), Optional.empty());
        assertThatThrownBy(() -> TemporalService.connect(missing, config, Map.of()))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage("engine.temporal.tls.cert of " + config + ": cannot read "
                        + certs.resolve("nowhere/client.pem") + " (no such file); expected a client certificate chain (PEM)");

        // A certificate where the key belongs: the file is named, its content is not shown.
        EngineChoice.Temporal swapped = engine(Optional.of(new EngineChoice.Tls(Optional.of("client.pem"),
                Optional.of("client.pem"), Optional.empty())), Optional.empty());
        String certificate = Files.readString(certs.resolve("client.pem"));
        String body = certificate.lines().skip(1).findFirst().orElseThrow();
        assertThatThrownBy(() -> TemporalService.connect(swapped, config, Map.of()))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageStartingWith("engine.temporal.tls of " + config + ": cannot use the client certificate client.pem"
                        + " with key client.pem: ")
                .hasMessageNotContaining(body);
    }

    private static EngineChoice.Temporal engine(Optional<EngineChoice.Tls> tls, Optional<String> apiKey) {
        return new EngineChoice.Temporal("127.0.0.1:" + server.getPort(), "synod", Optional.empty(), tls, apiKey);
    }

    /**
     * A self-signed certificate {@code NAME.pem} and its key {@code NAME.key} (PKCS #8), made by
     * keytool into a PKCS #12 store and written out as PEM.
     */
    private static void pem(String name, String extension) throws Exception {
        Path store = certs.resolve(name + ".p12");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", name,
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=synod-test-" + name,
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"));
        if (extension != null) {
            command.addAll(List.of("-ext", extension));
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        Files.writeString(certs.resolve(name + ".pem"), armour("CERTIFICATE", keys.getCertificate(name).getEncoded()));
        Files.writeString(certs.resolve(name + ".key"),
                armour("PRIVATE KEY", keys.getKey(name, "changeit".toCharArray()).getEncoded()));
    }

    private static String armour(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The two calls a Synod command makes before its own: the system's capabilities and the namespace. */
    private static final class Frontend extends WorkflowServiceGrpc.WorkflowServiceImplBase {
        @Override
        public void getSystemInfo(GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> response) {
            response.onNext(GetSystemInfoResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void describeNamespace(DescribeNamespaceRequest request, StreamObserver<DescribeNamespaceResponse> response) {
            response.onNext(DescribeNamespaceResponse.getDefaultInstance());
            response.onCompleted();
        }
    }
}
