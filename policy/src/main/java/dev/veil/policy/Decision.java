package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of evaluating a policy for one request, with its reasons.
 *
 * @param action what to do
 * @param upstream the named upstream to forward to; empty for {@link Action#BLOCK}
 * @param decidingRule id of the rule that decided, or one of the built-in ids {@code default},
 *     {@code on_detector_error}, {@code session}
 * @param appliedRules ids of every rule whose conditions held (and built-in ids that applied), sorted
 * @param redactTypes finding type globs to redact, for {@link Action#REDACT}; empty otherwise
 * @param message the message the security team wrote, for {@link Action#BLOCK}; empty otherwise
 * @param policyVersion content hash of the policy that decided
 * @param redactMode how to redact, for {@link Action#REDACT}; {@link RedactMode#MASK} otherwise
 * @param fallback the internal upstream that may take the request if {@code upstream} cannot be
 *     reached before anything was sent (the policy's {@code fallback:}); empty for none, and for
 *     {@link Action#BLOCK}
 */
public record Decision(
        Action action,
        String upstream,
        String decidingRule,
        List<String> appliedRules,
        List<String> redactTypes,
        String message,
        String policyVersion,
        RedactMode redactMode,
        String fallback) {

    public Decision {
        requireNonNull(action, "action");
        requireNonNull(upstream, "upstream");
        requireNonNull(decidingRule, "decidingRule");
        appliedRules = List.copyOf(appliedRules);
        redactTypes = List.copyOf(redactTypes);
        requireNonNull(message, "message");
        requireNonNull(policyVersion, "policyVersion");
        requireNonNull(redactMode, "redactMode");
        requireNonNull(fallback, "fallback");
    }

    /** A decision without a fallback upstream. */
    public Decision(
            Action action,
            String upstream,
            String decidingRule,
            List<String> appliedRules,
            List<String> redactTypes,
            String message,
            String policyVersion,
            RedactMode redactMode) {
        this(action, upstream, decidingRule, appliedRules, redactTypes, message, policyVersion, redactMode, "");
    }

    /** The original seven-field form, with {@link RedactMode#MASK}. */
    public Decision(
            Action action,
            String upstream,
            String decidingRule,
            List<String> appliedRules,
            List<String> redactTypes,
            String message,
            String policyVersion) {
        this(action, upstream, decidingRule, appliedRules, redactTypes, message, policyVersion, RedactMode.MASK, "");
    }

    /** True if this decision sends the request on to an upstream (anything but block). */
    public boolean forwards() {
        return action != Action.BLOCK;
    }
}
