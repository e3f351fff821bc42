/**
 * Detectors of facts about a person that do not identify anyone alone but narrow down who a text
 * is about (quasi-identifiers), and of the special categories of personal data of GDPR Art. 9:
 * a person's age ({@code pii.age}), nationality or racial or ethnic origin
 * ({@code pii.nationality}), religious belief ({@code pii.religion}) and political affiliation
 * ({@code pii.political_affiliation}).
 *
 * <p>These are weak signals: a word such as "Japanese" or "Catholic" is reported only where the
 * words around it make it a statement about a person, and the scores are lower than those of
 * identifiers. Every detector here is immutable and thread-safe.
 */
package dev.veil.detectors.demographic;
