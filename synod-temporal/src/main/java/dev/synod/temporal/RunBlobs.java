package dev.synod.temporal;

import dev.synod.core.BlobStore;
import dev.synod.temporal.internal.SharedBlobs;
import dev.synod.temporal.internal.SharedRemote;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The blobs of a run on Temporal as a command that reads the run (status, log, replay, report)
 * sees them: the run directory's own store, and with a git remote the blobs other workers made
 * (their turns' transcripts), fetched from it when first read and kept.
 */
public final class RunBlobs implements BlobStore, AutoCloseable {
    private final BlobStore blobs;
    private final Optional<SharedRemote> remote;

    private RunBlobs(BlobStore blobs, Optional<SharedRemote> remote) {
        this.blobs = blobs;
        this.remote = remote;
    }

    /**
     * The blobs of {@code directory}, whose store is {@code local}, behind {@code remote} when
     * there is one.
     *
     * @throws dev.synod.core.SynodException.InvalidInput when the remote is not a git repository this machine reaches
     */
    public static RunBlobs open(Path directory, BlobStore local, Optional<String> remote) {
        Optional<SharedRemote> shared = remote.map(url -> SharedRemote.open(directory, url));
        return new RunBlobs(shared.<BlobStore>map(r -> new SharedBlobs(local, r)).orElse(local), shared);
    }

    @Override
    public String put(byte[] content) {
        return blobs.put(content);
    }

    @Override
    public Optional<byte[]> get(String hash) {
        return blobs.get(hash);
    }

    @Override
    public void close() {
        remote.ifPresent(SharedRemote::close);
    }
}
