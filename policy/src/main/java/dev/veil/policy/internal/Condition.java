package dev.veil.policy.internal;

import dev.veil.policy.RequestFacts;
import java.util.List;

/**
 * One condition of a rule's {@code when:}. Conditions are pure functions of the request facts;
 * implementations are immutable and thread-safe.
 */
public sealed interface Condition
        permits FindingCondition, AttributeCondition, HeaderCondition, UnscannableCondition,
                GroupCondition, NotCondition {

    /**
     * Evaluates this condition.
     *
     * @param findingsComplete false when a detector failed, so findings may be missing
     */
    Tri eval(RequestFacts facts, boolean findingsComplete);

    /** The condition as the policy author wrote it, in words. */
    String describe();

    /** What the request showed for this condition, e.g. "2 matching findings"; empty if nothing to say. */
    String observe(RequestFacts facts);

    /**
     * Adds the finding type globs this condition requires to be present (not negated) when
     * {@code positive}, so that load-time checks can see what sensitive data a rule matches.
     */
    void positiveFindingGlobs(boolean positive, List<Glob> out);

    /** Appends one line per condition (nested ones indented) with its value and what was observed. */
    default void explain(RequestFacts facts, boolean findingsComplete, String indent, List<String> out) {
        String observed = observe(facts);
        out.add(indent + "[" + label(eval(facts, findingsComplete)) + "] " + describe()
                + (observed.isEmpty() ? "" : ": " + observed));
    }

    static String label(Tri t) {
        return switch (t) {
            case TRUE -> "yes";
            case FALSE -> "no";
            case UNKNOWN -> "unknown (detector failed)";
        };
    }
}
