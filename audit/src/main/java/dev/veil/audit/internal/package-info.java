/**
 * Implementation of the audit trail: file format, cryptography and the writer thread. Not an API;
 * use {@link dev.veil.audit.AuditTrail}, {@link dev.veil.audit.AuditVerifier} and
 * {@link dev.veil.audit.AuditReader}.
 */
package dev.veil.audit.internal;
