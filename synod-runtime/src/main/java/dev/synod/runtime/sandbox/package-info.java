/**
 * The sandbox that agent-written code runs in: {@link dev.synod.runtime.sandbox.Sandbox} starts a
 * command under bubblewrap (no network, read-only system, the workspace the only writable place,
 * a scrubbed environment, process, memory and time limits) or, with {@code sandbox: none}, directly
 * with the same environment scrubbing and limits. Gates and command-line agents use it. How the
 * command line is built and the limits enforced is in {@code internal}.
 */
package dev.synod.runtime.sandbox;
