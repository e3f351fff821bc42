/**
 * Detectors the deploying organisation configures: term dictionaries (code names, customer
 * lists) matched with Aho-Corasick, regular expressions declared in configuration, and the
 * confidentiality markers ("CONFIDENTIAL", "attorney-client privileged") built on the same
 * dictionary matcher.
 */
package dev.veil.detectors.custom;
