package dev.synod.runtime.agents.cli;

import dev.synod.core.Agent;
import dev.synod.core.BlobStore;
import dev.synod.core.Blobs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session of a call made without the engine (the two-argument forms of {@link Agent}): no
 * budget, heartbeats go nowhere, and transcripts are kept in memory only as long as the session.
 */
final class DetachedSession implements Agent.Session {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

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
        return new BlobStore() {
            @Override
            public String put(byte[] content) {
                String hash = Blobs.hash(content);
                blobs.putIfAbsent(hash, content.clone());
                return hash;
            }

            @Override
            public Optional<byte[]> get(String hash) {
                return Optional.ofNullable(blobs.get(hash)).map(byte[]::clone);
            }
        };
    }
}
