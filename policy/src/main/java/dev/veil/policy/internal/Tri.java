package dev.veil.policy.internal;

/**
 * Three-valued truth (Kleene logic) for conditions evaluated while some detectors failed: a
 * finding condition that the surviving findings do not satisfy is {@link #UNKNOWN}, because the
 * missing findings might have satisfied it.
 */
public enum Tri {
    FALSE,
    UNKNOWN,
    TRUE;

    public static Tri of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public Tri not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    public Tri and(Tri other) {
        return values()[Math.min(ordinal(), other.ordinal())];
    }

    public Tri or(Tri other) {
        return values()[Math.max(ordinal(), other.ordinal())];
    }
}
