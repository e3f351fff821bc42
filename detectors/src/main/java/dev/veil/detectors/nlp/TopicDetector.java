package dev.veil.detectors.nlp;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;

/**
 * Classifies what a text is about: {@code topic.health}, {@code topic.legal},
 * {@code topic.financial} or {@code topic.hr}, with Veil's trained OpenNLP document categorizer.
 * A text about none of these yields no finding.
 *
 * <p>Long texts are classified in windows of about {@value #WINDOW_TOKENS} words, so a medical
 * paragraph inside a long code review is still found; adjacent windows with the same topic are
 * reported as one finding covering them. The score is the categorizer's probability.
 *
 * <p>Thread-safe: the model is shared and read-only, each thread has its own categorizer.
 */
public final class TopicDetector implements Detector {

    public static final String ID = "nlp-topics";
    static final String NONE = "none";
    static final int WINDOW_TOKENS = 250;
    /** Below this probability a topic is not reported (chosen on generated held-out text). */
    static final double DEFAULT_MIN_SCORE = 0.6;

    private final DoccatModel model;
    private final ThreadLocal<DocumentCategorizerME> categorizers;
    private final double minScore;
    private final List<String> types;

    public TopicDetector() {
        this(NlpResources.topics(), DEFAULT_MIN_SCORE);
    }

    public TopicDetector(DoccatModel model, double minScore) {
        this.model = requireNonNull(model, "model");
        if (!(minScore >= 0.0 && minScore <= 1.0)) {
            throw new IllegalArgumentException("minScore must be within [0, 1]: " + minScore);
        }
        this.minScore = minScore;
        this.categorizers = ThreadLocal.withInitial(() -> new DocumentCategorizerME(this.model));
        DocumentCategorizerME probe = new DocumentCategorizerME(model);
        List<String> t = new ArrayList<>();
        for (int i = 0; i < probe.getNumberOfCategories(); i++) {
            String c = probe.getCategory(i);
            if (!NONE.equals(c)) {
                t.add(c);
            }
        }
        this.types = List.copyOf(t);
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
        DocumentCategorizerME categorizer = categorizers.get();
        int windows = Math.max(1, (words.size() + WINDOW_TOKENS / 2) / WINDOW_TOKENS);
        for (int w = 0; w < windows; w++) {
            int from = w * words.size() / windows;
            int to = (w + 1) * words.size() / windows;
            String[] window = words.subList(from, to).toArray(new String[0]);
            double[] probs = categorizer.categorize(window);
            String best = categorizer.getBestCategory(probs);
            double score = probs[categorizer.getIndex(best)];
            if (NONE.equals(best) || score < minScore) {
                continue;
            }
            int start = tokens.starts()[index.get(from)];
            int end = tokens.ends()[index.get(to - 1)];
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
