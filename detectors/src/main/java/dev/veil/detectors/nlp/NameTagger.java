package dev.veil.detectors.nlp;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * A greedy (beam size 1) decoder for Veil's name-finder model that computes the same features
 * as the model's feature descriptor ({@code name-features.xml} in the models module) and gives
 * the same tags as OpenNLP's {@code NameFinderME}, several times faster.
 *
 * <p>Why it exists: OpenNLP rebuilds every feature string of every neighbouring word for each
 * position (a word's class is computed by regular expressions five times per sentence), and
 * looks each string up in the model's map. Here the features that depend on one word only (its
 * own shape, prefixes and suffixes, and its role as a neighbour two to the left ... two to the
 * right) are summed once per distinct word into a vector of outcome weights and cached; only
 * the features of word pairs and of previous decisions are looked up per position. It also lets
 * the caller evaluate the model only where a name can start, while keeping the whole segment
 * as context, instead of cutting the segment into windows.
 *
 * <p>The features, for word {@code w} at position {@code i} of a segment: word class and
 * lower-cased word with its class for {@code i-2 .. i+2} ({@code wc=}, {@code w&c=},
 * {@code p1wc=} ...), lower-cased words for {@code i-2 .. i+2} ({@code w=}, {@code p1w=} ...),
 * suffixes and prefixes of up to four characters, {@code def}, the tag this word got earlier in
 * the same text ({@code pd=}), word and class bigrams with both neighbours, {@code S=begin} at a
 * segment's start, and the previous two tags ({@code po=}, {@code pow=}, {@code powf=},
 * {@code ppo=}). {@code NameTaggerTest} checks the tags and probabilities against
 * {@code NameFinderME} on generated text.
 *
 * <p>The model is shared and read-only. A {@link Document} holds per-text state (the tags of
 * earlier segments) and is used by one thread at a time; the word cache is per thread.
 */
final class NameTagger {

    static final String OTHER = "other";
    private static final String[] ROLES_CLASS = {"p2wc=", "p1wc=", "wc=", "n1wc=", "n2wc="};
    private static final String[] ROLES_WORD_CLASS = {"p2w&c=", "p1w&c=", "w&c=", "n1w&c=", "n2w&c="};
    private static final String[] ROLES_WORD = {"p2w=", "p1w=", "w=", "n1w=", "n2w="};
    /** Distinct words cached per thread; the cache is emptied when it grows past this. */
    private static final int WORD_CACHE_LIMIT = 20_000;
    private static final int AFFIX_LENGTH = 4;

    private final Map<String, Context> features;
    private final String[] outcomes;
    private final int numOutcomes;
    private final int otherIndex;
    /** For each outcome: the index of its type (person, ...) or -1 for other. */
    private final int[] typeOf;
    private final boolean[] continues;
    private final String[] typeNames;
    private final double[] constant;
    /** Weights of "po=X", "ppo=X" and "pd=X" for each outcome X (and "pd=null" last). */
    private final double[][] previousOutcome;
    private final double[][] beforePreviousOutcome;
    private final double[][] earlierTag;
    /** Word classes seen so far, numbered, and the weights of class bigrams by number pair. */
    private final Map<String, Integer> classNumbers = new ConcurrentHashMap<>();
    private final AtomicInteger nextClassNumber = new AtomicInteger();
    private final Map<Integer, double[]> classPairs = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<String, double[]>> wordCache = ThreadLocal.withInitial(HashMap::new);

    @SuppressWarnings("unchecked")
    NameTagger(TokenNameFinderModel model) {
        requireNonNull(model, "model");
        MaxentModel maxent = model.getArtifact("nameFinder.model");
        if (!(maxent instanceof AbstractModel abstractModel)) {
            throw new IllegalArgumentException("unsupported name finder model: "
                    + (maxent == null ? "none" : maxent.getClass().getName()));
        }
        Object[] data = abstractModel.getDataStructures();
        this.features = (Map<String, Context>) data[1];
        this.numOutcomes = maxent.getNumOutcomes();
        this.outcomes = new String[numOutcomes];
        this.typeOf = new int[numOutcomes];
        this.continues = new boolean[numOutcomes];
        Map<String, Integer> types = new HashMap<>();
        int other = -1;
        for (int o = 0; o < numOutcomes; o++) {
            String name = maxent.getOutcome(o);
            outcomes[o] = name;
            if (OTHER.equals(name)) {
                other = o;
                typeOf[o] = -1;
                continue;
            }
            int dash = name.lastIndexOf('-');
            String suffix = dash < 0 ? "" : name.substring(dash + 1);
            if (dash < 0 || !(suffix.equals("start") || suffix.equals("cont"))) {
                throw new IllegalArgumentException("not a BIO name finder outcome: " + name);
            }
            String type = name.substring(0, dash);
            typeOf[o] = types.computeIfAbsent(type, t -> types.size());
            continues[o] = suffix.equals("cont");
        }
        if (other < 0) {
            throw new IllegalArgumentException("name finder model has no 'other' outcome");
        }
        this.otherIndex = other;
        this.typeNames = new String[types.size()];
        types.forEach((t, i) -> typeNames[i] = t);
        // "def" is the same for every word: add it once.
        this.constant = new double[numOutcomes];
        add(constant, "def", 0);
        this.previousOutcome = new double[numOutcomes][];
        this.beforePreviousOutcome = new double[numOutcomes][];
        this.earlierTag = new double[numOutcomes + 1][];
        for (int o = 0; o <= numOutcomes; o++) {
            String name = o < numOutcomes ? outcomes[o] : "null";
            earlierTag[o] = weights("pd=" + name);
            if (o < numOutcomes) {
                previousOutcome[o] = weights("po=" + name);
                beforePreviousOutcome[o] = weights("ppo=" + name);
            }
        }
        checkAgainst(model);
    }

