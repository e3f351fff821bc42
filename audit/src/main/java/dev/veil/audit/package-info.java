/**
 * The audit trail: record model, writer, verifier, reader and keys. Knows nothing of the proxy.
 *
 * <ul>
 *   <li>{@link dev.veil.audit.AuditRecord}: what is recorded (never request text or found values).
 *   <li>{@link dev.veil.audit.AuditTrail}: the writer, opened with {@link dev.veil.audit.AuditSettings};
 *       encrypts to officer keys, chains, checkpoints and rotates. Its
 *       {@link dev.veil.audit.ValueFingerprinter} makes the keyed fingerprints records carry.
 *   <li>{@link dev.veil.audit.AuditVerifier}: offline integrity check, no key needed.
 *   <li>{@link dev.veil.audit.AuditReader}, {@link dev.veil.audit.AuditQuery},
 *       {@link dev.veil.audit.AuditReport}, {@link dev.veil.audit.AuditExport}: the officer's side,
 *       with the officer's private key.
 *   <li>{@link dev.veil.audit.AuditKeys}: key generation.
 * </ul>
 *
 * <p>File formats and the threat model are in {@code docs/audit.md}.
 */
package dev.veil.audit;
