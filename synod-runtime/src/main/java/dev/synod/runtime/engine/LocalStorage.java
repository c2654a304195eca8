package dev.synod.runtime.engine;

import dev.synod.core.BlobStore;
import dev.synod.core.Journal;
import dev.synod.core.SynodException;
import dev.synod.runtime.engine.internal.FileBlobStore;
import dev.synod.runtime.engine.internal.SqliteJournal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
     * Opens the stored runs of {@code runDirectory} as they are, for inspecting, resuming or
     * answering them: nothing is created or repaired, so a directory without runs stays as it was.
     *
     * @throws dev.synod.core.SynodException.InvalidInput when the directory has no journal (no runs
     *     were started in it), or it is not a journal this Synod reads
     * @throws dev.synod.core.SynodException.Corrupted when the journal there cannot be trusted (an
     *     empty or damaged file)
     */
    public static LocalStorage open(Path runDirectory) {
        Path journal = runDirectory.resolve(JOURNAL);
        if (!Files.exists(journal, LinkOption.NOFOLLOW_LINKS)) {
            throw new SynodException.InvalidInput("no runs in " + runDirectory + "; start one with synod run");
        }
        return new LocalStorage(SqliteJournal.openExisting(journal), FileBlobStore.existing(runDirectory.resolve(BLOBS)));
    }

    /**
     * Opens the state of {@code runDirectory} for a new run, creating {@code .synod/}, the
     * journal and the blob directory when they do not exist yet. Call it only once the run has
     * been accepted: what it creates stays.
     *
     * @throws dev.synod.core.SynodException.Corrupted when the journal there cannot be trusted
     * @throws dev.synod.core.SynodException.InvalidInput when it is not a journal this Synod reads
     */
    public static LocalStorage openOrCreate(Path runDirectory) {
        SqliteJournal journal = SqliteJournal.open(runDirectory.resolve(JOURNAL));
        try {
            return new LocalStorage(journal, FileBlobStore.open(runDirectory.resolve(BLOBS)));
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
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
