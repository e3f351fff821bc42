package dev.veil.policy.internal;

import dev.veil.policy.RequestFacts;
import java.util.List;

/** Holds when the request does (or, with {@code expected=false}, does not) hold unscannable parts. */
public record UnscannableCondition(boolean expected) implements Condition {

    @Override
    public Tri eval(RequestFacts facts, boolean findingsComplete) {
        return Tri.of(facts.unscannableContent() == expected);
    }

    @Override
    public String describe() {
        return expected ? "request holds content no detector can read (images, audio, files)"
                : "request holds only scannable content";
    }

    @Override
    public String observe(RequestFacts facts) {
        return facts.unscannableContent() ? "unscannable parts present" : "no unscannable parts";
    }

    @Override
    public void positiveFindingGlobs(boolean positive, List<Glob> out) {
        // Not about findings.
    }
}
