package dev.synod.runtime.workspace.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackParser;

/**
 * Inserts into {@link StagedObjects} instead of the repository's object directory: no loose
 * file, no existence check on disk, so committing an attempt costs a hash and a map entry.
 * {@link #flush()} has nothing to do: durability comes from the journal's commit. An object over
 * {@link #LARGE_OBJECT_BYTES} read from a stream is the exception: it goes into the repository
 * at once, durably ({@link LooseObjects}).
 */
public final class StagingInserter extends ObjectInserter {
    /** Objects larger than this are written into the repository at once, streamed, rather than staged. */
    static final long LARGE_OBJECT_BYTES = 16L << 20;

    private final StagedObjects staged;
    private final Repository repository;

    public StagingInserter(StagedObjects staged, Repository repository) {
        this.staged = staged;
        this.repository = repository;
    }

    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) {
        return staged.put(type, off == 0 && len == data.length ? data.clone() : Arrays.copyOfRange(data, off, off + len));
    }

    @Override
    public ObjectId insert(int type, long length, InputStream in) throws IOException {
        if (length > LARGE_OBJECT_BYTES) {
            // Not staged: the journal would hold it in one row and memory whole (see LooseObjects).
            ObjectId id = LooseObjects.write(repository.getDirectory().toPath().resolve("objects"), type, length,
                    in);
            staged.knownInRepository(id);
            return id;
        }
        byte[] data = in.readNBytes((int) length);
        if (data.length != length) {
            throw new IOException("expected " + length + " bytes of object content, found " + data.length);
        }
        return staged.put(type, data);
    }

    @Override
    public PackParser newPackParser(InputStream in) {
        throw new UnsupportedOperationException("packs are not received into staged objects");
    }

    @Override
    public ObjectReader newReader() {
        return new OverlayReader(staged, repository.newObjectReader());
    }

    @Override
    public void flush() {
        // Durable with the journal's next commit; see StagedObjects.
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}
