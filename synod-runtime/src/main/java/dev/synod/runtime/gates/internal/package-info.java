/**
 * What the sandboxed gates share: diagnostics normalized to {@code path:line:col: message} and
 * capped, the Java sources of a tree and their in-process compilation, the JUnit console
 * launcher's jar and the reading of its XML reports.
 */
package dev.synod.runtime.gates.internal;
