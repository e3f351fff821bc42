package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one rule made of one request, for {@code veil policy explain}.
 *
 * @param proposes the action the rule proposed, in words; empty if it did not apply
 * @param reasons one line per condition with its value and what the request showed
 */
public record RuleVerdict(String ruleId, String description, Verdict verdict, String proposes, List<String> reasons) {

    /** Whether the rule's conditions held. */
    public enum Verdict {
        APPLIES,
        DOES_NOT_APPLY,
        /** A detector failed and the missing findings could have changed the outcome. */
        UNKNOWN
    }

    public RuleVerdict {
        requireNonNull(ruleId, "ruleId");
        requireNonNull(description, "description");
        requireNonNull(verdict, "verdict");
        requireNonNull(proposes, "proposes");
        reasons = List.copyOf(reasons);
    }
}
