package dev.veil.detectors.nlp;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * Veil's own evaluation of the trained topic categorizer: the same probabilities as OpenNLP's
 * {@code DocumentCategorizerME.categorize} over the same lower-cased words, bit for bit, several
 * times faster.
 *
 * <p>The categorizer is a maxent (GIS) model over two feature generators, a bag of words
 * ({@code bow=WORD}) and word bigrams ({@code ng=:WORD1:WORD2}). OpenNLP builds those feature
 * strings for every word of every text and looks each one up in a hash map of strings. Here
 * the model's weights are read once: every word the model knows gets a number and its bag-of-words
 * weight row, every known bigram a row keyed by the two numbers. Evaluating a text then costs one
 * look-up of each word (lower-cased on the fly, without building a string, for ASCII words) and
 * one look-up of each pair of adjacent known words.
 *
 * <p>The sums are taken in OpenNLP's order (every word's row in text order, then every bigram's
 * row in text order), start from the same uniform log prior, and go through the same
 * {@code StrictMath.exp} and normalization, so the probabilities are identical, not merely
 * close: a topic finding never changes because of this class.
 *
 * <p>Immutable and thread-safe.
 */
final class TopicClassifier {

    private static final String BOW = "bow=";
    private static final String BIGRAM = "ng=:";

    private final String[] outcomes;
    /** The uniform prior OpenNLP starts each sum from: log(1 / outcomes), as its UniformPrior computes it. */
    private final double logPrior;
    /** Row r holds one predicate's weight for each outcome, at [r * outcomes, (r + 1) * outcomes). */
    private final double[] weights;
    private final WordTable words;
    /** The bag-of-words row of each word number, or -1 if the word is known only from bigrams. */
    private final int[] wordRows;
    private final PairTable bigrams;

    private TopicClassifier(String[] outcomes, double[] weights, WordTable words, int[] wordRows, PairTable bigrams) {
        this.outcomes = outcomes;
        this.logPrior = StrictMath.log(1.0 / outcomes.length);
        this.weights = weights;
        this.words = words;
        this.wordRows = wordRows;
        this.bigrams = bigrams;
    }

    /**
     * Reads the weights of a categorizer trained as Veil's models module trains it.
     *
     * @throws IllegalArgumentException if the model is not a GIS model over exactly a bag of words
     *         and bigrams, whose evaluation this class would not reproduce
     */
    static TopicClassifier of(DoccatModel model) {
        requireNonNull(model, "model");
        FeatureGenerator[] generators = model.getFactory().getFeatureGenerators();
        if (generators.length != 2 || generators[0].getClass() != BagOfWordsFeatureGenerator.class
                || generators[1].getClass() != NGramFeatureGenerator.class) {
            throw new IllegalArgumentException("the topic model must use exactly a bag of words and bigrams, as "
                    + "the models module trains it; it uses " + Arrays.stream(generators)
                            .map(g -> g.getClass().getSimpleName()).toList());
        }
        MaxentModel maxent = model.getMaxentModel();
        if (maxent.getClass() != GISModel.class) {
            throw new IllegalArgumentException("the topic model must be a GIS maxent model, not "
                    + maxent.getClass().getSimpleName());
        }
        Object[] data = ((GISModel) maxent).getDataStructures();
        @SuppressWarnings("unchecked")
        Map<String, Context> predicates = (Map<String, Context>) data[1];
        String[] outcomes = ((String[]) data[2]).clone();
        int n = outcomes.length;

        Map<String, Integer> wordNumbers = new LinkedHashMap<>();
        List<Integer> rowOfWord = new ArrayList<>();
        Map<Long, Integer> pairRows = new LinkedHashMap<>();
        double[] weights = new double[Math.max(1, predicates.size()) * n];
        int rows = 0;
        for (Map.Entry<String, Context> e : predicates.entrySet()) {
            String predicate = e.getKey();
            if (predicate.startsWith(BOW)) {
                int word = number(predicate.substring(BOW.length()), wordNumbers, rowOfWord);
                rowOfWord.set(word, rows);
            } else if (predicate.startsWith(BIGRAM)) {
                // "ng=:" + first + ":" + second, and a word may itself hold ':' (a URL). Every split
                // is registered: a pair of words forms exactly one feature string, so a pair found
                // at run time maps to the right predicate whichever split produced it.
                String pair = predicate.substring(BIGRAM.length());
                for (int c = pair.indexOf(':'); c >= 0; c = pair.indexOf(':', c + 1)) {
                    if (c == 0 || c == pair.length() - 1) {
                        continue; // a token is never empty
                    }
                    int first = number(pair.substring(0, c), wordNumbers, rowOfWord);
                    int second = number(pair.substring(c + 1), wordNumbers, rowOfWord);
                    pairRows.put(PairTable.key(first, second), rows);
                }
            } else {
                continue; // neither generator produces it, so no text ever looks it up
            }
            Context context = e.getValue();
            int[] active = context.getOutcomes();
            double[] params = context.getParameters();
            for (int i = 0; i < active.length; i++) {
                weights[rows * n + active[i]] = params[i];
            }
            rows++;
        }
        int[] wordRows = rowOfWord.stream().mapToInt(Integer::intValue).toArray();
        return new TopicClassifier(outcomes, Arrays.copyOf(weights, Math.max(1, rows) * n),
                new WordTable(wordNumbers), wordRows, new PairTable(pairRows));
    }

