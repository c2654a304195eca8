package dev.synod.temporal.internal;

import dev.synod.core.BlobStore;
import dev.synod.core.Blobs;
import dev.synod.core.SynodException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blob store of a worker whose team shares a git remote: the worker's own store
 * ({@code .synod/blobs/}) in front of the remote's {@code refs/synod/blobs/*}. A blob stored
 * here is pushed by the next {@link #push}, which every command calls before it returns its
 * result; a blob this worker lacks (an earlier turn another worker made, a transcript the starter
 * reads) is fetched from the remote and kept.
 *
 * <p>The remote rather than a shared directory, because every worker already reaches it and it
 * needs no shared file system across machines; blobs are content-addressed, so any worker may
 * push any of them.
 */
public final class SharedBlobs implements BlobStore {
    private final BlobStore local;
    private final SharedRemote remote;
    private final Set<String> unpushed = ConcurrentHashMap.newKeySet();

    public SharedBlobs(BlobStore local, SharedRemote remote) {
        this.local = local;
        this.remote = remote;
    }

    @Override
    public String put(byte[] content) {
        String hash = local.put(content);
        unpushed.add(hash);
        return hash;
    }

    @Override
    public Optional<byte[]> get(String hash) {
        Optional<byte[]> here = local.get(hash);
        if (here.isPresent()) {
            return here;
        }
        Optional<byte[]> fetched = remote.fetchBlob(hash);
        fetched.ifPresent(content -> {
            if (!Blobs.hash(content).equals(hash)) {
                throw new SynodException.Corrupted("expected the blob " + hash + " on the git remote " + remote.shown()
                        + ", found content whose hash is " + Blobs.hash(content), null);
            }
            local.put(content);
        });
        return fetched;
    }

    /**
     * Pushes every blob stored here and not pushed yet, whichever command stored it. One push at a
     * time: a command that calls this while another's push runs returns only after that push,
     * which may be carrying its blobs.
     */
    public synchronized void push() {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String hash : Set.copyOf(unpushed)) {
            byte[] content = local.get(hash).orElseThrow(() -> new SynodException.Corrupted("expected the blob " + hash
                    + " in this worker's store, found none", null));
            contents.put(hash, content);
        }
        remote.pushBlobs(contents);
        unpushed.removeAll(contents.keySet());
    }
}
