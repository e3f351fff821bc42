package dev.veil.policy.internal;

import dev.veil.policy.RequestFacts;
import java.util.List;

/** Holds when every nested condition holds (an empty list holds). */
public record AllCondition(List<Condition> conditions) implements Condition {

    public AllCondition {
        conditions = List.copyOf(conditions);
    }

    @Override
    public Tri eval(RequestFacts facts, boolean findingsComplete) {
        Tri result = Tri.TRUE;
        for (Condition c : conditions) {
            result = result.and(c.eval(facts, findingsComplete));
            if (result == Tri.FALSE) {
                return result;
            }
        }
        return result;
    }

    @Override
    public String describe() {
        return "all of";
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
        if (conditions.size() == 1) {
            conditions.get(0).explain(facts, findingsComplete, indent, out);
            return;
        }
        Condition.super.explain(facts, findingsComplete, indent, out);
        conditions.forEach(c -> c.explain(facts, findingsComplete, indent + "  ", out));
    }
}
