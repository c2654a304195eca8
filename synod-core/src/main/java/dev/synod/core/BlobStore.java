package dev.synod.core;

import java.util.Optional;

/**
 * Content-addressed storage for large payloads (model transcripts, diffs, gate output), so the
 * event stream stays small: events carry the SHA-256 hash, never the payload.
 */
public interface BlobStore {

    /** Stores {@code content} durably and returns its hash (lower-case hex SHA-256). */
    String put(byte[] content);

    /** The content with this hash, verified against it. */
    Optional<byte[]> get(String hash);
}
