/**
 * The seeded random-input harness shared by the fuzz tests: brief by default, longer on demand
 * with system properties, and every failure names the seed that replays it.
 */
package dev.veil.proxy.fuzz;
