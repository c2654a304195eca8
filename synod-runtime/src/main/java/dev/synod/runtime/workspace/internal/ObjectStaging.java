package dev.synod.runtime.workspace.internal;

import dev.synod.core.SynodException;
import dev.synod.runtime.workspace.ObjectLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Where a repository's new objects go: straight into its object directory until
 * {@link #stageObjectsIn}, then into {@link StagedObjects} (memory and the journal), from which
 * they are written into the repository as one pack at a time ({@link PackFiles}).
 */
public final class ObjectStaging {
    /** Staged objects beyond this many bytes are flushed into the repository, to bound the memory they take. */
    static final long STAGED_BYTES_BOUND = 64L << 20;

    private final Repository repository;
    private final Path directory;
    private final Object flushing = new Object();
    // Null until stageObjectsIn: until then objects go straight into the object directory.
    private volatile StagedObjects staged;

    public ObjectStaging(Repository repository, Path directory) {
        this.repository = repository;
        this.directory = directory;
    }

    /**
     * From now on, new objects are staged in {@code log}. Objects the log still holds from a
     * process that stopped before flushing them are flushed first, each checked against its
     * content: a damaged one stops everything before anything is written or forgotten.
     *
     * @throws SynodException.Corrupted naming each object whose content is not what its id says
     */
    public void stageObjectsIn(ObjectLog log) {
        synchronized (flushing) {
            List<ObjectLog.Entry> leftovers = log.entries();
            verify(leftovers);
            if (!leftovers.isEmpty()) {
                writePack(leftovers);
                log.forget(leftovers.stream().map(ObjectLog.Entry::id).toList());
            }
            staged = new StagedObjects(log);
        }
    }

    /**
     * Refuses objects whose content does not hash to their id. Packing such an object would file
     * it under its true id, and every commit naming the logged id would be missing later.
     */
    private void verify(List<ObjectLog.Entry> objects) {
        List<String> damaged = new ArrayList<>();
        for (ObjectLog.Entry e : objects) {
            String found;
            if (e.data() == null) {
                found = "no content";
            } else if (e.type() != Constants.OBJ_BLOB && e.type() != Constants.OBJ_TREE
                    && e.type() != Constants.OBJ_COMMIT && e.type() != Constants.OBJ_TAG) {
                found = "type " + e.type() + ", which is no git object type";
            } else {
                ObjectId actual = ObjectIds.idFor(e.type(), e.data());
                found = actual.name().equals(e.id()) ? null : "content whose id is " + actual.name();
            }
            if (found != null) {
                damaged.add("expected git object " + e.id() + ", found " + found);
            }
        }
        if (!damaged.isEmpty()) {
            throw new SynodException.Corrupted("the git objects staged in the journal for " + directory + " are damaged ("
                    + damaged.size() + " of " + objects.size() + "): " + String.join("; ",
                    damaged.subList(0, Math.min(5, damaged.size()))) + (damaged.size() > 5 ? "; …" : ""), null);
        }
    }

    /** Writes every staged object into the repository, durably, as one pack; then the log drops them. */
    public void flushStaged() {
        StagedObjects s = staged;
        if (s == null) {
            return;
        }
        synchronized (flushing) {
            List<ObjectLog.Entry> batch = s.snapshot();
            if (!batch.isEmpty()) {
                writePack(batch);
                s.flushed(batch);
            }
        }
    }

    private void writePack(List<ObjectLog.Entry> objects) {
        try {
            // Only once the pack is on disk may the log forget its objects: PackFiles forces it there.
            PackFiles.write(objects, repository.getDirectory().toPath().resolve("objects").resolve("pack"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the run's git objects into " + directory.resolve(".git")
                    + ": " + e.getMessage(), e);
        }
    }

    /** An inserter into the staged objects, or into the repository before staging began. */
    public ObjectInserter inserter() {
        StagedObjects s = staged;
        if (s == null) {
            return repository.newObjectInserter();
        }
        if (s.bytes() > STAGED_BYTES_BOUND) {
            flushStaged();
        }
        return new StagingInserter(s, repository);
    }

    /** A reader that sees the staged objects and the repository's. */
    public ObjectReader reader() {
        StagedObjects s = staged;
        return s == null ? repository.newObjectReader() : new OverlayReader(s, repository.newObjectReader());
    }
}
