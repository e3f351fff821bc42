/**
 * Detectors built from a regular expression, a validator (checksum, range rules) and optional
 * context words, and the catalogues of such detectors Veil ships with, one class per category.
 *
 * <p>Every expression here is written so that it cannot backtrack catastrophically: possessive
 * quantifiers, bounded repetition and anchoring lookarounds, checked by a test that runs every
 * detector on adversarial input.
 */
package dev.veil.detectors.pattern;
