package dev.veil.proxy.upstream;

/**
 * What the upstream client tells the rest of Veil (metrics) about its fault handling. Called on
 * event loops, under a circuit breaker's lock for {@link #circuitChanged}: implementations must be
 * quick, thread-safe and must not call back into the client.
 */
public interface UpstreamEvents {

    /** Ignores everything. */
    UpstreamEvents NONE = new UpstreamEvents() {
        @Override
        public void circuitChanged(String upstream, CircuitBreaker.State to) {
        }

        @Override
        public void connectRetried(String upstream) {
        }
    };

    /** The circuit of {@code upstream} is now in state {@code to}. */
    void circuitChanged(String upstream, CircuitBreaker.State to);

    /** A connection attempt to {@code upstream} failed and another one is scheduled. */
    void connectRetried(String upstream);
}
