package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.SessionSettings;
import dev.veil.policy.Trust;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy file after parsing and validation: everything the engine needs, nothing left to check.
 *
 * @param fixtures the fixture file named by {@code fixtures:}, relative to the policy file
 * @param fallback the internal upstream named by {@code fallback:}, or empty for none
 */
public record PolicyDefinition(
        String description,
        String allowUpstream,
        ActionSpec defaultAction,
        ActionSpec onDetectorError,
        List<Rule> rules,
        SessionSettings sessions,
        Optional<String> fixtures,
        Map<String, Trust> upstreams,
        String fallback) {

    public PolicyDefinition {
        requireNonNull(description, "description");
        requireNonNull(allowUpstream, "allowUpstream");
        requireNonNull(defaultAction, "defaultAction");
        requireNonNull(onDetectorError, "onDetectorError");
        rules = List.copyOf(rules);
        requireNonNull(sessions, "sessions");
        requireNonNull(fixtures, "fixtures");
        upstreams = Map.copyOf(upstreams);
        requireNonNull(fallback, "fallback");
    }
}
