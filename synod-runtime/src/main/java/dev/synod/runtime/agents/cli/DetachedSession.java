package dev.synod.runtime.agents.cli;

import dev.synod.core.Agent;
import dev.synod.core.BlobStore;
import dev.synod.core.Blobs;
import java.util.List;
import java.util.Optional;

/**
 * The session of a call made without the engine (the two-argument forms of {@link Agent}): no
 * budget, heartbeats go nowhere, and blobs are hashed but kept nowhere, since no journal will
 * ever refer to them.
 */
final class DetachedSession implements Agent.Session {
    private static final BlobStore NOWHERE = new BlobStore() {
        @Override
        public String put(byte[] content) {
            return Blobs.hash(content);
        }

        @Override
        public Optional<byte[]> get(String hash) {
            return Optional.empty();
        }
    };

    @Override
    public List<Agent.Turn> turns() {
        return List.of();
    }

    @Override
    public void record(Agent.Turn turn) {
        throw new UnsupportedOperationException("a CLI agent journals no model turns");
    }

    @Override
    public Optional<String> refusal() {
        return Optional.empty();
    }

    @Override
    public void heartbeat() {
        // Nobody watches a call made without the engine.
    }

    @Override
    public BlobStore blobs() {
        return NOWHERE;
    }
}
