/** Veil's configuration file: its model, its strict loader and the built-in defaults. */
package dev.veil.proxy.config;
