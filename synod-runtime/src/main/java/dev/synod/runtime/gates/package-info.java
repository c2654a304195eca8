/**
 * Deterministic gates: each checks a tree and gives a verdict (ARCHITECTURE.md §6). The built-in
 * {@code exists}, {@code compile} (javac in process) and {@code lint} (Checkstyle in process);
 * {@link dev.synod.runtime.gates.Diagnostics}, which the engine applies to every gate's verdict so
 * that diagnostics reach agents as {@code path:line:col: message}, relative and capped; and the
 * {@link dev.synod.runtime.gates.VerdictCache} of the verdicts of
 * {@link dev.synod.runtime.gates.CacheableGate}s by tree.
 */
package dev.synod.runtime.gates;
