/**
 * Conformance with real clients: the official OpenAI Java SDK and the official {@code openai} Node
 * SDK, unmodified except for their base URL, call a real Veil between two recording stub upstreams.
 * Each scenario asserts what the upstreams received (which one; redacted or not) and what the
 * client got back (re-hydrated), for chat, streaming, tool calls, embeddings, the Responses API and
 * the model list.
 */
package dev.veil.proxy.conformance;
