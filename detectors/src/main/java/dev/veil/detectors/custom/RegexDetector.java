package dev.veil.detectors.custom;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.pattern.ContextWords;
import dev.veil.detectors.pattern.PatternDetector;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A detector declared in configuration: a name, a regular expression, a score, and optionally
 * context words that must be near a match. Reports {@code custom.<name>}.
 *
 * <p>Immutable and thread-safe.
 */
public final class RegexDetector implements Detector {

    private final PatternDetector delegate;

    /**
     * @throws PatternSyntaxException if {@code regex} does not compile
     * @throws IllegalArgumentException if the expression can match the empty string
     */
    public RegexDetector(String name, String regex, double score, List<String> contextWords) {
        requireNonNull(name, "name");
        requireNonNull(regex, "regex");
        requireNonNull(contextWords, "contextWords");
        Pattern pattern = Pattern.compile(regex);
        if (pattern.matcher("").matches()) {
            throw new IllegalArgumentException("regex of '" + name + "' matches the empty string");
        }
        PatternDetector.Builder b = PatternDetector.builder("custom." + name).pattern(pattern).score(score);
        if (!contextWords.isEmpty()) {
            b.requireContext(new ContextWords(contextWords, 64, 24), score);
        }
        this.delegate = b.build();
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public List<String> types() {
        return delegate.types();
    }

    @Override
    public List<Finding> detect(String text) {
        return delegate.detect(text);
    }

    @Override
    public String toString() {
        return "RegexDetector[" + delegate.id() + "]";
    }
}
