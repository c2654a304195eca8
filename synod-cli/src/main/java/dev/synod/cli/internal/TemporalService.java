package dev.synod.cli.internal;

import dev.synod.core.SynodException;
import dev.synod.runtime.config.EngineChoice;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.temporal.SynodTemporal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A connection to the Temporal service of a run directory's {@code engine: { temporal: … }}: a
 * client with Synod's data converter, checked to reach the service before a command goes on.
 */
final class TemporalService implements AutoCloseable {
    /** How long a command waits for the service to answer its health check before it gives up. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static {
        // gRPC's shaded Netty reads memory through sun.misc.Unsafe unless told not to, which JDK 24 and later
        // warn about on standard error, among a command's own lines; its plain-Java path serves a client as well.
        if (System.getProperty("io.grpc.netty.shaded.io.netty.noUnsafe") == null) {
            System.setProperty("io.grpc.netty.shaded.io.netty.noUnsafe", "true");
        }
    }

    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final EngineChoice.Temporal engine;

    private TemporalService(WorkflowServiceStubs service, WorkflowClient client, EngineChoice.Temporal engine) {
        this.service = service;
        this.client = client;
        this.engine = engine;
    }

    /** The Temporal engine of {@code config}, when it names one. */
    static Optional<EngineChoice.Temporal> of(SynodConfig config) {
        return config.engine() instanceof EngineChoice.Temporal t ? Optional.of(t) : Optional.empty();
    }

    /**
     * Connects to {@code engine}'s service and checks that it answers and has the namespace.
     *
     * @param config the {@code synod.yaml} that names it, for messages
     * @throws SynodException.InvalidInput when nothing answers at the target within {@link #CONNECT_TIMEOUT},
     *     or the service has no such namespace
     */
    static TemporalService connect(EngineChoice.Temporal engine, Path config) {
        return connect(engine, config, System.getenv());
    }

