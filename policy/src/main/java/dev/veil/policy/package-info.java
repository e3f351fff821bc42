/**
 * Declarative routing policy. Knows findings and request metadata, not HTTP: a policy file is
 * loaded and validated strictly ({@link dev.veil.policy.Policy#load}), then evaluated into a
 * {@link dev.veil.policy.Decision} that names the action, the upstream, the deciding rule and
 * every applied rule. {@link dev.veil.policy.PolicyHolder} keeps the live policy of a running
 * proxy: atomic hot reload, sticky sessions ({@link dev.veil.policy.SessionMemory}) and shadow
 * evaluation of a candidate policy. The language is described in docs/policy.md.
 */
package dev.veil.policy;
