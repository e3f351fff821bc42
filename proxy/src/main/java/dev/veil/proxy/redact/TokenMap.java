package dev.veil.proxy.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pseudonyms of one request and the values they stand for, used to re-hydrate the response.
 * Lives only as long as the request: nothing is stored across requests.
 *
 * <p>Not thread-safe: filled on one thread before forwarding, read on the event loop after.
 */
public final class TokenMap {

    private final Map<String, String> values = new LinkedHashMap<>();
    private int longest;
    /** The known tokens as one pattern; built on first use after a change. */
    private Pattern pattern;

    /** Records that {@code token} stands for {@code value}; returns the token actually used. */
    String put(String token, String value) {
        String t = token;
        for (int n = 2; values.containsKey(t) && !values.get(t).equals(value); n++) {
            t = token + "_" + n; // two values, one HMAC prefix: keep them apart
        }
        values.put(t, value);
        pattern = null;
        longest = Math.max(longest, t.length());
        return t;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public int size() {
        return values.size();
    }

    Collection<String> tokens() {
        return values.keySet();
    }

    int longestToken() {
        return longest;
    }

    /**
     * Replaces every known token in {@code text} by its value; {@code jsonEscape} escapes values
     * for use inside a JSON string (tool-call arguments are JSON text).
     */
    public String rehydrate(String text, boolean jsonEscape) {
        if (values.isEmpty() || text.length() < Pseudonyms.HEX_DIGITS + 2) {
            return text;
        }
        Matcher m = known().matcher(text);
        StringBuilder out = null;
        int at = 0;
        while (m.find()) {
            if (out == null) {
                out = new StringBuilder(text.length() + 32);
            }
            String value = values.get(m.group());
            out.append(text, at, m.start()).append(jsonEscape ? escapeJson(value) : value);
            at = m.end();
        }
        if (out == null) {
            return text;
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * The known tokens as one pattern, longest first, so that a disambiguated token ("_2") wins
     * over its prefix. Tokens are matched wherever they stand, even run together with other text
     * or another token, as a model may write them.
     */
    private Pattern known() {
        if (pattern == null) {
            StringBuilder alternatives = new StringBuilder();
            values.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).forEach(t ->
                    alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(t)));
            pattern = Pattern.compile(alternatives.toString());
        }
        return pattern;
    }

    /**
     * How many characters at the end of {@code text} must wait for the next chunk because they may
     * be the beginning of a token: the longest suffix that is a proper prefix of a known token and
     * does not start inside a token already complete in {@code text} (the last letter of one token
     * may be the first of another, and cutting there would break the complete one).
     */
    int holdback(String text) {
        if (values.isEmpty()) {
            return 0;
        }
        int from = Math.max(0, text.length() - longest + 1);
        List<int[]> complete = new ArrayList<>(2);
        Matcher m = known().matcher(text);
        while (m.find()) {
            if (m.end() > from) {
                complete.add(new int[] {m.start(), m.end()});
            }
        }
        for (int i = from; i < text.length(); i++) {
            if (inside(complete, i)) {
                continue;
            }
            String suffix = text.substring(i);
            for (String t : values.keySet()) {
                if (t.length() > suffix.length() && t.startsWith(suffix)) {
                    return text.length() - i;
                }
            }
        }
        return 0;
    }

    private static boolean inside(List<int[]> spans, int i) {
        for (int[] s : spans) {
            if (s[0] < i && i < s[1]) {
                return true;
            }
        }
        return false;
    }

    static String escapeJson(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
