package dev.veil.detectors.secret;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the anchors of every {@link TokenRule} of the catalogue in one pass over a text. A table
 * indexed by two chars tells at each position whether any anchor can start there, so prose costs
 * one table look-up per char however many rules there are.
 *
 * <p>Each vendor type is its own detector (so that a policy can switch one off), but they all
 * share this index: the anchors found in a text are remembered per thread for the last text
 * scanned, so the first token detector to see a text pays for the pass and the others read the
 * result (the first detector of the catalogue always scans afresh, so that a text scanned again
 * costs what it cost the first time). What is remembered is offsets only, and the text itself only through a weak reference
 * used to tell whether the next call is about the same text.
 *
 * <p>Thread-safe.
 */
final class TokenIndex {

    /** Anchor occurrences: rule index and anchor start, as pairs, in text order. */
    private record Hits(WeakReference<String> text, int[] pairs, int size) {
    }

    private final List<TokenRule> rules;
    /** For each folded two-char key, the (rule, anchor) entries whose anchor begins with it. */
    private final int[][] entries = new int[128 * 128][];
    /** One bit per two-char key that begins an anchor: small enough to stay in the fastest cache. */
    private final long[] starts = new long[128 * 128 / 64];
    private final ThreadLocal<Hits> last = new ThreadLocal<>();

    TokenIndex(List<TokenRule> rules) {
        this.rules = List.copyOf(rules);
        List<List<int[]>> byKey = new ArrayList<>();
        for (int i = 0; i < 128 * 128; i++) {
            byKey.add(null);
        }
        for (int r = 0; r < this.rules.size(); r++) {
            List<String> anchors = this.rules.get(r).anchors();
            for (int a = 0; a < anchors.size(); a++) {
                String anchor = anchors.get(a);
                int key = key(anchor.charAt(0), anchor.charAt(1));
                if (key < 0) {
                    throw new IllegalArgumentException("anchor must begin with two ASCII chars: " + anchor);
                }
                if (byKey.get(key) == null) {
                    byKey.set(key, new ArrayList<>());
                }
                byKey.get(key).add(new int[] {r, a});
            }
        }
        for (int k = 0; k < byKey.size(); k++) {
            List<int[]> list = byKey.get(k);
            if (list != null) {
                int[] flat = new int[list.size() * 2];
                for (int i = 0; i < list.size(); i++) {
                    flat[2 * i] = list.get(i)[0];
                    flat[2 * i + 1] = list.get(i)[1];
                }
                entries[k] = flat;
                starts[k >>> 6] |= 1L << k;
            }
        }
    }

    List<TokenRule> rules() {
        return rules;
    }

    /**
     * Calls {@code sink} with (rule index, anchor index, anchor start) for each anchor in
     * {@code text}. With {@code fresh}, the text is scanned even if it is the one remembered.
     */
    void forEachHit(String text, boolean fresh, HitSink sink) {
        Hits h = fresh ? null : last.get();
        if (h == null || h.text().get() != text) {
            h = scan(text);
            last.set(h);
        }
        for (int i = 0; i < h.size(); i += 3) {
            sink.hit(h.pairs()[i], h.pairs()[i + 1], h.pairs()[i + 2]);
        }
    }

    /** Receives anchor occurrences. */
    interface HitSink {
        void hit(int rule, int anchor, int at);
    }

    private Hits scan(String text) {
        int[] out = new int[24];
        int size = 0;
        int n = text.length() - 1;
        for (int i = 0; i < n; i++) {
            char c0 = text.charAt(i);
            char c1 = text.charAt(i + 1);
            if ((c0 | c1) >= 128) {
                continue;
            }
            int key = (fold(c0) << 7) | fold(c1);
            if ((starts[key >>> 6] & (1L << key)) == 0) {
                continue;
            }
            int[] candidates = entries[key];
            for (int e = 0; e < candidates.length; e += 2) {
                TokenRule rule = rules.get(candidates[e]);
                String anchor = rule.anchors().get(candidates[e + 1]);
                if (matchesAt(text, i, anchor, rule.ignoreCase())) {
                    if (size + 3 > out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[size++] = candidates[e];
                    out[size++] = candidates[e + 1];
                    out[size++] = i;
                }
            }
        }
        return new Hits(new WeakReference<>(text), out, size);
    }

    /** True if {@code anchor} is at {@code i}; its first two chars are known to match, folded. */
    private static boolean matchesAt(String text, int i, String anchor, boolean ignoreCase) {
        int n = anchor.length();
        if (i + n > text.length()) {
            return false;
        }
        for (int j = ignoreCase ? 2 : 0; j < n; j++) {
            char c = text.charAt(i + j);
            char a = anchor.charAt(j);
            if (c != a && !(ignoreCase && fold(c) == fold(a))) {
                return false;
            }
        }
        return true;
    }

    private static int key(char c0, char c1) {
        if ((c0 | c1) >= 128) {
            return -1;
        }
        return (fold(c0) << 7) | fold(c1);
    }

    /** ASCII lower case, so that case-insensitive anchors share the key of every case variant. */
    private static int fold(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    @Override
    public String toString() {
        return "TokenIndex[" + rules.size() + " rules]";
    }
}
