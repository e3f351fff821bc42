/**
 * The admin server: liveness, readiness and Prometheus metrics on a port of their own, bound to
 * loopback by default, so that health checks and scrapes never compete with client traffic and
 * are not reachable from where clients are.
 */
package dev.veil.proxy.admin;
