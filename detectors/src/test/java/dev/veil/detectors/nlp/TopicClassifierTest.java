package dev.veil.detectors.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.junit.jupiter.api.Test;

/**
 * Differential test: Veil's evaluation of the topic model against OpenNLP's own
 * {@link DocumentCategorizerME}, on generated texts of every shape the detector meets. Because the
 * classifier sums in OpenNLP's order, the probabilities must be equal exactly, not merely close.
 */
class TopicClassifierTest {

    private static final DoccatModel MODEL = NlpResources.topics();
    private static final TopicClassifier CLASSIFIER = NlpResources.topicClassifier();
    private static final List<String> VOCABULARY = vocabulary();

    /** Words the model knows, so that generated texts hit its weights and bigrams, not just unknown words. */
    private static List<String> vocabulary() {
        @SuppressWarnings("unchecked")
        Map<String, Context> predicates = (Map<String, Context>) ((AbstractModel) MODEL.getMaxentModel())
                .getDataStructures()[1];
        List<String> words = new ArrayList<>();
        for (String p : predicates.keySet()) {
            if (p.startsWith("bow=")) {
                words.add(p.substring(4));
            }
        }
        words.sort(null); // the map's order is not fixed; the generated texts must be
        return words;
    }

    private static final String[] ODD_WORDS = {
        "ΟΔΟΣ", "Σίσυφος", "İstanbul", "straße", "STRASSE", "café", "naïve", "Ärztin", "Привет", "東京",
        "😀", "e\u0301t\u00e9", "http://example.com/a:b", "user@example.org", "x:y", "O'Brien",
        "Jean-Pierre", "3.14", "user_id", "Anna's", "ǅemal", "ﬁnance", "K\u212Aelvin", "Ⅻ", "ı", "I",
    };

