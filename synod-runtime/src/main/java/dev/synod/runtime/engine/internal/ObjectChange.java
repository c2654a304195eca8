package dev.synod.runtime.engine.internal;

import dev.synod.runtime.workspace.ObjectLog;

/**
 * A change to the journal's {@code objects} table, queued until a transaction applies it. Changes
 * are applied in the order they were queued, so an object forgotten and then added again stays.
 */
sealed interface ObjectChange {
    /** When it was queued, by {@link System#nanoTime()}: how long it has waited for a commit. */
    long queuedAt();

    /** Keep the object ({@code INSERT OR IGNORE}: the same id is the same content). */
    record Add(ObjectLog.Entry entry, long queuedAt) implements ObjectChange {
    }

    /** Drop the object: the repository has it now. */
    record Forget(String id, long queuedAt) implements ObjectChange {
    }
}
