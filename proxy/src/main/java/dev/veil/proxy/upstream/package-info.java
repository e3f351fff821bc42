/**
 * The client side: pooled connections to upstreams, one call's lifecycle with its timeouts, and
 * fault handling: a circuit breaker per upstream, connection retries for requests that were never
 * sent, and the check that an upstream's event stream is well-formed.
 */
package dev.veil.proxy.upstream;
