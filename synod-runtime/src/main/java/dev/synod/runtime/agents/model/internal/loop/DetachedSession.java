package dev.synod.runtime.agents.model.internal.loop;

import dev.synod.core.Agent;
import dev.synod.core.BlobStore;
import dev.synod.core.Blobs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session of a call without the engine (the two-argument {@code perform}): nothing journaled
 * before, no budget, payloads kept in memory for the call's length only.
 */
public final class DetachedSession implements Agent.Session {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final BlobStore store = new BlobStore() {
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

    @Override
    public List<Agent.Turn> turns() {
        return List.of();
    }

    @Override
    public void record(Agent.Turn turn) {
        // Nothing to journal outside the engine.
    }

    @Override
    public Optional<String> refusal() {
        return Optional.empty();
    }

    @Override
    public void heartbeat() {
        // No failure detector watches a call outside the engine.
    }

    @Override
    public BlobStore blobs() {
        return store;
    }
}
