package dev.veil.policy;

/**
 * What a policy does with a request. Declared from least to most protective; when several rules
 * apply, the most protective action wins (see {@link #strength(Trust)}).
 */
public enum Action {
    /** Forward to the default external upstream unchanged. */
    ALLOW,
    /** Mask or pseudonymize the listed finding types, then forward to the default external upstream. */
    REDACT,
    /** Forward to a named upstream. */
    ROUTE,
    /** Refuse with 403 and the rule's message. */
    BLOCK;

    /**
     * Protectiveness rank used for combining: block > route to an internal upstream > redact >
     * allow, and a route to an external upstream ranks with allow.
     */
    public int strength(Trust routeTarget) {
        return switch (this) {
            case ALLOW -> 0;
            case REDACT -> 1;
            case ROUTE -> routeTarget == Trust.INTERNAL ? 2 : 0;
            case BLOCK -> 3;
        };
    }
}
