package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A decision with every rule's verdict, sorted by rule id.
 *
 * @param findingsComplete false if a detector failed on the request
 */
public record Explanation(List<RuleVerdict> rules, Decision decision, boolean findingsComplete) {

    public Explanation {
        rules = List.copyOf(rules);
        requireNonNull(decision, "decision");
    }
}
