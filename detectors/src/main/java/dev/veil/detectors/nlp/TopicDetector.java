package dev.veil.detectors.nlp;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanText;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.DoccatModel;

/**
 * Classifies what a text is about: {@code topic.health}, {@code topic.legal},
 * {@code topic.financial} or {@code topic.hr}, with Veil's trained OpenNLP document categorizer.
 * A text about none of these yields no finding.
 *
 * <p>Long texts are classified in windows of about {@value #WINDOW_TOKENS} words, so a medical
 * paragraph inside a long code review is still found; adjacent windows with the same topic are
 * reported as one finding covering them. The score is the categorizer's probability, computed
 * by {@link TopicClassifier} from the model's weights (the same figures as OpenNLP's
 * {@code DocumentCategorizerME}, without building a feature string per word).
 *
 * <p>Thread-safe: the classifier is immutable and shared.
 */
public final class TopicDetector implements Detector {

    public static final String ID = "nlp-topics";
    static final String NONE = "none";
    static final int WINDOW_TOKENS = 250;
    /** Below this probability a topic is not reported (chosen on generated held-out text). */
    static final double DEFAULT_MIN_SCORE = 0.6;

    private final TopicClassifier classifier;
    private final double minScore;
    private final List<String> types;

    public TopicDetector() {
        this(NlpResources.topicClassifier(), DEFAULT_MIN_SCORE);
    }

    /**
     * A detector over a categorizer trained as the models module trains it (a bag of words and
     * bigrams over {@link WordTokenizer}'s lower-cased words).
     *
     * @throws IllegalArgumentException if the model uses other features, or minScore is not in [0, 1]
     */
    public TopicDetector(DoccatModel model, double minScore) {
        this(TopicClassifier.of(requireNonNull(model, "model")), minScore);
    }

    TopicDetector(TopicClassifier classifier, double minScore) {
        this.classifier = requireNonNull(classifier, "classifier");
        if (!(minScore >= 0.0 && minScore <= 1.0)) {
            throw new IllegalArgumentException("minScore must be within [0, 1]: " + minScore);
        }
        this.minScore = minScore;
        this.types = classifier.outcomes().stream().filter(c -> !NONE.equals(c)).toList();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> types() {
        return types;
    }

    @Override
    public List<Finding> detect(String text) {
        requireNonNull(text, "text");
        return detect(WordTokenizer.tokenize(text));
    }

    /** The name and topic detectors share one tokenization of each scanned text. */
    @Override
    public List<Finding> detect(ScanText text) {
        return detect(text.derived(Tokens.class, WordTokenizer::tokenize));
    }

    private List<Finding> detect(Tokens tokens) {
        // The categorizer reads the tokens that start with a letter, lower-cased (as at training,
        // see the models module); numbers[k] is the model's number for the k-th of them.
        String[] all = tokens.words();
        int[] index = new int[all.length];
        int[] numbers = new int[all.length];
        int count = 0;
        for (int i = 0; i < all.length; i++) {
            String w = all[i];
            if (Character.isLetter(w.codePointAt(0))) {
                index[count] = i;
                numbers[count] = classifier.wordNumber(w);
                count++;
            }
        }
        List<Finding> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        int windows = Math.max(1, (count + WINDOW_TOKENS / 2) / WINDOW_TOKENS);
        for (int w = 0; w < windows; w++) {
            int from = w * count / windows;
            int to = (w + 1) * count / windows;
            double[] probs = classifier.probabilities(numbers, from, to);
            int bestIndex = TopicClassifier.best(probs);
            String best = classifier.outcome(bestIndex);
            double score = probs[bestIndex];
            if (NONE.equals(best) || score < minScore) {
                continue;
            }
            int start = tokens.starts()[index[from]];
            int end = tokens.ends()[index[to - 1]];
            Finding last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.type().equals(best) && last.end() <= start) {
                out.set(out.size() - 1, new Finding(best, last.start(), end, Math.max(last.score(), score), ID));
            } else {
                out.add(new Finding(best, start, end, score, ID));
            }
        }
        return out;
    }
}