    /** As {@link #connect(EngineChoice.Temporal, Path)}, an API key read from {@code environment}. */
    static TemporalService connect(EngineChoice.Temporal engine, Path config, Map<String, String> environment) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(engine.target());
        engine.tls().ifPresent(tls -> options.setSslContext(sslContext(tls, config)));
        engine.apiKeyVariable().ifPresent(variable -> {
            String key = environment.get(variable);
            if (key == null || key.isBlank()) {
                throw new SynodException.InvalidInput("engine.temporal.api-key-env of " + config + " names " + variable
                        + ", which is " + (key == null ? "not set" : "empty") + "; expected it to hold the API key of"
                        + " namespace " + engine.namespace());
            }
            String token = key.strip();
            options.addApiKey(() -> token);
        });
        WorkflowServiceStubs service;
        try {
            service = WorkflowServiceStubs.newConnectedServiceStubs(options.build(), CONNECT_TIMEOUT);
        } catch (RuntimeException e) {
            throw new SynodException.InvalidInput("cannot reach the Temporal service at " + engine.target()
                    + " (engine.temporal.target of " + config + ") within " + CONNECT_TIMEOUT.toSeconds() + "s: "
                    + reason(e) + "; expected a Temporal frontend there (temporal server start-dev starts one locally)");
        }
        try {
            service.blockingStub().withDeadlineAfter(CONNECT_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(engine.namespace()).build());
        } catch (StatusRuntimeException e) {
            // Temporal's own test server implements no namespaces: any name is served.
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                service.shutdownNow();
                throw new SynodException.InvalidInput("the Temporal service at " + engine.target() + " has no namespace '"
                        + engine.namespace() + "' (engine.temporal.namespace of " + config + "); expected an existing one"
                        + " (temporal operator namespace create " + engine.namespace() + " creates it)");
            }
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                service.shutdownNow();
                throw new SynodException.InvalidInput("the Temporal service at " + engine.target() + " refused to describe"
                        + " namespace '" + engine.namespace() + "': " + reason(e));
            }
        }
        WorkflowClient client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder()
                .setNamespace(engine.namespace()).setDataConverter(SynodTemporal.dataConverter()).build());
        return new TemporalService(service, client, engine);
    }

    /**
     * The TLS of {@code tls}: the client certificate and key for mTLS when given, the server's
     * certificate checked against {@code ca} or else the JDK's trusted certificates. Files are
     * resolved against the directory of {@code config}.
     */
    private static SslContext sslContext(EngineChoice.Tls tls, Path config) {
        Path directory = config.toAbsolutePath().getParent();
        SimpleSslContextBuilder builder = tls.cert().isEmpty() ? SimpleSslContextBuilder.noKeyOrCertChain()
                : SimpleSslContextBuilder.forPKCS8(
                        read(directory, tls.cert().get(), "cert", "a client certificate chain (PEM)", config),
                        read(directory, tls.key().get(), "key", "its private key (PKCS #8 PEM)", config));
        tls.ca().ifPresent(ca -> builder.setTrustManager(trustManager(directory, ca, config)));
        try {
            return builder.build();
        } catch (IOException | IllegalArgumentException e) {
            // Netty names the file's content, never a key's bytes: "File does not contain valid private key".
            throw new SynodException.InvalidInput("engine.temporal.tls of " + config + ": cannot use the client certificate "
                    + tls.cert().orElse("") + " with key " + tls.key().orElse("") + ": " + reason(e)
                    + "; expected a PEM certificate chain and its unencrypted PKCS #8 PEM private key");
        }
    }

    /** The bytes of {@code file} of {@code engine.temporal.tls.<key>}, resolved against {@code directory}. */
    private static InputStream read(Path directory, String file, String key, String expected, Path config) {
        Path path = directory.resolve(file);
        try {
            return new ByteArrayInputStream(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new SynodException.InvalidInput("engine.temporal.tls." + key + " of " + config + ": cannot read " + path
                    + " (" + (e instanceof NoSuchFileException ? "no such file" : e.getMessage())
                    + "); expected " + expected);
        }
    }

    /** A trust manager that accepts the server certificates that chain to the PEM certificates of {@code file}. */
    private static TrustManager trustManager(Path directory, String file, Path config) {
        InputStream in = read(directory, file, "ca", "the certificates (PEM) of the server's CA", config);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new CertificateException("no certificate in it");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers()[0];
        } catch (IOException | GeneralSecurityException e) {
            throw new SynodException.InvalidInput("engine.temporal.tls.ca of " + config + ": cannot read certificates from "
                    + directory.resolve(file) + ": " + reason(e) + "; expected one or more PEM certificates");
        }
    }

    /**
     * The git remote of {@code engine} as the directory's workers reach it: a URL ({@code
     * https://…}, {@code ssh://…}, {@code git@host:team.git}) as written, a path resolved against
     * {@code directory}, where synod.yaml is, so that every process of a machine names the same
     * repository whatever its working directory.
     */
    static Optional<String> remote(EngineChoice.Temporal engine, Path directory) {
        return engine.remote().map(r -> r.contains("://") || r.matches("[^/]+@[^/:]+:.*") ? r
                : directory.toAbsolutePath().resolve(r).normalize().toString());
    }

    /** The first line of what went wrong, without the gRPC and Java class names in front of it. */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof StatusRuntimeException)) {
            cause = cause.getCause();
        }
        String message = cause instanceof StatusRuntimeException s
                ? s.getStatus().getCode() + (s.getStatus().getDescription() == null ? "" : ": " + s.getStatus().getDescription())
                : String.valueOf(cause.getMessage());
        return message.lines().findFirst().orElse(message);
    }

    WorkflowClient client() {
        return client;
    }

    /**
     * {@code 127.0.0.1:7233 (namespace default)}, as commands name the service they use, with
     * {@code , mTLS} or {@code , TLS} and {@code , API key from VAR} when the connection has them.
     */
    String describe() {
        String tls = engine.tls().map(t -> t.cert().isPresent() ? ", mTLS" : ", TLS").orElse("");
        String key = engine.apiKeyVariable().map(v -> ", API key from " + v).orElse("");
        return engine.target() + " (namespace " + engine.namespace() + tls + key + ")";
    }

    @Override
    public void close() {
        service.shutdown();
        if (!service.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
            service.shutdownNow();
        }
    }
}
