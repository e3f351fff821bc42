package dev.veil.proxy.upstream;

/** Why a call to an upstream failed. */
public enum UpstreamFailure {
    /** No connection could be made (refused, unreachable). The request was not sent. */
    CONNECT,
    /** The connection was not made in time. The request was not sent. */
    CONNECT_TIMEOUT,
    /**
     * The connection was made but its TLS handshake failed or timed out (an untrusted certificate,
     * a server that does not speak TLS, a middlebox). The request was not sent: it waits in the TLS
     * handler until the handshake completes.
     */
    TLS_HANDSHAKE,
    /**
     * The upstream's circuit is open after repeated failures: Veil did not try to connect. The
     * request was not sent.
     */
    CIRCUIT_OPEN,
    /** The request was sent and the response did not start in time. */
    TIMEOUT,
    /** The upstream went silent while sending the response body. */
    IDLE_TIMEOUT,
    /** The connection broke or the upstream sent something that is not HTTP. */
    BROKEN,
    /** The upstream sent an event stream that is not valid server-sent events of JSON. */
    MALFORMED_STREAM;

    /**
     * True if no byte of the request reached the upstream, so sending it again (to the same
     * upstream or to a fallback) cannot make the upstream act on it twice.
     */
    public boolean requestNotSent() {
        return this == CONNECT || this == CONNECT_TIMEOUT || this == TLS_HANDSHAKE || this == CIRCUIT_OPEN;
    }
}
