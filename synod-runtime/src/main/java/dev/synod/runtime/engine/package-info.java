/**
 * The embedded engine, which runs a plan on one machine: it drives the interpreter, journals
 * every intent before its effect and every result before the interpreter sees it, runs effects
 * concurrently on virtual threads, and recovers a killed run by re-running only the effects that
 * were in flight. Its state lives in the run directory's {@code .synod/}:
 * {@link dev.synod.runtime.engine.LocalStorage} opens the journal and the blob store there; their
 * implementations are in {@code internal}.
 */
package dev.synod.runtime.engine;
