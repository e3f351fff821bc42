package dev.veil.proxy.redact;

import java.util.Collection;
import java.util.LinkedHashMap;
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

    private static final Pattern CANDIDATE = Pattern.compile("[A-Z][A-Z0-9_]{0,40}_[0-9A-F]{" + Pseudonyms.HEX_DIGITS + "}");

    private final Map<String, String> values = new LinkedHashMap<>();
    private int longest;

    /** Records that {@code token} stands for {@code value}; returns the token actually used. */
    String put(String token, String value) {
        String t = token;
        for (int n = 2; values.containsKey(t) && !values.get(t).equals(value); n++) {
            t = token + "_" + n; // two values, one HMAC prefix: keep them apart
        }
        values.put(t, value);
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
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = null;
        int at = 0;
        while (m.find()) {
            String token = longestKnownPrefix(text, m.start(), m.end());
            if (token == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 32);
            }
            String value = values.get(token);
            out.append(text, at, m.start()).append(jsonEscape ? escapeJson(value) : value);
            at = m.start() + token.length();
        }
        if (out == null) {
            return text;
        }
        return out.append(text, at, text.length()).toString();
    }

    /** A match may run into a disambiguation suffix ("_2"): find the known token at {@code start}. */
    private String longestKnownPrefix(String text, int start, int end) {
        int limit = Math.min(text.length(), start + longest);
        for (int e = limit; e >= end; e--) {
            String t = text.substring(start, e);
            if (values.containsKey(t)) {
                return t;
            }
        }
        return null;
    }

    /**
     * How many characters at the end of {@code text} must wait for the next chunk because they may
     * be the beginning of a token: the longest suffix that is a proper prefix of a known token.
     */
    int holdback(String text) {
        if (values.isEmpty()) {
            return 0;
        }
        int from = Math.max(0, text.length() - longest + 1);
        for (int i = from; i < text.length(); i++) {
            String suffix = text.substring(i);
            for (String t : values.keySet()) {
                if (t.length() > suffix.length() && t.startsWith(suffix)) {
                    return text.length() - i;
                }
            }
        }
        return 0;
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
