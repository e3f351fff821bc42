/**
 * Redaction of requests (mask or pseudonymize) and re-hydration of responses, in whole bodies and
 * in server-sent event streams.
 */
package dev.veil.proxy.redact;
