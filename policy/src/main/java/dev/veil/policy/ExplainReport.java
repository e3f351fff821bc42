package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Finding;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders an {@link Explanation} for a person at a terminal ({@code veil policy explain}): the
 * findings by type, every rule's verdict with the reason, and the decision. Names types, counts and
 * scores only; never a found value or request text.
 */
public final class ExplainReport {

    private ExplainReport() {
    }

    public static String render(RequestFacts facts, Explanation explanation) {
        requireNonNull(facts, "facts");
        requireNonNull(explanation, "explanation");
        StringBuilder out = new StringBuilder();
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Double> maxScore = new TreeMap<>();
        for (Finding f : facts.findings()) {
            counts.computeIfAbsent(f.type(), t -> new int[1])[0]++;
            maxScore.merge(f.type(), f.score(), Math::max);
        }
        out.append("Findings: ").append(facts.findings().isEmpty() ? "none" : facts.findings().size()).append('\n');
        counts.forEach((type, n) -> out.append(String.format(Locale.ROOT, "  %-32s x%-3d max score %.2f%n",
                type, n[0], maxScore.get(type))));
        out.append("Failed detectors: ")
                .append(facts.failedDetectors().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(facts.failedDetectors())))
                .append('\n');
        out.append("Unscannable content: ").append(facts.unscannableContent() ? "yes" : "no").append('\n');
        out.append("Endpoint: ").append(facts.endpoint())
                .append(facts.model().isEmpty() ? "" : "  model: " + facts.model()).append("\n\n");
        out.append("Rules:\n");
        if (explanation.rules().isEmpty()) {
            out.append("  (none)\n");
        }
        for (RuleVerdict v : explanation.rules()) {
            String verdict = switch (v.verdict()) {
                case APPLIES -> "APPLIES";
                case DOES_NOT_APPLY -> "no";
                case UNKNOWN -> "UNKNOWN";
            };
            out.append(String.format(Locale.ROOT, "  %-8s %s", verdict, v.ruleId()));
            if (!v.proposes().isEmpty()) {
                out.append(" -> ").append(v.proposes());
            }
            out.append('\n');
            for (String reason : v.reasons()) {
                out.append("             ").append(reason).append('\n');
            }
        }
        Decision d = explanation.decision();
        out.append("\nDecision: ").append(describe(d)).append('\n');
        out.append("  decided by: ").append(d.decidingRule()).append('\n');
        out.append("  applied:    ").append(d.appliedRules().isEmpty() ? "none" : String.join(", ", d.appliedRules()))
                .append('\n');
        if (d.action() == Action.BLOCK) {
            out.append("  message:    ").append(d.message()).append('\n');
        }
        out.append("  policy version: ").append(d.policyVersion()).append('\n');
        return out.toString();
    }

    /** "route to local", "block", "allow to openai", "redact pii.email (mask) then send to openai". */
    public static String describe(Decision d) {
        return switch (d.action()) {
            case ALLOW -> "allow to " + d.upstream();
            case ROUTE -> "route to " + d.upstream();
            case BLOCK -> "block";
            case REDACT -> "redact " + String.join(", ", d.redactTypes()) + " ("
                    + d.redactMode().name().toLowerCase(Locale.ROOT) + ") then send to " + d.upstream();
        };
    }
}