    /**
     * Tags a probe text both with OpenNLP's own decoder and with this one, and refuses a model
     * whose features this decoder does not reproduce (one trained with another feature
     * descriptor): such a model would otherwise give wrong names without any error.
     */
    private void checkAgainst(TokenNameFinderModel model) {
        NameFinderME reference = new NameFinderME(model);
        Tokens tokens = WordTokenizer.tokenize(PROBE);
        int[] bounds = Sentences.split(tokens);
        Document document = newDocument(tokens.words());
        for (int k = 0; k + 1 < bounds.length; k++) {
            int from = bounds[k];
            int to = bounds[k + 1];
            boolean[] all = new boolean[to - from];
            Arrays.fill(all, true);
            document.tag(from, to, all);
            reference.find(Arrays.copyOfRange(tokens.words(), from, to));
            double[] expected = reference.probs();
            for (int i = from; i < to; i++) {
                if (Math.abs(expected[i - from] - document.prob(i)) > 1e-6) {
                    throw new IllegalArgumentException("the name finder model's features differ from those"
                            + " NameTagger computes (was it trained with another feature descriptor?)");
                }
            }
        }
    }

    private static final String PROBE = "Dr. Anna-Marie O'Brien met Jean Dubois of Brightwater Logistics Inc. in"
            + " São Paulo on Friday.\nThanks, Ingrid\nthe build 3.14 failed: see ops@example.com";

    private double[] weights(String feature) {
        double[] v = new double[numOutcomes];
        add(v, feature, 0);
        return v;
    }

    /** "pwc,wc=A,B" (and "wc,nc=A,B" in the second half) for the classes of two neighbouring words. */
    private double[] classPair(String left, String right) {
        int a = classNumbers.computeIfAbsent(left, c -> nextClassNumber.getAndIncrement());
        int b = classNumbers.computeIfAbsent(right, c -> nextClassNumber.getAndIncrement());
        return classPairs.computeIfAbsent(a * 4096 + b, k -> {
            double[] v = new double[2 * numOutcomes];
            add(v, "pwc,wc=" + left + "," + right, 0);
            add(v, "wc,nc=" + left + "," + right, numOutcomes);
            return v;
        });
    }

    /** The names of the model's entity types, indexed as {@link Document#type(int)} returns. */
    String typeName(int type) {
        return typeNames[type];
    }

    Document newDocument(String[] words) {
        return new Document(words);
    }

    /**
     * Per-text state: the words and, once tagged, the outcome and probability of each; and the
     * last tag of every word seen, which is a feature ({@code pd=}) of later segments.
     */
    final class Document {
        private final String[] words;
        private final String[] classes;
        private final int[] tags;
        private final double[] probs;
        private final Map<String, Integer> previous = new HashMap<>();
        private final Map<String, double[]> cache = wordCache.get();
        private final double[] scores = new double[numOutcomes];

        private Document(String[] words) {
            this.words = words;
            this.classes = new String[words.length];
            this.tags = new int[words.length];
            this.probs = new double[words.length];
        }

        /**
         * Tags segment {@code [from, to)}, evaluating the model at the positions {@code evaluate}
         * marks and wherever the previous word is part of a name (a name may go on); elsewhere the
         * tag is "other". With every position marked this is exactly beam search of size 1.
         */
        void tag(int from, int to, boolean[] evaluate) {
            int po = otherIndex;
            int ppo = otherIndex;
            for (int i = from; i < to; i++) {
                int tag = otherIndex;
                double prob = 1.0;
                if (evaluate[i - from] || po != otherIndex) {
                    score(i, from, to, po, i - from >= 2 ? ppo : otherIndex);
                    tag = best(po);
                    prob = scores[tag];
                }
                tags[i] = tag;
                probs[i] = prob;
                ppo = po;
                po = tag;
            }
            for (int i = from; i < to; i++) {
                previous.put(words[i], tags[i]);
            }
        }

        /** Records segment {@code [from, to)} as holding no name, without evaluating the model. */
        void skip(int from, int to) {
            for (int i = from; i < to; i++) {
                tags[i] = otherIndex;
                probs[i] = 1.0;
                previous.put(words[i], otherIndex);
            }
        }

        /** The entity type index of the tag at {@code i}, or -1 for other. */
        int type(int i) {
            return typeOf[tags[i]];
        }

