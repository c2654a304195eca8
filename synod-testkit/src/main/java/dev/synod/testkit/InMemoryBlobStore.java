package dev.synod.testkit;

import dev.synod.core.BlobStore;
import dev.synod.core.Blobs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BlobStore} in memory, for engine tests. It keeps copies, never the caller's arrays. */
public final class InMemoryBlobStore implements BlobStore {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public String put(byte[] content) {
        String hash = Blobs.hash(content);
        blobs.putIfAbsent(hash, content.clone());
        return hash;
    }

    @Override
    public Optional<byte[]> get(String hash) {
        return Optional.ofNullable(blobs.get(Blobs.requireHash(hash))).map(byte[]::clone);
    }

    /** Copies of every payload stored so far, once each, in no particular order: for tests that search them all. */
    public List<byte[]> contents() {
        return blobs.values().stream().map(byte[]::clone).toList();
    }
}
