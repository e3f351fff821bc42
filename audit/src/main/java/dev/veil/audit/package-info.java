/**
 * The audit trail: record model, writer, verifier, reader and keys. Knows nothing of the proxy.
 */
package dev.veil.audit;
