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
     * {@code engine: { temporal: { target, namespace, remote } }}: the team runs as a Temporal
     * workflow, its effects on {@code synod worker} processes (docs/temporal.md).
     *
     * @param target    the Temporal frontend's {@code host:port}; {@value #DEFAULT_TARGET} unless given
     * @param namespace the Temporal namespace; {@value #DEFAULT_NAMESPACE} unless given
     * @param remote    the git remote through which workers on other machines share the run's
     *                  commits, when given; without one every worker works on the one run directory
     */
    record Temporal(String target, String namespace, Optional<String> remote) implements EngineChoice {
        public static final String DEFAULT_TARGET = "127.0.0.1:7233";
        public static final String DEFAULT_NAMESPACE = "default";

        public Temporal {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(remote, "remote");
        }

        /** A local Temporal service's defaults: {@value #DEFAULT_TARGET}, namespace {@value #DEFAULT_NAMESPACE}, no remote. */
        public static Temporal defaults() {
            return new Temporal(DEFAULT_TARGET, DEFAULT_NAMESPACE, Optional.empty());
        }
    }
}
