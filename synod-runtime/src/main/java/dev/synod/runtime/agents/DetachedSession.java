package dev.synod.runtime.agents;

import dev.synod.core.Agent;
import dev.synod.core.BlobStore;
import dev.synod.core.Blobs;
import java.util.List;
import java.util.Optional;

/**
 * The session of a call made without the engine (the two-argument forms of {@link Agent}): nothing
 * journaled before, no budget, heartbeats go nowhere, and payloads are hashed but kept nowhere:
 * with nothing journaled, nothing is ever replayed, so nothing needs to be kept. A caller that
 * wants to see the payloads (a test) gives a blob store of its own.
 */
public final class DetachedSession implements Agent.Session {
    private static final BlobStore HASH_ONLY = new BlobStore() {
        @Override
        public String put(byte[] content) {
            return Blobs.hash(content);
        }

        @Override
        public Optional<byte[]> get(String hash) {
            return Optional.empty();
        }
    };

    private final BlobStore blobs;

    /** A session whose payloads are hashed and kept nowhere. */
    public DetachedSession() {
        this(HASH_ONLY);
    }

    /** A session whose payloads go to {@code blobs}. */
    public DetachedSession(BlobStore blobs) {
        this.blobs = blobs;
    }

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
        return blobs;
    }
}
