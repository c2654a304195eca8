package dev.synod.runtime.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code engine:} of {@code synod.yaml}: which engine runs the team, the embedded one
 * ({@code engine: local}, the default) or a Temporal service ({@code engine: { temporal: { … } }}).
 */
public sealed interface EngineChoice {
    /** {@code engine: local} (the default): the embedded engine on a SQLite journal in {@code .synod/}. */
    record Local() implements EngineChoice {
    }

    /**
     * {@code engine: { temporal: { target, namespace, remote, tls, api-key-env } }}: the team runs
     * as a Temporal workflow, its effects on {@code synod worker} processes (docs/temporal.md).
     *
     * @param target         the Temporal frontend's {@code host:port}; {@value #DEFAULT_TARGET} unless given
     * @param namespace      the Temporal namespace; {@value #DEFAULT_NAMESPACE} unless given
     * @param remote         the git remote through which workers on other machines share the run's
     *                       commits, when given; without one every worker works on the one run directory
     * @param tls            how the connection is encrypted, when it is: {@code tls: true}, or client
     *                       certificates and a CA for mTLS; an API key implies TLS with the JDK's trust
     * @param apiKeyVariable the environment variable that holds an API key (Temporal Cloud's), sent
     *                       as a bearer token; the key itself is never in synod.yaml
     */
    record Temporal(String target, String namespace, Optional<String> remote, Optional<Tls> tls,
            Optional<String> apiKeyVariable) implements EngineChoice {
        public static final String DEFAULT_TARGET = "127.0.0.1:7233";
        public static final String DEFAULT_NAMESPACE = "default";

        public Temporal {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(remote, "remote");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(apiKeyVariable, "apiKeyVariable");
            if (apiKeyVariable.isPresent() && tls.isEmpty()) {
                tls = Optional.of(Tls.SERVER_ONLY);
            }
        }

        /** A plaintext connection, as to a local service or one inside a private network. */
        public Temporal(String target, String namespace, Optional<String> remote) {
            this(target, namespace, remote, Optional.empty(), Optional.empty());
        }

        /** A local Temporal service's defaults: {@value #DEFAULT_TARGET}, namespace {@value #DEFAULT_NAMESPACE}, no remote. */
        public static Temporal defaults() {
            return new Temporal(DEFAULT_TARGET, DEFAULT_NAMESPACE, Optional.empty());
        }
    }

    /**
     * {@code tls:} of {@code engine.temporal}: TLS to the frontend. Paths are as written in
     * synod.yaml; a relative one is resolved against its directory when the connection is made.
     *
     * @param cert the client certificate chain (PEM) for mTLS, with {@code key}
     * @param key  the client certificate's private key (PKCS #8 PEM), with {@code cert}
     * @param ca   the certificates (PEM) that the server's must chain to, when not the JDK's trusted ones
     */
    record Tls(Optional<String> cert, Optional<String> key, Optional<String> ca) {
        /** {@code tls: true}: the server's certificate checked against the JDK's trust, no client certificate. */
        public static final Tls SERVER_ONLY = new Tls(Optional.empty(), Optional.empty(), Optional.empty());

        public Tls {
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(ca, "ca");
            if (cert.isPresent() != key.isPresent()) {
                throw new IllegalArgumentException("a client certificate and its key go together");
            }
        }
    }
}
