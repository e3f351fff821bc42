/**
 * Detectors of personal data, secrets and confidential material in plain text. This package
 * knows nothing of HTTP or policy: its input is a text segment, its output is a list of
 * {@link dev.veil.detectors.Finding}s.
 */
package dev.veil.detectors;
