/**
 * TLS for Veil's listener: loading a PEM certificate and key into a Netty server context (checked
 * at start-up, so a wrong pair stops Veil with a clear message instead of failing handshakes), and
 * making a self-signed pair for local use with Bouncy Castle.
 */
package dev.veil.proxy.tls;
