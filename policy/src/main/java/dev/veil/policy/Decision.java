package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of evaluating a policy for one request, with its reasons.
 *
 * @param action what to do
 * @param upstream the named upstream to forward to; empty for {@link Action#BLOCK}
 * @param decidingRule id of the rule that decided, or {@code default}
 * @param appliedRules ids of every rule whose conditions held, sorted
 * @param redactTypes finding type globs to redact, for {@link Action#REDACT}
 * @param message the message the security team wrote, for {@link Action#BLOCK}; may be empty
 * @param policyVersion content hash of the policy that decided
 */
public record Decision(
        Action action,
        String upstream,
        String decidingRule,
        List<String> appliedRules,
        List<String> redactTypes,
        String message,
        String policyVersion) {

    public Decision {
        requireNonNull(action, "action");
        requireNonNull(upstream, "upstream");
        requireNonNull(decidingRule, "decidingRule");
        appliedRules = List.copyOf(appliedRules);
        redactTypes = List.copyOf(redactTypes);
        requireNonNull(message, "message");
        requireNonNull(policyVersion, "policyVersion");
    }
}
