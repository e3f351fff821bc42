package dev.veil.proxy.upstream;

/** Why a call to an upstream failed. */
public enum UpstreamFailure {
    /** No connection could be made (refused, unreachable, TLS handshake failed). */
    CONNECT,
    /** The connection was not made, or the response did not start, in time. */
    TIMEOUT,
    /** The upstream went silent while sending the response body. */
    IDLE_TIMEOUT,
    /** The connection broke or the upstream sent something that is not HTTP. */
    BROKEN
}
