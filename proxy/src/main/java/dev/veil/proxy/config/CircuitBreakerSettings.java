package dev.veil.proxy.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When Veil stops calling an upstream that keeps failing, and when it tries again.
 *
 * @param failureThreshold consecutive failed calls (no connection, timeout, reset, 5xx) that open
 *     the circuit; 0 turns circuit breaking off
 * @param coolDown how long the circuit stays open, failing calls at once, before one trial call
 *     is let through
 */
public record CircuitBreakerSettings(int failureThreshold, Duration coolDown) {

    /** Five failures in a row open the circuit for 30 seconds. */
    public static final CircuitBreakerSettings DEFAULT = new CircuitBreakerSettings(5, Duration.ofSeconds(30));
    /** Never opens. */
    public static final CircuitBreakerSettings OFF = new CircuitBreakerSettings(0, Duration.ofSeconds(30));

    public CircuitBreakerSettings {
        requireNonNull(coolDown, "coolDown");
        if (failureThreshold < 0) {
            throw new IllegalArgumentException("failure threshold must not be negative");
        }
        if (coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("cool-down must be positive");
        }
    }

    public boolean enabled() {
        return failureThreshold > 0;
    }
}
