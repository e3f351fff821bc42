package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.Action;
import dev.veil.policy.RedactMode;
import dev.veil.policy.Trust;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A resolved action: what to do and where to. For allow and redact the upstream is the policy's
 * allow upstream; for block it is empty.
 */
public record ActionSpec(Action action, String upstream, Trust trust, String message, List<Glob> redactTypes,
        RedactMode mode) {

    public ActionSpec {
        requireNonNull(action, "action");
        requireNonNull(upstream, "upstream");
        requireNonNull(trust, "trust");
        requireNonNull(message, "message");
        redactTypes = List.copyOf(redactTypes);
        requireNonNull(mode, "mode");
    }

    public int strength() {
        return action.strength(trust);
    }

    /** How a person would say it: "route to local (internal)", "block", "redact pii.email (mask)". */
    public String describe() {
        return switch (action) {
            case ALLOW -> "allow (to " + upstream + ")";
            case ROUTE -> "route to " + upstream + " (" + trust.name().toLowerCase(java.util.Locale.ROOT) + ")";
            case BLOCK -> "block";
            case REDACT -> "redact " + redactTypes.stream().map(Glob::text).collect(Collectors.joining(", "))
                    + " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ") then send to " + upstream;
        };
    }
}
