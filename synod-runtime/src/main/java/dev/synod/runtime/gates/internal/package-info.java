/**
 * How the gates work inside: the warm in-process compiler, the choice of sources, class paths
 * from {@code synod.yaml} and from Maven, the parsing of tool output into diagnostics
 * normalized to {@code path:line:col: message} and capped, the test gate's sources and
 * compilation, the JUnit console launcher's jar and the reading of its XML reports.
 */
package dev.synod.runtime.gates.internal;
