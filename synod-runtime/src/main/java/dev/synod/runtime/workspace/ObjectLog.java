package dev.synod.runtime.workspace;

import java.util.Collection;
import java.util.List;

/**
 * Where the git objects a run creates wait, durably, between their creation and their flush
 * into the repository. The embedded engine's journal is one: an object added here is written in
 * the same SQLite transaction as the events appended after it, so one fsync makes both durable,
 * and an event can never name a commit whose objects a crash lost.
 *
 * <p>The ordering rule every implementation keeps: an object {@link #add added} before an
 * append is requested is durable no later than that append. Implementations are safe for use by
 * several threads at once.
 */
public interface ObjectLog {

    /**
     * One git object.
     *
     * @param id   its object name, 40 hex digits
     * @param type its type, one of JGit's {@code Constants.OBJ_COMMIT}, {@code OBJ_TREE} or {@code OBJ_BLOB}
     * @param data its raw content, without the git header and not compressed
     */
    record Entry(String id, int type, byte[] data) {
    }

    /** Queues the object; it becomes durable with the next commit. Returns at once. */
    void add(Entry object);

    /** The objects durably logged and not yet forgotten, by this process or an earlier one. */
    List<Entry> entries();

    /**
     * The objects are durable in the repository now, so the log may drop them. The drop happens
     * with a later commit and is not awaited: one that a crash prevents only means the objects
     * are flushed again.
     */
    void forget(Collection<String> ids);
}
