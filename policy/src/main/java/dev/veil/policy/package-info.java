/**
 * Declarative routing policy. Knows findings and request metadata, not HTTP: a policy file is
 * loaded and validated strictly, then evaluated into a {@link dev.veil.policy.Decision}.
 */
package dev.veil.policy;
