package dev.veil.policy.internal;

import dev.veil.policy.RequestFacts;
import java.util.List;

/** Holds when at least one nested condition holds. */
public record AnyCondition(List<Condition> conditions) implements Condition {

    public AnyCondition {
        conditions = List.copyOf(conditions);
    }

    @Override
    public Tri eval(RequestFacts facts, boolean findingsComplete) {
        Tri result = Tri.FALSE;
        for (Condition c : conditions) {
            result = result.or(c.eval(facts, findingsComplete));
            if (result == Tri.TRUE) {
                return result;
            }
        }
        return result;
    }

    @Override
    public String describe() {
        return "any of";
    }

    @Override
    public String observe(RequestFacts facts) {
        return "";
    }

    @Override
    public void positiveFindingGlobs(boolean positive, List<Glob> out) {
        conditions.forEach(c -> c.positiveFindingGlobs(positive, out));
    }

    @Override
    public void explain(RequestFacts facts, boolean findingsComplete, String indent, List<String> out) {
        Condition.super.explain(facts, findingsComplete, indent, out);
        conditions.forEach(c -> c.explain(facts, findingsComplete, indent + "  ", out));
    }
}
