/**
 * The policy engine's inner parts: the strict YAML reader, the parser and validator, and the
 * compiled rules and conditions. Not an API: use {@link dev.veil.policy.Policy}.
 */
package dev.veil.policy.internal;
