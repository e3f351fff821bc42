package dev.veil.proxy.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often Veil tries to connect to an upstream for one request. Only a request that never
 * reached the upstream (no connection could be made) is sent again: a request whose bytes were
 * sent is never repeated, because a model call is not idempotent.
 *
 * @param maxAttempts connection attempts per request, the first included (1: no retry)
 * @param backoff the wait before the second attempt; it doubles for each further one
 */
public record RetrySettings(int maxAttempts, Duration backoff) {

    /** Two attempts, 100 ms apart. */
    public static final RetrySettings DEFAULT = new RetrySettings(2, Duration.ofMillis(100));
    /** One attempt only. */
    public static final RetrySettings NONE = new RetrySettings(1, Duration.ofMillis(100));

    public RetrySettings {
        requireNonNull(backoff, "backoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    /** The wait before attempt {@code attempt} (2 or more): backoff, 2 x backoff, 4 x backoff... */
    public Duration backoffBefore(int attempt) {
        int doublings = Math.min(Math.max(attempt - 2, 0), 10);
        return backoff.multipliedBy(1L << doublings);
    }
}
