package dev.veil.detectors.secret;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the anchors of every {@link TokenRule} of the catalogue in one pass over a text, with a
 * {@link LiteralIndex}: prose costs about one table look-up per char however many rules there
 * are.
 *
 * <p>Each vendor type is its own detector (so that a policy can switch one off), but they all
 * share this index: the anchors found in a text are remembered per thread for the last text
 * scanned, so the first token detector to see a text pays for the pass and the others read the
 * result (the first detector of the catalogue always scans afresh, so that a text scanned again
 * costs what it cost the first time). What is remembered is offsets only, and the text itself
 * only through a weak reference used to tell whether the next call is about the same text.
 *
 * <p>Thread-safe.
 */
final class TokenIndex {

    /** Anchor occurrences: rule index, anchor index and anchor start, as triples, by start. */
    record Hits(WeakReference<String> text, int[] triples, int size) {
    }

    private final List<TokenRule> rules;
    private final LiteralIndex literals;
    /** For each literal of {@link #literals}: its rule and its index among the rule's anchors. */
    private final int[] ruleOf;
    private final int[] anchorOf;
    private final ThreadLocal<Hits> last = new ThreadLocal<>();

    TokenIndex(List<TokenRule> rules) {
        this.rules = List.copyOf(rules);
        List<String> all = new ArrayList<>();
        List<Boolean> cases = new ArrayList<>();
        List<int[]> owners = new ArrayList<>();
        for (int r = 0; r < this.rules.size(); r++) {
            List<String> anchors = this.rules.get(r).anchors();
            for (int a = 0; a < anchors.size(); a++) {
                all.add(anchors.get(a));
                cases.add(this.rules.get(r).ignoreCase());
                owners.add(new int[] {r, a});
            }
        }
        this.literals = new LiteralIndex(all, cases);
        this.ruleOf = owners.stream().mapToInt(o -> o[0]).toArray();
        this.anchorOf = owners.stream().mapToInt(o -> o[1]).toArray();
    }

    List<TokenRule> rules() {
        return rules;
    }

    /**
     * The anchors in {@code text}: (rule index, anchor index, anchor start) triples, by start.
     * With {@code fresh}, the text is scanned even if it is the one remembered.
     */
    Hits hits(String text, boolean fresh) {
        Hits h = fresh ? null : last.get();
        if (h == null || h.text().get() != text) {
            h = scan(text);
            last.set(h);
        }
        return h;
    }

    private Hits scan(String text) {
        int[][] out = {new int[24]};
        int[] size = {0};
        literals.find(text, (literal, start) -> {
            if (size[0] + 3 > out[0].length) {
                out[0] = Arrays.copyOf(out[0], out[0].length * 2);
            }
            out[0][size[0]++] = ruleOf[literal];
            out[0][size[0]++] = anchorOf[literal];
            out[0][size[0]++] = start;
        });
        return new Hits(new WeakReference<>(text), out[0], size[0]);
    }

    @Override
    public String toString() {
        return "TokenIndex[" + rules.size() + " rules]";
    }
}
