/**
 * How model providers are built and their failures read: the settings parser, the HTTP client
 * that keeps {@code Retry-After}, the classification of a failed call, and the LangChain4j
 * builders of each provider.
 */
package dev.synod.runtime.agents.model.internal;
