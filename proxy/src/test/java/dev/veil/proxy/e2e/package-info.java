/**
 * End-to-end tests: a real Veil on a free port between two recording stub upstreams, called with a
 * real HTTP client or the official OpenAI SDK. They assert what a user would see (status, error
 * body, streamed bytes) and what each upstream actually received.
 */
package dev.veil.proxy.e2e;
