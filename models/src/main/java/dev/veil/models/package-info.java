/**
 * The tool that makes Veil's NLP models: it generates labelled training text from Datafaker's
 * names, places and companies in many locales and from Veil's own sentence templates, trains
 * the OpenNLP name finder and document categorizer, writes them (with a gazetteer) into the
 * detectors' resources, and measures the shipped detectors on public evaluation data.
 *
 * <p>A build tool, not part of the running proxy: see docs/models.md for its commands.
 */
package dev.veil.models;
