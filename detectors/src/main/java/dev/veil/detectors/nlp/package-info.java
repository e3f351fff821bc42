/**
 * Statistical detectors: person, location and organization names found by an OpenNLP name
 * finder helped by gazetteers and context rules, and document topics (health, legal, financial,
 * HR) found by an OpenNLP document categorizer. The models are trained by Veil's own
 * {@code models} module from generated text and shipped as resources of this package.
 *
 * <p>Both detectors tokenize with {@link dev.veil.detectors.nlp.WordTokenizer}, the same
 * tokenizer the training tool uses, so that the models see at run time exactly the tokens they
 * were trained on.
 */
package dev.veil.detectors.nlp;
