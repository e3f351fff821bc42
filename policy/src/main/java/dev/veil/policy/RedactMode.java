package dev.veil.policy;

/** How a {@code redact} rule replaces the values of the listed finding types. */
public enum RedactMode {
    /** Replace with a fixed mask naming the type, e.g. {@code [pii.email]}; nothing comes back. */
    MASK,
    /** Replace with a keyed, per-tenant token that the proxy re-hydrates in the response. */
    PSEUDONYMIZE
}
