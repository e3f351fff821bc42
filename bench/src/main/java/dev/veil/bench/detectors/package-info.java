/**
 * JMH benchmarks of the detector set: how many megabytes of chat text one core scans per second.
 */
package dev.veil.bench.detectors;