    private static String word(SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            String w = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
            return switch (random.nextInt(4)) {
                case 0 -> w.toUpperCase(Locale.ROOT);
                case 1 -> w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
                default -> w;
            };
        }
        if (kind < 8) {
            StringBuilder invented = new StringBuilder();
            for (int i = 0, n = 1 + random.nextInt(9); i < n; i++) {
                invented.append((char) ('a' + random.nextInt(26)));
            }
            return invented.toString();
        }
        if (kind < 9) {
            return ODD_WORDS[random.nextInt(ODD_WORDS.length)];
        }
        return switch (random.nextInt(5)) {
            case 0 -> ",";
            case 1 -> ".\n";
            case 2 -> Integer.toString(random.nextInt(100_000));
            case 3 -> " - ";
            default -> "?";
        };
    }

    private static String text(SplittableRandom random, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(word(random)).append(random.nextInt(8) == 0 ? "  " : " ");
        }
        return b.toString();
    }

    private static List<String> texts() {
        SplittableRandom random = new SplittableRandom(20261129L);
        List<String> texts = new ArrayList<>(List.of("", " ", "42", "insulin", "INSULIN", "zzqxv", "ΟΔΟΣ",
                "İstanbul", "😀 😀", "lawyer contract", "...", "http://a.b/c:d lawyer"));
        for (String odd : ODD_WORDS) {
            texts.add(odd);
        }
        for (int i = 0; i < 400; i++) {
            texts.add(text(random, 1 + random.nextInt(60)));
        }
        for (int i = 0; i < 30; i++) {
            texts.add(text(random, 200 + random.nextInt(3_000))); // several windows
        }
        return texts;
    }

    /** What OpenNLP's categorizer reads from a text: the lower-cased tokens that start with a letter. */
    private static String[] categorizerWords(String text) {
        List<String> words = new ArrayList<>();
        for (String w : WordTokenizer.tokenize(text).words()) {
            if (Character.isLetter(w.codePointAt(0))) {
                words.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return words.toArray(new String[0]);
    }

    @Test
    void probabilities_equalOpenNlpsOnGeneratedTexts() {
        DocumentCategorizerME reference = new DocumentCategorizerME(MODEL);
        assertEquals(List.of(reference.getCategory(0), reference.getCategory(1), reference.getCategory(2),
                reference.getCategory(3), reference.getCategory(4)), CLASSIFIER.outcomes());
        int compared = 0;
        for (String text : texts()) {
            String[] words = categorizerWords(text);
            int[] numbers = new int[words.length];
            for (int i = 0; i < words.length; i++) {
                numbers[i] = CLASSIFIER.wordNumber(words[i]);
            }
            // The whole text and a few slices, as the detector's windows are.
            for (int from = 0; from <= words.length; from += Math.max(1, words.length / 3)) {
                int to = words.length - from / 2;
                String[] slice = Arrays.copyOfRange(words, from, Math.max(from, to));
                double[] expected = reference.categorize(slice);
                double[] actual = CLASSIFIER.probabilities(numbers, from, Math.max(from, to));
                assertArrayEquals(expected, actual, 0.0, () -> "for " + String.join(" ", slice));
                assertEquals(reference.getBestCategory(expected), CLASSIFIER.outcome(TopicClassifier.best(actual)));
                compared++;
            }
        }
        assertTrue(compared > 1_000, "compared " + compared);
    }

    @Test
    void wordNumber_lowerCasesAsTheCategorizerDoes() {
        for (String w : List.of("insulin", "Insulin", "INSULIN")) {
            assertTrue(CLASSIFIER.wordNumber(w) >= 0, w);
            assertEquals(CLASSIFIER.wordNumber("insulin"), CLASSIFIER.wordNumber(w), w);
        }
        assertEquals(-1, CLASSIFIER.wordNumber("zzqxvw"));
    }

    @Test
    void detect_findsWhatOpenNlpsCategorizerFinds() {
        TopicDetector detector = new TopicDetector();
        DocumentCategorizerME reference = new DocumentCategorizerME(MODEL);
        int topics = 0;
        List<String> texts = texts();
        texts.add("My GP increased my insulin dose and I keep getting headaches and nausea since the change.");
        texts.add("Our lawyer thinks the other party breached the contract; should we sue or go to arbitration?");
        for (String text : texts) {
            List<Finding> expected = referenceFindings(reference, text);
            assertEquals(expected, detector.detect(text), () -> "for " + text);
            topics += expected.size();
        }
        assertTrue(topics > 20, "the generated texts must hold topics to compare, found " + topics);
    }

    /** The topic detector as it was before Veil evaluated the model itself, over OpenNLP's categorizer. */
    private static List<Finding> referenceFindings(DocumentCategorizerME categorizer, String text) {
        Tokens tokens = WordTokenizer.tokenize(text);
        List<String> words = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String w = tokens.words()[i];
            if (Character.isLetter(w.codePointAt(0))) {
                words.add(w.toLowerCase(Locale.ROOT));
                index.add(i);
            }
        }
        List<Finding> out = new ArrayList<>();
        if (words.isEmpty()) {
            return out;
        }
        int windows = Math.max(1, (words.size() + 125) / 250);
        for (int w = 0; w < windows; w++) {
            int from = w * words.size() / windows;
            int to = (w + 1) * words.size() / windows;
            double[] probs = categorizer.categorize(words.subList(from, to).toArray(new String[0]));
            String best = categorizer.getBestCategory(probs);
            double score = probs[categorizer.getIndex(best)];
            if ("none".equals(best) || score < TopicDetector.DEFAULT_MIN_SCORE) {
                continue;
            }
            int start = tokens.starts()[index.get(from)];
            int end = tokens.ends()[index.get(to - 1)];
            Finding last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.type().equals(best) && last.end() <= start) {
                out.set(out.size() - 1, new Finding(best, last.start(), end, Math.max(last.score(), score), TopicDetector.ID));
            } else {
                out.add(new Finding(best, start, end, score, TopicDetector.ID));
            }
        }
        return out;
    }

    @Test
    void probabilities_wordsHoldingColonsMatchTheBigramFeatureString() throws Exception {
        // OpenNLP's bigram feature is "ng=:" + first + ":" + second, so ("a:b", "c") and
        // ("a", "b:c") are one feature; URLs make such words real.
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ITERATIONS_PARAM, 20);
        params.put(TrainingParameters.CUTOFF_PARAM, 0);
        List<DocumentSample> samples = List.of(
                new DocumentSample("web", new String[] {"see", "http://h:8080/x", "now"}),
                new DocumentSample("web", new String[] {"a:b", "c", "now"}),
                new DocumentSample("web", new String[] {"open", "https://q.example/a:b"}),
                new DocumentSample("plain", new String[] {"a", "b", "c"}),
                new DocumentSample("plain", new String[] {"see", "now", "open"}));
        DoccatModel model = DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(samples), params,
                new DoccatFactory(new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator(2, 2)}));
        TopicClassifier classifier = TopicClassifier.of(model);
        DocumentCategorizerME reference = new DocumentCategorizerME(model);
        List<String[]> cases = List.of(new String[] {"a", "b:c"}, new String[] {"a:b", "c"}, new String[] {"a", "b", "c"},
                new String[] {"see", "http://h:8080/x", "now"}, new String[] {"see", "http", "//h:8080/x"},
                new String[] {"see:http://h", "8080/x"}, new String[] {"open", "https://q.example/a:b", "c"},
                new String[] {"b:c", "now", "a:b"}, new String[] {":", "a"}, new String[] {});
        for (String[] words : cases) {
            int[] numbers = Arrays.stream(words).mapToInt(classifier::wordNumber).toArray();
            assertArrayEquals(reference.categorize(words), classifier.probabilities(numbers, 0, words.length), 0.0,
                    () -> String.join(" ", words));
        }
        assertTrue(classifier.wordNumber("b:c") >= 0, "a split of a bigram feature is a known word");
    }

    @Test
    void of_modelWithOtherFeaturesIsRefused() throws Exception {
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ITERATIONS_PARAM, 5);
        params.put(TrainingParameters.CUTOFF_PARAM, 0);
        List<DocumentSample> samples = List.of(new DocumentSample("a", new String[] {"x", "y"}),
                new DocumentSample("b", new String[] {"z", "w"}));
        DoccatModel bagOnly = DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(samples), params,
                new DoccatFactory(new FeatureGenerator[] {new BagOfWordsFeatureGenerator()}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicClassifier.of(bagOnly));
        assertTrue(e.getMessage().contains("bag of words and bigrams"), e.getMessage());
    }
}
