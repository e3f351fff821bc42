/**
 * Client authentication with Veil's own API keys. Keys are stored only as hashes, looked up by
 * hashing the presented bearer token and compared in constant time; a match yields the
 * {@link dev.veil.proxy.auth.Principal} (key id, tenant, team) that policy and audit use.
 * The clear key exists once, when {@code veil keys add} prints it.
 */
package dev.veil.proxy.auth;
