/** Deterministic gates: each checks a tree and gives a verdict with normalized diagnostics. */
package dev.synod.runtime.gates;
