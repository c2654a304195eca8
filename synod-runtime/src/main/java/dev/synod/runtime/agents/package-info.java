/** Agents: the participants of a run. Scripted agents drive the examples and the tests. */
package dev.synod.runtime.agents;
