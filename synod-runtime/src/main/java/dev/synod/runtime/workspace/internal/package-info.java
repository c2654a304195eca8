/**
 * How {@link dev.synod.runtime.workspace.GitRepository} keeps git cheap on the engine's path:
 * new objects staged in memory and in the journal instead of loose files, and what the files of
 * a reused directory were when Synod last wrote or read them.
 */
package dev.synod.runtime.workspace.internal;
