/**
 * The embedded engine: drives the interpreter, journals every intent before its effect and every
 * result before the interpreter sees it, runs effects concurrently on virtual threads, and
 * recovers a killed run by re-running only the effects that were in flight.
 */
package dev.synod.runtime.engine;
