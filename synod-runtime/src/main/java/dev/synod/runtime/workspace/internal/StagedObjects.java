package dev.synod.runtime.workspace.internal;

import dev.synod.runtime.workspace.ObjectLog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The git objects created since the last flush: held in memory, where the repository's readers
 * find them first, and handed to an {@link ObjectLog}, which makes them durable with the
 * journal's next commit. A crash loses none of them: what the log holds is flushed into the
 * repository when it is opened again. Also remembers, up to a bound, objects known to be in the
 * repository already, so that they are not staged again. Safe for use by several threads.
 */
public final class StagedObjects {
    /** An object held here: its type and raw content. */
    record Staged(int type, byte[] data) {
    }

    private static final int KNOWN_BOUND = 1 << 16;

    private final ObjectLog log;
    private final Map<ObjectId, Staged> staged = new ConcurrentHashMap<>();
    private final Map<ObjectId, Boolean> known = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    public StagedObjects(ObjectLog log) {
        this.log = log;
    }

    /**
     * Stages an object unless it is staged or known to be in the repository.
     *
     * @return its id
     */
    ObjectId put(int type, byte[] data) {
        ObjectId id = ObjectIds.idFor(type, data);
        if (known.containsKey(id)) {
            return id;
        }
        if (staged.putIfAbsent(id, new Staged(type, data)) == null) {
            bytes.addAndGet(data.length);
            log.add(new ObjectLog.Entry(id.name(), type, data));
        }
        return id;
    }

    Staged get(AnyObjectId id) {
        return staged.get(id);
    }

    /** The object was found in the repository itself. */
    void knownInRepository(AnyObjectId id) {
        if (known.size() >= KNOWN_BOUND) {
            known.clear();
        }
        known.putIfAbsent(id.copy(), Boolean.TRUE);
    }

    /** How many bytes of content are staged. */
    public long bytes() {
        return bytes.get();
    }

    /** What is staged now, as the log's entries. */
    public List<ObjectLog.Entry> snapshot() {
        List<ObjectLog.Entry> out = new ArrayList<>(staged.size());
        staged.forEach((id, s) -> out.add(new ObjectLog.Entry(id.name(), s.type(), s.data())));
        return out;
    }

    /** The objects are durable in the repository: they are no longer held here nor in the log. */
    public void flushed(Collection<ObjectLog.Entry> entries) {
        List<String> ids = new ArrayList<>(entries.size());
        for (ObjectLog.Entry e : entries) {
            ObjectId id = ObjectId.fromString(e.id());
            knownInRepository(id);
            Staged removed = staged.remove(id);
            if (removed != null) {
                bytes.addAndGet(-removed.data().length);
            }
            ids.add(e.id());
        }
        log.forget(ids);
    }

    /** The log this stages into. */
    public ObjectLog log() {
        return log;
    }
}
