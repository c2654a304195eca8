/**
 * The embedded engine, which runs a plan on one machine. Its state lives in the run directory's
 * {@code .synod/}: {@link dev.synod.runtime.engine.LocalStorage} opens the journal and the blob
 * store there; their implementations are in {@code internal}.
 */
package dev.synod.runtime.engine;
