/**
 * How the embedded engine keeps its state on one machine: {@link
 * dev.synod.runtime.engine.internal.SqliteJournal}, the journal in a SQLite database in WAL mode
 * whose appends are group-committed, one transaction at a time, together with the run's new git
 * objects, and {@link
 * dev.synod.runtime.engine.internal.FileBlobStore}, content-addressed files written atomically.
 * Both fail loudly on anything they cannot trust and never repair it.
 */
package dev.synod.runtime.engine.internal;
