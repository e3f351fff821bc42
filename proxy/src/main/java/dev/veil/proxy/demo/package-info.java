/** {@code veil demo}: Veil between two loopback stand-ins for OpenAI and for a self-hosted model. */
package dev.veil.proxy.demo;
