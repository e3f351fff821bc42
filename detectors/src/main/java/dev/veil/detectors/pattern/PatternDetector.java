package dev.veil.detectors.pattern;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanText;
import dev.veil.detectors.custom.AhoCorasick;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of a regular expression that proposes candidates, a validator that accepts or
 * rejects each candidate (check digits, ranges), and context words that raise the score or, for
 * formats too ambiguous on their own, are required.
 *
 * <p>The reported span is the expression's group {@code group} (0 for the whole match). Optional
 * {@code literals}: the text must contain at least one of them (case-sensitive) before the
 * expression is run at all, which makes detectors of rare formats nearly free on ordinary text.
 *
 * <p>Immutable and thread-safe.
 */
public final class PatternDetector implements Detector {

    private final String id;
    private final String type;
    private final Pattern pattern;
    private final int group;
    private final Function<String, List<Span>> refiner;
    private final double score;
    private final ContextWords context;
    private final double contextScore;
    private final boolean contextRequired;
    /** With required context: a text holding none of the words anywhere is skipped at once. */
    private final AhoCorasick anyContext;
    private final ContextWords exclusions;
    private final List<String> literals;
    private final boolean resumeAfterFinding;
    private final String anchors;
    private final int anchorBefore;
    private final int anchorAfter;
    private final int minAnchors;
    private final CharTest firstChar;
    private final CharTest notAfter;
    /** The answers of {@code firstChar} and {@link #mayFollow} for ASCII, looked up without a call. */
    private final boolean[] startsAscii;
    private final boolean[] followsAscii;
    private final StartTest startTest;
    private final boolean candidatesFirst;
    /** Names this detector's candidates, shared in a scan by detectors that would find the same. */
    private final CandidateKey candidatesKey;

    private PatternDetector(Builder b) {
        this.type = requireNonNull(b.type, "type");
        this.id = b.id == null ? b.type : b.id;
        this.pattern = requireNonNull(b.pattern, "pattern");
        this.group = b.group;
        this.refiner = b.refiner;
        this.score = b.score;
        this.context = b.context;
        this.contextScore = b.contextScore;
        this.contextRequired = b.contextRequired;
        this.anyContext = b.contextRequired ? b.context.anywhere() : null;
        this.exclusions = b.exclusions;
        this.literals = List.copyOf(b.literals);
        this.resumeAfterFinding = b.resumeAfterFinding;
        this.anchors = b.anchors;
        this.anchorBefore = b.anchorBefore;
        this.anchorAfter = b.anchorAfter;
        this.minAnchors = b.minAnchors;
        this.firstChar = b.firstChar;
        this.notAfter = b.notAfter;
        this.startTest = b.startTest;
        this.candidatesFirst = b.candidatesFirst;
        if (candidatesFirst && resumeAfterFinding) {
            throw new IllegalArgumentException(id + ": candidatesBeforeContext does not resume after findings");
        }
        if (startTest != null && firstChar == null) {
            throw new IllegalArgumentException(id + ": startsWhere needs startsWith");
        }
        this.startsAscii = new boolean[128];
        this.followsAscii = new boolean[128];
        for (char c = 0; c < 128; c++) {
            startsAscii[c] = firstChar != null && firstChar.test(c);
            followsAscii[c] = mayFollow(c);
        }
        this.candidatesKey = new CandidateKey(pattern.pattern(), pattern.flags(), group, anchors, minAnchors,
                anchorBefore, anchorAfter);
        if (group > pattern.matcher("").groupCount()) {
            throw new IllegalArgumentException(id + ": no group " + group + " in pattern");
        }
        if (contextRequired && context.isEmpty()) {
            throw new IllegalArgumentException(id + ": context required but no context words given");
        }
        checkScore(score);
        checkScore(contextScore);
    }

    /** The same detector without its shortcuts, for tests that compare the two. */
    private PatternDetector(PatternDetector d) {
        this.id = d.id;
        this.type = d.type;
        this.pattern = d.pattern;
        this.group = d.group;
        this.refiner = d.refiner;
        this.score = d.score;
        this.context = d.context;
        this.contextScore = d.contextScore;
        this.contextRequired = d.contextRequired;
        this.anyContext = d.anyContext;
        this.exclusions = d.exclusions;
        this.literals = d.literals;
        this.resumeAfterFinding = d.resumeAfterFinding;
        this.anchors = d.anchors;
        this.anchorBefore = d.anchorBefore;
        this.anchorAfter = d.anchorAfter;
        this.minAnchors = d.minAnchors;
        this.firstChar = null;
        this.notAfter = null;
        this.startTest = null;
        this.candidatesFirst = false;
        this.startsAscii = d.startsAscii;
        this.followsAscii = d.followsAscii;
        this.candidatesKey = null;
    }

