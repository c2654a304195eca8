/**
 * Scripted agents ({@code provider: scripted}): a LangChain4j {@code ChatModel} that answers from a
 * YAML script, with text and tool calls, so the examples and the tests drive the real tool loop.
 * Never a silent stand-in for a missing model key.
 */
package dev.synod.runtime.agents.scripted;
