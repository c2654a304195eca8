/**
 * Stub model servers that speak the real wire formats of OpenAI chat completions
 * ({@link dev.synod.testkit.stub.OpenAiStub}), Anthropic messages
 * ({@link dev.synod.testkit.stub.AnthropicStub}) and Ollama chat
 * ({@link dev.synod.testkit.stub.OllamaStub}), tool calls included, on a loopback port.
 *
 * <p>A test enqueues {@link dev.synod.testkit.stub.Reply replies} (text, tool calls, or a fault:
 * a status with {@code Retry-After}, a slow answer, garbage, a malformed tool call), points a real
 * client at {@link dev.synod.testkit.stub.StubModelServer#baseUrl()}, and asserts on the
 * {@link dev.synod.testkit.stub.RecordedRequest requests} the server received. A request that
 * does not have the shape its API requires is answered with HTTP 400 and the provider's own error
 * body, naming what was wrong, as the real service would refuse it.
 */
package dev.synod.testkit.stub;
