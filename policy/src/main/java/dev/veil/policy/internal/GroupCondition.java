package dev.veil.policy.internal;

import dev.veil.policy.RequestFacts;
import java.util.List;

/**
 * {@code all:} holds when every nested condition holds (an empty list holds); {@code any:} holds
 * when at least one does. Evaluated in three-valued logic, stopping at the first deciding answer.
 *
 * @param all true for {@code all:}, false for {@code any:}
 */
public record GroupCondition(boolean all, List<Condition> conditions) implements Condition {

    public GroupCondition {
        conditions = List.copyOf(conditions);
    }

    @Override
    public Tri eval(RequestFacts facts, boolean findingsComplete) {
        Tri result = all ? Tri.TRUE : Tri.FALSE;
        Tri decisive = all ? Tri.FALSE : Tri.TRUE;
        for (Condition c : conditions) {
            Tri next = c.eval(facts, findingsComplete);
            result = all ? result.and(next) : result.or(next);
            if (result == decisive) {
                return result;
            }
        }
        return result;
    }

    @Override
    public String describe() {
        return all ? "all of" : "any of";
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
        if (all && conditions.size() == 1) {
            conditions.get(0).explain(facts, findingsComplete, indent, out);
            return;
        }
        Condition.super.explain(facts, findingsComplete, indent, out);
        conditions.forEach(c -> c.explain(facts, findingsComplete, indent + "  ", out));
    }
}