    /**
     * This detector as the plain expression would run: at every position of each window, with
     * no candidates shared. It must find exactly what this detector finds, only slower; tests
     * hold the shortcuts ({@link Builder#startsWith}, shared candidates) to that.
     */
    PatternDetector withoutShortcuts() {
        return new PatternDetector(this);
    }

    public static Builder builder(String type) {
        return new Builder(type);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> types() {
        return List.of(type);
    }

    @Override
    public List<Finding> detect(String text) {
        return detect(new ScanText(text));
    }

    @Override
    public List<Finding> detect(ScanText scanText) {
        String text = scanText.text();
        if (!mayContain(text)) {
            return List.of();
        }
        int[] windows = windows(scanText);
        if (windows != null && windows.length == 0) {
            return List.of();
        }
        // Required context is looked for near each candidate anyway; the pass over the whole
        // text only pays where the expression would otherwise run over much of it, and where
        // finding the candidates is not cheaper still (candidatesBeforeContext).
        if (anyContext != null && !candidatesFirst && covers(windows, text.length() / 4)
                && !anyContext.containsAny(text)) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        if (resumeAfterFinding) {
            Matcher m = matcher(text);
            if (windows == null) {
                scan(text, m, 0, text.length(), text.length(), findings);
            } else {
                for (int w = 0; w < windows.length; w += 3) {
                    scan(text, m, windows[w], windows[w + 1], windows[w + 2], findings);
                }
            }
            return findings;
        }
        // Without resuming, the candidates do not depend on what the refiner makes of them:
        // detectors with the same expression and windows (the two parts of a card or SWIFT
        // detector, the nine plain digits of SSNs, ITINs, routing numbers and SINs) find them
        // once per scan.
        int[] found = candidatesKey == null ? candidates(text, windows)
                : scanText.derived(candidatesKey, int[].class, t -> candidates(t, windows));
        if (found.length == 0 || anyContext != null && candidatesFirst
                && found.length / 2 * (long) (context.before() + context.after()) > text.length()
                && !anyContext.containsAny(text)) {
            return List.of();
        }
        for (int k = 0; k < found.length; k += 2) {
            int start = found[k];
            for (Span span : refiner.apply(text.substring(start, found[k + 1]))) {
                add(text, start + span.start(), start + span.end(), findings);
            }
        }
        return findings;
    }

    private int[] windows(ScanText scanText) {
        if (Windows.DIGITS.equals(anchors)) {
            return Windows.aroundClusters(scanText, minAnchors, anchorBefore, anchorAfter);
        }
        return anchors == null ? null
                : Windows.around(scanText.text(), anchors, minAnchors, anchorBefore, anchorAfter);
    }

    private Matcher matcher(String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * The spans of group {@code group} of every match, in order, as {@code [start0, end0,
     * start1, end1, ...]}, leaving out empty and missing groups; matches are looked for in the
     * windows ({@code null}: the whole text) as {@link #scan} does, one after the other.
     */
    private int[] candidates(String text, int[] windows) {
        Matcher m = matcher(text);
        int[] out = new int[8];
        int n = 0;
        int count = windows == null ? 3 : windows.length;
        for (int w = 0; w < count; w += 3) {
            int from = windows == null ? 0 : windows[w];
            int to = windows == null ? text.length() : windows[w + 1];
            int startLimit = windows == null ? text.length() : windows[w + 2];
            int pos = from;
            while (pos <= to && find(text, m, pos, to, startLimit)) {
                pos = m.end() > m.start() ? m.end() : m.end() + 1;
                int start = m.start(group);
                if (start < 0 || start == m.end(group)) {
                    continue;
                }
                if (n + 2 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = start;
                out[n++] = m.end(group);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Finds candidates that start and end within {@code [from, to)}; lookarounds see beyond. */
    private void scan(String text, Matcher m, int from, int to, int startLimit, List<Finding> findings) {
        int pos = from;
        while (pos <= to) {
            if (!find(text, m, pos, to, startLimit)) {
                return;
            }
            pos = m.end() > m.start() ? m.end() : m.end() + 1;
            int start = m.start(group);
            if (start < 0 || start == m.end(group)) {
                continue;
            }
            for (Span span : refiner.apply(text.substring(start, m.end(group)))) {
                add(text, start + span.start(), start + span.end(), findings);
                if (resumeAfterFinding) {
                    pos = Math.max(m.start() + 1, start + span.end());
                }
            }
        }
    }

    /** True if the windows ({@code null}: the whole text) span more than {@code chars} chars. */
    private static boolean covers(int[] windows, int chars) {
        if (windows == null) {
            return true;
        }
        long total = 0;
        for (int w = 0; w < windows.length; w += 3) {
            total += windows[w + 1] - windows[w];
        }
        return total > chars;
    }

    /**
     * Finds the leftmost match in {@code [pos, to)}. With a first-char test, the expression is
     * tried only where a match can start, and before {@code startLimit}, which is much cheaper
     * than letting the regex engine try every position.
     */
    private boolean find(String text, Matcher m, int pos, int to, int startLimit) {
        if (firstChar == null) {
            m.region(pos, to);
            return m.find();
        }
        for (int i = pos, limit = Math.min(to, startLimit); i < limit; i++) {
            char c = text.charAt(i);
            if ((c < 128 ? startsAscii[c] : firstChar.test(c) || Character.isSurrogate(c))
                    && (i == 0 || mayFollowAt(text.charAt(i - 1)))
                    && (startTest == null || startTest.test(text, i))) {
                m.region(i, to);
                if (m.lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean mayFollowAt(char previous) {
        return previous < 128 ? followsAscii[previous] : mayFollow(previous);
    }

    private boolean mayFollow(char previous) {
        return notAfter == null || !notAfter.test(previous) || Character.isSurrogate(previous);
    }

    private void add(String text, int start, int end, List<Finding> findings) {
        if (!exclusions.isEmpty() && exclusions.foundNear(text, start, end)) {
            return;
        }
        double s = score;
        if (!context.isEmpty()) {
            if (context.foundNear(text, start, end)) {
                s = Math.max(s, contextScore);
            } else if (contextRequired) {
                return;
            }
        }
        findings.add(new Finding(type, start, end, s, id));
    }

    private boolean mayContain(String text) {
        if (literals.isEmpty()) {
            return true;
        }
        for (String literal : literals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    private static void checkScore(double s) {
        if (!(s >= 0.0 && s <= 1.0)) {
            throw new IllegalArgumentException("score must be within [0, 1]: " + s);
        }
    }

    @Override
    public String toString() {
        return "PatternDetector[" + id + "]";
    }

    /**
     * What the candidates of a detector depend on: its expression and its windows. The char
     * tests of {@link Builder#startsWith} only skip positions where the expression cannot match,
     * so they are not part of it.
     */
    private record CandidateKey(String regex, int flags, int group, String anchors, int minAnchors, int before,
            int after) {
    }

    /** A test on the text at a position where a match might start. */
    @FunctionalInterface
    public interface StartTest {
        boolean test(String text, int start);
    }

    /** A test on one char, without boxing. */
    @FunctionalInterface
    public interface CharTest {
        boolean test(char c);

        /** Accepts the ASCII digits. */
        static CharTest digit() {
            return c -> c >= '0' && c <= '9';
        }

        /** Accepts ASCII letters and digits and '_', as {@code \\w} does. */
        static CharTest word() {
            return c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
        }

        /** Accepts what {@code word()} accepts and the chars of {@code more}. */
        static CharTest wordOr(String more) {
            CharTest word = word();
            return c -> word.test(c) || more.indexOf(c) >= 0;
        }

        /** Accepts the chars of {@code chars}, which must be ASCII. */
        static CharTest anyOf(String chars) {
            boolean[] accepted = new boolean[128];
            for (char c : chars.toCharArray()) {
                if (c >= 128) {
                    throw new IllegalArgumentException("not ASCII: " + chars);
                }
                accepted[c] = true;
            }
            return c -> c < 128 && accepted[c];
        }
    }

    /** Builds a {@link PatternDetector}; every setter but {@link #pattern} is optional. */
    public static final class Builder {
        private final String type;
        private String id;
        private Pattern pattern;
        private int group;
        private Function<String, List<Span>> refiner = v -> List.of(new Span(0, v.length()));
        private double score = 0.5;
        private ContextWords context = ContextWords.NONE;
        private double contextScore;
        private boolean contextRequired;
        private ContextWords exclusions = ContextWords.NONE;
        private List<String> literals = List.of();
        private boolean resumeAfterFinding;
        private String anchors;
        private int anchorBefore;
        private int anchorAfter;
        private int minAnchors = 1;
        private CharTest firstChar;
        private CharTest notAfter;
        private StartTest startTest;
        private boolean candidatesFirst;

        private Builder(String type) {
            this.type = requireNonNull(type, "type");
        }

        public Builder id(String id) {
            this.id = requireNonNull(id, "id");
            return this;
        }

        public Builder pattern(String regex) {
            return pattern(Pattern.compile(regex));
        }

        public Builder pattern(Pattern pattern) {
            this.pattern = requireNonNull(pattern, "pattern");
            return this;
        }

        /** The group whose span is reported; 0 (the whole match) by default. */
        public Builder group(int group) {
            if (group < 0) {
                throw new IllegalArgumentException("group must not be negative");
            }
            this.group = group;
            return this;
        }

        /** Keeps a candidate only if {@code validator} accepts its text. */
        public Builder validator(Predicate<String> validator) {
            requireNonNull(validator, "validator");
            this.refiner = v -> validator.test(v) ? List.of(new Span(0, v.length())) : List.of();
            return this;
        }

        /**
         * For formats whose candidates need splitting (a run of digit groups may hold a card and
         * a date): {@code refiner} returns the valid parts of a candidate, relative to it.
         */
        public Builder refiner(Function<String, List<Span>> refiner) {
            this.refiner = requireNonNull(refiner, "refiner");
            return this;
        }

        /** Score of a validated candidate without context. */
        public Builder score(double score) {
            this.score = score;
            return this;
        }

        /** Raises the score to {@code contextScore} when one of the words is near. */
        public Builder context(ContextWords words, double contextScore) {
            this.context = requireNonNull(words, "words");
            this.contextScore = contextScore;
            return this;
        }

        /** Reports a candidate only when one of the context words is near it. */
        public Builder requireContext(ContextWords words, double contextScore) {
            context(words, contextScore);
            this.contextRequired = true;
            return this;
        }

        /** Drops a candidate when one of these words is near it ("version" before 1.2.3.4). */
        public Builder exclude(ContextWords words) {
            this.exclusions = requireNonNull(words, "words");
            return this;
        }

        /** Runs the expression only on texts that contain one of these strings. */
        public Builder literals(String... literals) {
            this.literals = List.of(literals);
            return this;
        }

        /**
         * Looks for the next candidate right after a finding rather than after the whole match:
         * for expressions that may run on into the next value (an IBAN followed by another).
         */
        public Builder resumeAfterFinding() {
            this.resumeAfterFinding = true;
            return this;
        }

        /**
         * Runs the expression only near the chars of {@code anchors} (digits for most ids):
         * from {@code before} chars before the first of a cluster to {@code after} chars after
         * the last. Every match must contain an anchor char and fit in that window. Prose
         * without digits then costs one pass over its chars.
         */
        public Builder near(String anchors, int before, int after) {
            this.anchors = requireNonNull(anchors, "anchors");
            if (before < 0 || after < 0) {
                throw new IllegalArgumentException("window must not be negative");
            }
            this.anchorBefore = before;
            this.anchorAfter = after;
            return this;
        }

        /**
         * With {@link #near}: every match holds at least {@code anchors} anchor chars, so
         * windows with fewer are skipped without running the expression (nine digits for an
         * SSN: dates, times and version numbers cost nothing).
         */
        public Builder minAnchors(int anchors) {
            if (anchors < 1) {
                throw new IllegalArgumentException("minAnchors must be at least 1");
            }
            this.minAnchors = anchors;
            return this;
        }

        /**
         * Every match starts with a char that {@code first} accepts (surrogates are always
         * tried): the expression is then tried only at such chars instead of at every position.
         * A test that rejects a char a match can start with loses those matches.
         */
        public Builder startsWith(CharTest first) {
            this.firstChar = requireNonNull(first, "first");
            return this;
        }

        /**
         * As {@link #startsWith(CharTest)}, and no match starts right after a char that
         * {@code notAfter} accepts: the expression's own lookbehind, written as a test, so that
         * only the starts of words or numbers are tried.
         */
        public Builder startsWith(CharTest first, CharTest notAfter) {
            this.notAfter = requireNonNull(notAfter, "notAfter");
            return startsWith(first);
        }

        /**
         * With {@link #startsWith}: the expression is tried only at starts that {@code test}
         * also accepts, a cheap look at the chars that follow ("six capital letters"), for
         * expressions that would otherwise be tried at many starts and fail a few chars later.
         * A test that rejects a start where the expression matches loses that match.
         */
        public Builder startsWhere(StartTest test) {
            this.startTest = requireNonNull(test, "test");
            return this;
        }

        /**
         * With required context: finds the candidates before looking for the context words in
         * the whole text, and skips that look where the candidates are few (each is checked for
         * context near it anyway). For expressions whose start tests make candidates rarer and
         * cheaper to find than a pass over the text (SWIFT codes: eight capitals).
         */
        public Builder candidatesBeforeContext() {
            this.candidatesFirst = true;
            return this;
        }

        public PatternDetector build() {
            return new PatternDetector(this);
        }
    }
}
