package dev.veil.proxy.upstream;

import static java.util.Objects.requireNonNull;

import dev.veil.proxy.config.CircuitBreakerSettings;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops calls to one upstream that keeps failing, so that a dead upstream is not hammered and
 * clients fail fast instead of waiting for a timeout each.
 *
 * <p>Closed, calls go through and consecutive failures are counted; at the threshold the circuit
 * opens. Open, {@link #tryAcquire()} refuses every call until the cool-down has passed; then it
 * lets exactly one trial call through (half-open). The trial's success closes the circuit, its
 * failure opens it for another cool-down. A trial abandoned without an outcome (the client went
 * away) lets the next call be the trial.
 *
 * <p>Time comes from an injected nanosecond clock so that tests need not sleep. Thread-safe: one
 * instance per upstream is shared by every event loop.
 */
public final class CircuitBreaker {

    /** The states, in the order of their metric values 0, 1, 2. */
    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    /** Told of every state change, under the breaker's lock: must be quick and must not call back. */
    @FunctionalInterface
    public interface Listener {
        void stateChanged(String upstream, State from, State to, int consecutiveFailures);
    }

    /**
     * Lets one call through. The call reports {@link #succeeded()} when the upstream answers, and
     * {@link #failed()} or {@link #abandoned()} if it ends otherwise; a failure after a success
     * (a stream that broke) still counts. Repeated reports are ignored.
     */
    public interface Permit {
        /** The upstream answered (any status below 500). */
        void succeeded();

        /** The call failed in a way that counts against the upstream. */
        void failed();

        /** The call ended without telling anything about the upstream (the client went away). */
        void abandoned();
    }

    private static final Permit UNCOUNTED = new Permit() {
        @Override
        public void succeeded() {
        }

        @Override
        public void failed() {
        }

        @Override
        public void abandoned() {
        }
    };

    private final String upstream;
    private final CircuitBreakerSettings settings;
    private final LongSupplier nanoTime;
    private final Listener listener;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    /**
     * @param nanoTime the clock, e.g. {@code System::nanoTime}
     */
    public CircuitBreaker(String upstream, CircuitBreakerSettings settings, LongSupplier nanoTime, Listener listener) {
        this.upstream = requireNonNull(upstream, "upstream");
        this.settings = requireNonNull(settings, "settings");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.listener = requireNonNull(listener, "listener");
    }

    /** A permit for one call, or null if the circuit is open and the call must not be made. */
    public Permit tryAcquire() {
        if (!settings.enabled()) {
            return UNCOUNTED;
        }
        synchronized (this) {
            switch (state) {
                case CLOSED -> {
                    return new CountedPermit(false);
                }
                case OPEN -> {
                    if (nanoTime.getAsLong() - openedAt < settings.coolDown().toNanos()) {
                        return null;
                    }
                    move(State.HALF_OPEN);
                    trialInFlight = true;
                    return new CountedPermit(true);
                }
                default -> {
                    if (trialInFlight) {
                        return null;
                    }
                    trialInFlight = true;
                    return new CountedPermit(true);
                }
            }
        }
    }

    public synchronized State state() {
        return state;
    }

    /** How long until an open circuit lets a trial call through; zero if it would now. */
    public synchronized Duration retryAfter() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        long left = settings.coolDown().toNanos() - (nanoTime.getAsLong() - openedAt);
        return Duration.ofNanos(Math.max(0, left));
    }

    private synchronized void succeeded(boolean trial) {
        if (trial) {
            trialInFlight = false;
        }
        consecutiveFailures = 0;
        if (state != State.CLOSED && (trial || state == State.HALF_OPEN)) {
            move(State.CLOSED);
        }
    }

    private synchronized void failed(boolean trial) {
        if (trial) {
            trialInFlight = false;
        }
        consecutiveFailures++;
        if (state == State.HALF_OPEN || state == State.CLOSED && consecutiveFailures >= settings.failureThreshold()) {
            openedAt = nanoTime.getAsLong();
            move(State.OPEN);
        }
    }

    private synchronized void abandoned(boolean trial) {
        if (trial) {
            trialInFlight = false;
        }
    }

    private void move(State to) {
        State from = state;
        state = to;
        listener.stateChanged(upstream, from, to, consecutiveFailures);
    }

    /**
     * Reports one outcome; a failure may still follow a success (a stream that breaks after it
     * started). Used by one call on one thread.
     */
    private final class CountedPermit implements Permit {
        private final boolean trial;
        private boolean succeeded;
        private boolean ended;

        CountedPermit(boolean trial) {
            this.trial = trial;
        }

        @Override
        public void succeeded() {
            if (!succeeded && !ended) {
                succeeded = true;
                CircuitBreaker.this.succeeded(trial);
            }
        }

        @Override
        public void failed() {
            if (!ended) {
                ended = true;
                CircuitBreaker.this.failed(trial && !succeeded);
            }
        }

        @Override
        public void abandoned() {
            if (!ended) {
                ended = true;
                if (!succeeded) {
                    CircuitBreaker.this.abandoned(trial);
                }
            }
        }
    }
}
