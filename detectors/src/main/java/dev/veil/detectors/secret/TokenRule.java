package dev.veil.detectors.secret;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One credential format, triggered by a literal ("anchor") that every token of the format holds.
 * The rule's expression is only ever tried where an anchor occurs, never at every position of a
 * text:
 *
 * <ul>
 *   <li>{@link Mode#PREFIX}: the token starts with the anchor ({@code ghp_}, {@code xoxb-}); the
 *       expression must match at the anchor.</li>
 *   <li>{@link Mode#INFIX}: the anchor sits inside the token ({@code :AA} of a Telegram bot token,
 *       {@code AZDO} of an Azure DevOps token); the start is found by walking back over up to
 *       {@code back} chars of {@code backChars}, then the expression must match there.</li>
 *   <li>{@link Mode#KEYED}: a format without a prefix, reported only after a word that names it
 *       ({@code SSWS} or "okta" before an Okta token); the expression is searched within
 *       {@code window} chars after the anchor.</li>
 * </ul>
 * A match must stand alone: no letter, digit or token char right before or after it, unless the
 * pattern has a group, which is then the reported part and the pattern states its own bounds.
 * A value someone made up by hand ({@code 00aaaa...}, {@code a1b2c3d4...}) is not reported.
 *
 * @param type       the finding type
 * @param score      the finding score
 * @param anchors    literals, at least two chars each
 * @param ignoreCase whether anchors match in any case
 * @param mode       how the anchor relates to the token
 * @param pattern    the token's expression; group 1, if present, is the reported part
 * @param back       INFIX: at most this many chars before the anchor belong to the token
 * @param backChars  INFIX: the chars the token may have before the anchor
 * @param window     KEYED: how far after the anchor the value may start
 * @param validator  accepts or rejects the reported text
 */
record TokenRule(String type, double score, List<String> anchors, boolean ignoreCase, Mode mode, Pattern pattern,
        int back, String backChars, int window, Predicate<String> validator) {

    /** How an anchor relates to the token it announces. */
    enum Mode { PREFIX, INFIX, KEYED }

    /** Chars that continue a token: a match must not have one of them right before or after it. */
    private static final String TOKEN_CHARS = "_+-";

    TokenRule {
        requireNonNull(type, "type");
        requireNonNull(anchors, "anchors");
        requireNonNull(mode, "mode");
        requireNonNull(pattern, "pattern");
        requireNonNull(backChars, "backChars");
        requireNonNull(validator, "validator");
        anchors = List.copyOf(anchors);
        for (String a : anchors) {
            if (a.length() < 2) {
                throw new IllegalArgumentException(type + ": anchor shorter than two chars: " + a);
            }
        }
    }

    static TokenRule prefix(String type, double score, String regex, String... anchors) {
        return new TokenRule(type, score, List.of(anchors), false, Mode.PREFIX, Pattern.compile(regex), 0, "", 0,
                v -> true);
    }

    static TokenRule infix(String type, double score, String regex, int back, String backChars, String... anchors) {
        return new TokenRule(type, score, List.of(anchors), false, Mode.INFIX, Pattern.compile(regex), back, backChars,
                0, v -> true);
    }

    static TokenRule keyed(String type, double score, String regex, int window, String... words) {
        return new TokenRule(type, score, List.of(words), true, Mode.KEYED, Pattern.compile(regex), 0, "", window,
                v -> true);
    }

    TokenRule validatedBy(Predicate<String> v) {
        return new TokenRule(type, score, anchors, ignoreCase, mode, pattern, back, backChars, window, v);
    }

    TokenRule caseInsensitive() {
        return new TokenRule(type, score, anchors, true, mode, pattern, back, backChars, window, validator);
    }

    /**
     * The {@code [start, end)} of the token announced by the anchor at {@code at}, or null.
     * {@code m} is a matcher of this rule's pattern over {@code text}.
     */
    int[] match(String text, int at, String anchor, Matcher m) {
        int start;
        switch (mode) {
            case PREFIX -> start = at;
            case INFIX -> {
                start = at;
                while (start > 0 && at - start < back && backChars.indexOf(text.charAt(start - 1)) >= 0) {
                    start--;
                }
            }
            default -> {
                return keyed(text, at + anchor.length(), m);
            }
        }
        if (m.groupCount() == 0 && !standsAloneBefore(text, start)) {
            return null;
        }
        int limit = (int) Math.min(text.length(), (long) start + 4096);
        m.region(start, limit);
        if (!m.lookingAt()) {
            return null;
        }
        return accept(text, m);
    }

    /** Tries the pattern at each position up to {@code window} chars after the anchor. */
    private int[] keyed(String text, int from, Matcher m) {
        int last = (int) Math.min(text.length() - 1L, (long) from + window);
        int limit = (int) Math.min(text.length(), (long) from + window + 4096);
        boolean grouped = m.groupCount() >= 1;
        for (int s = from; s <= last; s++) {
            if (!grouped && !standsAloneBefore(text, s)) {
                continue;
            }
            m.region(s, limit);
            if (m.lookingAt()) {
                int[] span = accept(text, m);
                if (span != null) {
                    return span;
                }
            }
        }
        return null;
    }

    private int[] accept(String text, Matcher m) {
        boolean grouped = m.groupCount() >= 1;
        int s = grouped ? m.start(1) : m.start();
        int e = grouped ? m.end(1) : m.end();
        if (s < 0 || e <= s || !grouped && !standsAloneAfter(text, m.end()) || !validator.test(text.substring(s, e))
                || Entropy.madeUp(text.substring(s, e))) {
            return null;
        }
        return new int[] {s, e};
    }

    private static boolean standsAloneBefore(String text, int start) {
        if (start == 0) {
            return true;
        }
        char c = text.charAt(start - 1);
        if (c == '/') {
            // After "//" (a URL's user part, "https://TOKEN@host") a token may start; after one
            // slash it would be the tail of a base64 blob or a path.
            return start >= 2 && text.charAt(start - 2) == '/';
        }
        return !Character.isLetterOrDigit(c) && TOKEN_CHARS.indexOf(c) < 0;
    }

    private static boolean standsAloneAfter(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char c = text.charAt(end);
        return !Character.isLetterOrDigit(c) && TOKEN_CHARS.indexOf(c) < 0 && c != '/' && c != '=';
    }
}
