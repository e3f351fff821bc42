package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.RequestFacts;
import java.util.List;

/** Holds when the nested condition does not; unknown stays unknown. */
public record NotCondition(Condition condition) implements Condition {

    public NotCondition {
        requireNonNull(condition, "condition");
    }

    @Override
    public Tri eval(RequestFacts facts, boolean findingsComplete) {
        return condition.eval(facts, findingsComplete).not();
    }

    @Override
    public String describe() {
        return "not";
    }

    @Override
    public String observe(RequestFacts facts) {
        return "";
    }

    @Override
    public void positiveFindingGlobs(boolean positive, List<Glob> out) {
        condition.positiveFindingGlobs(!positive, out);
    }

    @Override
    public void explain(RequestFacts facts, boolean findingsComplete, String indent, List<String> out) {
        Condition.super.explain(facts, findingsComplete, indent, out);
        condition.explain(facts, findingsComplete, indent + "  ", out);
    }
}
