package dev.veil.detectors.secret;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM and OpenSSH private key blocks ({@code -----BEGIN RSA PRIVATE KEY-----} ... {@code END}),
 * PuTTY private key files, and PGP private key blocks. The finding covers the whole block, from
 * the BEGIN line to the END line. A block cut short (no END line: a truncated paste) still holds
 * key material, so it is reported up to the end of its base64 body.
 *
 * <p>A header with almost no body ("-----BEGIN PRIVATE KEY-----\n...\n") is documentation, not a
 * key; it gets a low score so that a policy can still choose to act on it.
 *
 * <p>Immutable and thread-safe.
 */
public final class PrivateKeyDetector implements Detector {

    public static final String TYPE = "secret.private_key";

    private static final Pattern BEGIN = Pattern.compile(
            "-----BEGIN ((?:[A-Z0-9]{1,16}+ ){0,3}PRIVATE KEY(?: BLOCK)?+)-----");
    private static final Pattern PUTTY = Pattern.compile(
            "PuTTY-User-Key-File-[23]: [\\w-]{3,40}+");
    private static final int MAX_BLOCK = 64 * 1024;

    @Override
    public String id() {
        return TYPE;
    }

    @Override
    public List<String> types() {
        return List.of(TYPE);
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> findings = new ArrayList<>();
        if (text.contains("PRIVATE KEY")) {
            Matcher m = BEGIN.matcher(text);
            int from = 0;
            while (from < text.length() && m.find(from)) {
                from = addBlock(text, m.start(), m.end(), "-----END " + m.group(1) + "-----", findings);
            }
        }
        if (text.contains("PuTTY-User-Key-File-")) {
            Matcher m = PUTTY.matcher(text);
            while (m.find()) {
                int end = text.indexOf("Private-MAC:", m.end());
                end = end < 0 ? bodyEnd(text, m.end()) : lineEnd(text, end);
                findings.add(new Finding(TYPE, m.start(), end, 0.99, TYPE));
            }
        }
        return findings;
    }

    /** Adds the block that starts at {@code start}; returns where to look for the next one. */
    private static int addBlock(String text, int start, int headerEnd, String footer, List<Finding> out) {
        int limit = (int) Math.min(text.length(), (long) headerEnd + MAX_BLOCK);
        int footerAt = text.indexOf(footer, headerEnd);
        int end;
        int bodyEnd;
        if (footerAt >= 0 && footerAt < limit) {
            bodyEnd = footerAt;
            end = footerAt + footer.length();
        } else {
            end = bodyEnd(text, headerEnd);
            bodyEnd = end;
        }
        int body = base64Chars(text, headerEnd, bodyEnd);
        out.add(new Finding(TYPE, start, end, body >= 32 ? 0.99 : 0.4, TYPE));
        return Math.max(end, headerEnd);
    }

    /**
     * End of the key body that follows {@code from}: lines of base64, and before them optional
     * "Name: value" header lines (Proc-Type, DEK-Info, Comment). The body ends at a blank line
     * after base64 or at the first line that is neither. Escaped line breaks ("\\n", as in
     * JSON) count as line breaks.
     */
    private static int bodyEnd(String text, int from) {
        int limit = (int) Math.min(text.length(), (long) from + MAX_BLOCK);
        int pos = from;
        int last = from;
        boolean sawBase64 = false;
        while (pos < limit) {
            int nl = text.indexOf('\n', pos);
            int escaped = text.indexOf("\\n", pos);
            int eol = Math.min(nl < 0 ? limit : nl, escaped < 0 ? limit : escaped);
            eol = Math.min(eol, limit);
            int next = eol == escaped ? eol + 2 : eol + 1;
            String line = text.substring(pos, eol).strip();
            if (line.isEmpty()) {
                if (sawBase64) {
                    break;
                }
            } else if (base64Line(line)) {
                sawBase64 = true;
                last = pos + text.substring(pos, eol).stripTrailing().length();
            } else if (!sawBase64 && line.indexOf(": ") > 0) {
                last = pos + text.substring(pos, eol).stripTrailing().length();
            } else {
                break;
            }
            pos = next;
        }
        return last;
    }

    private static boolean base64Line(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!base64(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    private static int base64Chars(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (base64(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean base64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
    }

    @Override
    public String toString() {
        return "PrivateKeyDetector";
    }
}