    private static int number(String word, Map<String, Integer> numbers, List<Integer> rowOfWord) {
        Integer known = numbers.get(word);
        if (known != null) {
            return known;
        }
        int next = numbers.size();
        numbers.put(word, next);
        rowOfWord.add(-1);
        return next;
    }

    /** The categories, in the model's order (the order of {@link #probabilities}). */
    List<String> outcomes() {
        return List.of(outcomes);
    }

    /**
     * The number of {@code word} as the categorizer sees it, lower-cased with {@link Locale#ROOT},
     * or -1 if the model does not know it.
     */
    int wordNumber(String word) {
        return words.find(word);
    }

    /**
     * The probability of each outcome for the words numbered {@code numbers[from..to)} (from
     * {@link #wordNumber}, -1 for unknown words): what {@code DocumentCategorizerME.categorize}
     * returns for those words.
     */
    double[] probabilities(int[] numbers, int from, int to) {
        int n = outcomes.length;
        double[] sums = new double[n];
        Arrays.fill(sums, logPrior);
        for (int i = from; i < to; i++) {
            int word = numbers[i];
            if (word >= 0 && wordRows[word] >= 0) {
                add(sums, wordRows[word]);
            }
        }
        for (int i = from; i + 1 < to; i++) {
            int first = numbers[i];
            int second = numbers[i + 1];
            if (first >= 0 && second >= 0) {
                int row = bigrams.find(first, second);
                if (row >= 0) {
                    add(sums, row);
                }
            }
        }
        double normal = 0.0;
        for (int o = 0; o < n; o++) {
            sums[o] = StrictMath.exp(sums[o]);
            normal += sums[o];
        }
        for (int o = 0; o < n; o++) {
            sums[o] /= normal;
        }
        return sums;
    }

    /** The index of the most probable outcome; the first one on a tie, as OpenNLP picks. */
    static int best(double[] probabilities) {
        int best = 0;
        for (int o = 1; o < probabilities.length; o++) {
            if (probabilities[best] < probabilities[o]) {
                best = o;
            }
        }
        return best;
    }

    String outcome(int index) {
        return outcomes[index];
    }

    private void add(double[] sums, int row) {
        // Outcomes a predicate has no weight for hold 0.0 here: adding it leaves the sum unchanged.
        int base = row * sums.length;
        for (int o = 0; o < sums.length; o++) {
            sums[o] += weights[base + o];
        }
    }

    /** Open-addressing table from a pair of word numbers to a bigram's weight row. */
    private static final class PairTable {

        private static final long EMPTY = -1L; // keys are never negative: both numbers are >= 0

        private final long[] keys;
        private final int[] rows;
        private final int mask;

        PairTable(Map<Long, Integer> entries) {
            int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
            keys = new long[capacity];
            Arrays.fill(keys, EMPTY);
            rows = new int[capacity];
            mask = capacity - 1;
            for (Map.Entry<Long, Integer> e : entries.entrySet()) {
                long key = e.getKey();
                int slot = slot(key);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                rows[slot] = e.getValue();
            }
        }

        static long key(int first, int second) {
            return ((long) first << 32) | second;
        }

        int find(int first, int second) {
            long key = key(first, second);
            for (int slot = slot(key); keys[slot] != EMPTY; slot = (slot + 1) & mask) {
                if (keys[slot] == key) {
                    return rows[slot];
                }
            }
            return -1;
        }

        private int slot(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 32) & mask;
        }
    }
}
