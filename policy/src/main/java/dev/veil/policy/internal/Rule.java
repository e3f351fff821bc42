package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One rule of a policy file.
 *
 * @param onDetectorError the rule's own failure mode, or empty to use the file's
 * @param line where the rule starts, for explanations
 */
public record Rule(String id, String description, Condition when, ActionSpec action,
        Optional<ActionSpec> onDetectorError, boolean acceptedRisk, int line) {

    public Rule {
        requireNonNull(id, "id");
        requireNonNull(description, "description");
        requireNonNull(when, "when");
        requireNonNull(action, "action");
        requireNonNull(onDetectorError, "onDetectorError");
    }
}
