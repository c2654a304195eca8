/**
 * The runtime's pure heart: a {@link dev.synod.core.Plan} compiled from a checked choreography,
 * the journal's {@link dev.synod.core.Event}s, the {@link dev.synod.core.Command}s an engine
 * executes, and the {@link dev.synod.core.Interpreter} that folds events into a state and
 * derives the next commands from it, with no clock, no randomness and no I/O. It also holds the
 * plug-in points the runtimes implement: {@link dev.synod.core.Agent}, {@link dev.synod.core.Gate},
 * {@link dev.synod.core.Journal}, {@link dev.synod.core.BlobStore}, {@link dev.synod.core.Workspace}
 * and {@link dev.synod.core.Clock}.
 */
package dev.synod.core;
