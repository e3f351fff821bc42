/**
 * Check-digit and structure rules for identifiers (Luhn, mod-97, Verhoeff, national id rules).
 * Pure functions on the characters of a candidate; they never see the surrounding text.
 */
package dev.veil.detectors.validate;
