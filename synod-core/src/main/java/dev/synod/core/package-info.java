/**
 * The runtime's pure heart: a {@link dev.synod.core.Plan} compiled from a checked choreography,
 * the journal's {@link dev.synod.core.Event}s, the {@link dev.synod.core.Command}s an engine
 * executes, and the {@link dev.synod.core.Interpreter} that folds events into a state and
 * derives the next commands from it, with no clock, no randomness and no I/O.
 */
package dev.synod.core;
