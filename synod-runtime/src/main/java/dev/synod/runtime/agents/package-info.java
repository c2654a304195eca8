/**
 * Agents: the participants of a run, built per model alias by {@link dev.synod.runtime.agents.Agents}.
 * Scripted agents drive the examples and the tests; CLI agents ({@code cli}) run external coding
 * agents as processes; {@link dev.synod.runtime.agents.Instructions} is what every agent is told.
 */
package dev.synod.runtime.agents;