        /** True if the tag at {@code i} begins a name. */
        boolean begins(int i) {
            return tags[i] != otherIndex && !continues[tags[i]];
        }

        boolean continues(int i) {
            return tags[i] != otherIndex && continues[tags[i]];
        }

        double prob(int i) {
            return probs[i];
        }

        private void score(int i, int from, int to, int po, int ppo) {
            double[] s = scores;
            System.arraycopy(constant, 0, s, 0, numOutcomes);
            for (int k = -2; k <= 2; k++) {
                int j = i + k;
                if (j < from || j >= to) {
                    continue;
                }
                double[] v = wordVector(j);
                int base = (k + 2) * numOutcomes;
                for (int o = 0; o < numOutcomes; o++) {
                    s[o] += v[base + o];
                }
            }
            String w = words[i];
            String wc = wordClass(i);
            double[] own = wordVector(i);
            if (i > from) {
                add(s, "pw,w=" + words[i - 1] + "," + w, 0);
                addAll(s, classPair(wordClass(i - 1), wc), 0);
            }
            if (i + 1 < to) {
                add(s, "w,nw=" + w + "," + words[i + 1], 0);
                addAll(s, classPair(wc, wordClass(i + 1)), numOutcomes);
            }
            if (i == from) {
                add(s, "S=begin", 0);
            }
            Integer earlier = previous.get(w);
            addAll(s, earlierTag[earlier == null ? numOutcomes : earlier], 0);
            // NameFinderME passes the decisions of this segment only: before its first word the
            // previous decision is "other", and "ppo" stays "other" until the third word.
            addAll(s, previousOutcome[po], 0);
            addAll(s, beforePreviousOutcome[ppo], 0);
            if (po == otherIndex) {
                addAll(s, own, 5 * numOutcomes);
            } else {
                String poName = outcomes[po];
                add(s, "pow=" + poName + "," + w, 0);
                add(s, "powf=" + poName + "," + wc, 0);
            }
            double sum = 0;
            for (int o = 0; o < numOutcomes; o++) {
                s[o] = StrictMath.exp(s[o]);
                sum += s[o];
            }
            for (int o = 0; o < numOutcomes; o++) {
                s[o] /= sum;
            }
        }

        /** The most probable outcome that may follow {@code po}: a "cont" only continues its own type. */
        private int best(int po) {
            int best = -1;
            for (int o = 0; o < numOutcomes; o++) {
                if (continues[o] && (po == otherIndex || typeOf[po] != typeOf[o])) {
                    continue;
                }
                if (best < 0 || scores[o] > scores[best]) {
                    best = o;
                }
            }
            return best;
        }

        private void addAll(double[] into, double[] from, int offset) {
            for (int o = 0; o < numOutcomes; o++) {
                into[o] += from[offset + o];
            }
        }

        private String wordClass(int i) {
            String c = classes[i];
            if (c == null) {
                c = FeatureGeneratorUtil.tokenFeature(words[i]);
                classes[i] = c;
            }
            return c;
        }

        /**
     * The summed weights of the word's features in each of the five window roles, then those of
     * the word after an "other" decision.
     */
        private double[] wordVector(int i) {
            String w = words[i];
            double[] v = cache.get(w);
            if (v != null) {
                return v;
            }
            if (cache.size() >= WORD_CACHE_LIMIT) {
                cache.clear();
            }
            v = new double[6 * numOutcomes];
            String lower = lowerCase(w);
            String wc = wordClass(i);
            for (int role = 0; role < 5; role++) {
                int base = role * numOutcomes;
                add(v, ROLES_CLASS[role] + wc, base);
                add(v, ROLES_WORD_CLASS[role] + lower + "," + wc, base);
                add(v, ROLES_WORD[role] + lower, base);
            }
            int own = 2 * numOutcomes;
            int n = Math.min(AFFIX_LENGTH, w.length());
            for (int k = 1; k <= n; k++) {
                add(v, "suf=" + w.substring(w.length() - k), own);
                add(v, "pre=" + w.substring(0, k), own);
            }
            // The previous decision is most often "other": its word features are cached too.
            add(v, "pow=" + OTHER + "," + w, 5 * numOutcomes);
            add(v, "powf=" + OTHER + "," + wc, 5 * numOutcomes);
            cache.put(w, v);
            return v;
        }
    }

    private void add(double[] into, String feature, int base) {
        Context c = features.get(feature);
        if (c == null) {
            return;
        }
        int[] os = c.getOutcomes();
        double[] ps = c.getParameters();
        for (int j = 0; j < os.length; j++) {
            into[base + os[j]] += ps[j];
        }
    }

    /** Lower case per code point, as OpenNLP's feature generators do (no locale rules). */
    private static String lowerCase(String w) {
        for (int i = 0; i < w.length(); i++) {
            char ch = w.charAt(i);
            if (Character.toLowerCase(ch) != ch || Character.isSurrogate(ch)) {
                StringBuilder b = new StringBuilder(w.length());
                w.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(cp)));
                return b.toString();
            }
        }
        return w;
    }
}
