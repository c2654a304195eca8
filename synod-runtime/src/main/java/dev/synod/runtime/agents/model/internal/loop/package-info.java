/**
 * The tool loop of {@link dev.synod.runtime.agents.model.ModelAgent}: the loop and its journaled
 * turns, the tools over a workspace, the path guard that keeps them in scope, and the instructions.
 */
package dev.synod.runtime.agents.model.internal.loop;
