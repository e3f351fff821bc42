package dev.veil.detectors.secret;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The tokens of one vendor type ({@code secret.github_token}, ...), found through the anchors of
 * a shared {@link TokenIndex}: no expression runs unless one of the type's anchors occurs, and
 * then only at that anchor.
 *
 * <p>Immutable and thread-safe.
 */
final class TokenDetector implements Detector {

    private final String id;
    private final String type;
    private final TokenIndex index;
    /** The first detector of a scanner's set scans each text afresh; the others reuse its pass. */
    private final boolean leader;
    /** rule index in the shared index -> true if the rule is this type's. */
    private final boolean[] mine;

    TokenDetector(String type, TokenIndex index) {
        this(type, type, index, false);
    }

    /** A detector whose id differs from its type, where another detector already has that id. */
    TokenDetector(String id, String type, TokenIndex index, boolean leader) {
        this.leader = leader;
        this.id = requireNonNull(id, "id");
        this.type = requireNonNull(type, "type");
        this.index = requireNonNull(index, "index");
        List<TokenRule> rules = index.rules();
        this.mine = new boolean[rules.size()];
        boolean any = false;
        for (int r = 0; r < rules.size(); r++) {
            mine[r] = rules.get(r).type().equals(type);
            any |= mine[r];
        }
        if (!any) {
            throw new IllegalArgumentException("no rule for " + type);
        }
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
        // Every token type of a scanner runs on every text and most texts hold no anchor of its
        // rules: that case reads the shared hits and allocates nothing.
        TokenIndex.Hits hits = index.hits(text, leader);
        int[] t = hits.triples();
        int first = -1;
        for (int i = 0; i < hits.size(); i += 3) {
            if (mine[t[i]]) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>(2);
        Matcher[] matchers = new Matcher[mine.length];
        for (int i = first; i < hits.size(); i += 3) {
            int r = t[i];
            int at = t[i + 2];
            if (!mine[r] || insideLast(findings, at)) {
                continue;
            }
            TokenRule rule = index.rules().get(r);
            if (matchers[r] == null) {
                matchers[r] = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            int[] span = rule.match(text, at, rule.anchors().get(t[i + 1]), matchers[r]);
            if (span != null && !insideLast(findings, span[0])) {
                findings.add(new Finding(type, span[0], span[1], rule.score(), id));
            }
        }
        return findings;
    }

    private static boolean insideLast(List<Finding> findings, int at) {
        return !findings.isEmpty() && at < findings.get(findings.size() - 1).end();
    }

    @Override
    public String toString() {
        return "TokenDetector[" + id + "]";
    }
}
