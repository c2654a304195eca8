package dev.synod.runtime.workspace.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Reads staged objects first and the repository's after: every read of the workspace sees the
 * objects of the run, flushed or not. Like any {@link ObjectReader}, one thread's.
 */
public final class OverlayReader extends ObjectReader {
    private final StagedObjects staged;
    private final ObjectReader repository;

    public OverlayReader(StagedObjects staged, ObjectReader repository) {
        this.staged = staged;
        this.repository = repository;
    }

    @Override
    public ObjectReader newReader() {
        return new OverlayReader(staged, repository.newReader());
    }

    @Override
    public Collection<ObjectId> resolve(AbbreviatedObjectId id) throws IOException {
        return repository.resolve(id);
    }

    @Override
    public boolean has(AnyObjectId id) throws IOException {
        return staged.get(id) != null || repository.has(id);
    }

    @Override
    public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
        StagedObjects.Staged s = staged.get(id);
        if (s != null) {
            if (typeHint != OBJ_ANY && s.type() != typeHint) {
                throw new IncorrectObjectTypeException(id.copy(), typeHint);
            }
            return new ObjectLoader.SmallObject(s.type(), s.data());
        }
        ObjectLoader loader = repository.open(id, typeHint);
        staged.knownInRepository(id);
        return loader;
    }

    @Override
    public Set<ObjectId> getShallowCommits() throws IOException {
        return repository.getShallowCommits();
    }

    @Override
    public void close() {
        repository.close();
    }
}
