/** The client side: pooled connections to upstreams, and one call's lifecycle with its timeouts. */
package dev.veil.proxy.upstream;
