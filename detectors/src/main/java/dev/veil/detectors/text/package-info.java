/**
 * Text normalization before matching, so that zero-width characters, bidi controls, full-width
 * or other non-ASCII digits, odd dashes and spaces, and look-alike letters do not hide a value,
 * with a map from every normalized char back to the original text.
 */
package dev.veil.detectors.text;
