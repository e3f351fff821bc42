package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Finding;
import dev.veil.policy.RequestFacts;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Holds when at least {@code minCount} findings have a type matching one of {@code types} and a
 * score of at least {@code minScore}. Also serves {@code topic:} and {@code marker:}, which are
 * findings of type {@code topic.*} and {@code marker.*}.
 *
 * @param key the key the author wrote ({@code findings}, {@code topic} or {@code marker})
 */
public record FindingCondition(String key, List<Glob> types, int minCount, double minScore)
        implements Condition {

    public FindingCondition {
        requireNonNull(key, "key");
        types = List.copyOf(types);
    }

    @Override
    public Tri eval(RequestFacts facts, boolean findingsComplete) {
        if (count(facts) >= minCount) {
            return Tri.TRUE;
        }
        return findingsComplete ? Tri.FALSE : Tri.UNKNOWN;
    }

    private int count(RequestFacts facts) {
        int n = 0;
        for (Finding f : facts.findings()) {
            if (f.score() >= minScore && Glob.anyMatches(types, f.type())) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("findings ")
                .append(types.stream().map(Glob::text).collect(Collectors.joining(" or ")));
        if (minCount != 1) {
            s.append(", at least ").append(minCount);
        }
        if (minScore > 0) {
            s.append(", score >= ").append(minScore);
        }
        return s.toString();
    }

    @Override
    public String observe(RequestFacts facts) {
        int n = count(facts);
        return n == 1 ? "1 matching finding" : n + " matching findings";
    }

    @Override
    public void positiveFindingGlobs(boolean positive, List<Glob> out) {
        if (positive) {
            out.addAll(types);
        }
    }
}
