/**
 * How the gates work inside: the warm in-process compiler, the choice of sources, class paths
 * from {@code synod.yaml} and from Maven, and the parsing of tool output into diagnostics.
 */
package dev.synod.runtime.gates.internal;
