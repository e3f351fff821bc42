/**
 * Detectors of credentials: cloud keys, service tokens, private keys, JWTs, connection strings,
 * password assignments and high-entropy strings in keyword context. Every type is under
 * {@code secret.*}. A git commit hash, a UUID or a checksum in prose is not a secret.
 */
package dev.veil.detectors.secret;
