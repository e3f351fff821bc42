package dev.veil.proxy.upstream;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The cause passed with {@link UpstreamFailure#CIRCUIT_OPEN}: no connection was attempted because
 * the upstream's circuit is open.
 */
public final class CircuitOpenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public CircuitOpenException(String upstream, Duration retryAfter) {
        super("circuit of upstream '" + requireNonNull(upstream, "upstream") + "' is open", null, false, false);
        this.retryAfter = requireNonNull(retryAfter, "retryAfter");
    }

    /** How long until the circuit lets a trial call through. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
