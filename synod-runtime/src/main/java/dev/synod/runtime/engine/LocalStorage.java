package dev.synod.runtime.engine;

import dev.synod.core.BlobStore;
import dev.synod.core.Journal;
import dev.synod.runtime.engine.internal.FileBlobStore;
import dev.synod.runtime.engine.internal.SqliteJournal;
import java.nio.file.Path;

/**
 * Where the embedded engine keeps a run directory's state: the journal in
 * {@code .synod/synod.db} (SQLite, WAL, {@code synchronous=FULL}) and large payloads under
 * {@code .synod/blobs/}. Closing it closes the journal, after committing every append in flight.
 */
public final class LocalStorage implements AutoCloseable {
    /** The journal's file, relative to the run directory. */
    public static final Path JOURNAL = Path.of(".synod", "synod.db");

    /** The blob store's directory, relative to the run directory. */
    public static final Path BLOBS = Path.of(".synod", "blobs");

    private final SqliteJournal journal;
    private final BlobStore blobs;

    private LocalStorage(SqliteJournal journal, BlobStore blobs) {
        this.journal = journal;
        this.blobs = blobs;
    }

    /**
     * Opens the state of the run directory {@code runDirectory}, creating {@code .synod/} and its
     * contents when they do not exist yet.
     *
     * @throws dev.synod.core.SynodException.Corrupted when the journal there cannot be trusted
     * @throws dev.synod.core.SynodException.InvalidInput when it is not a journal this Synod reads
     */
    public static LocalStorage open(Path runDirectory) {
        BlobStore blobs = FileBlobStore.open(runDirectory.resolve(BLOBS));
        return new LocalStorage(SqliteJournal.open(runDirectory.resolve(JOURNAL)), blobs);
    }

    /** The run directory's journal. */
    public Journal journal() {
        return journal;
    }

    /**
     * Where the run directory's repository stages new git objects: in the journal, durable with
     * the events appended after them ({@link dev.synod.runtime.workspace.GitRepository#stageObjectsIn}).
     */
    public dev.synod.runtime.workspace.ObjectLog objectLog() {
        return journal.objectLog();
    }

    /** The run directory's blob store. */
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public void close() {
        journal.close();
    }
}
