package dev.veil.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: the order of rules in a file never changes a decision. Random policies (seeded, so a
 * failure can be replayed) are written once in order and once shuffled; random requests must get
 * the same decision from both.
 */
class RuleOrderPropertyTest {

    private static final long SEED = 0x5EED_0F_BE11L;
    private static final String[] TYPES = {"pii.email", "pii.*", "secret.*", "secret.jwt", "financial.payment_card",
        "gov_id.*", "topic.health", "marker.confidential", "network.ipv4"};
    private static final String[] CONCRETE = {"pii.email", "pii.phone", "secret.jwt", "secret.private_key",
        "financial.payment_card", "gov_id.us_ssn", "topic.health", "marker.confidential", "network.ipv4"};
    private static final String[] ACTIONS = {"allow", "route local", "route openai", "block", "redact"};

    @Test
    void shufflingRules_neverChangesADecision() throws PolicyException {
        Random random = new Random(SEED);
        int compared = 0;
        for (int p = 0; p < 150; p++) {
            List<String> rules = new ArrayList<>();
            int n = 2 + random.nextInt(8);
            for (int r = 0; r < n; r++) {
                rules.add(rule(random, "r" + random.nextInt(1000) + "-" + r));
            }
            String head = "version: 1\ndefault: " + pick(random, "allow", "route local", "block")
                    + "\non_detector_error: " + pick(random, "block", "route local") + "\nrules:\n";
            Policy ordered = TestSupport.parse(head + String.join("", rules));
            List<String> shuffled = new ArrayList<>(rules);
            Collections.shuffle(shuffled, random);
            Policy reordered = TestSupport.parse(head + String.join("", shuffled));
            for (int f = 0; f < 40; f++) {
                RequestFacts facts = facts(random);
                Decision a = ordered.decide(facts);
                Decision b = reordered.decide(facts);
                assertEquals(withoutVersion(a), withoutVersion(b), () -> "seed " + SEED + ", policy:\n" + head + String.join("", rules) + "\nfacts: " + facts);
                assertAtLeastAsProtectiveAsEveryAppliedRule(ordered, facts, a);
                compared++;
            }
        }
        assertEquals(150 * 40, compared);
    }

    /** The decision is never weaker than what any rule whose conditions held proposed. */
    private static void assertAtLeastAsProtectiveAsEveryAppliedRule(Policy policy, RequestFacts facts, Decision d) {
        Explanation e = policy.explain(facts);
        int decided = strength(d.action(), d.upstream());
        for (RuleVerdict v : e.rules()) {
            if (v.verdict() != RuleVerdict.Verdict.APPLIES) {
                continue;
            }
            assertTrue(d.appliedRules().contains(v.ruleId()), v.ruleId() + " applied but is not listed");
            int proposed = v.proposes().startsWith("block") ? 3
                    : v.proposes().startsWith("route to local") ? 2
                    : v.proposes().startsWith("redact") ? 1 : 0;
            assertTrue(decided >= proposed, v.ruleId() + " proposed " + v.proposes() + " but decision was " + d);
        }
    }

    private static int strength(Action action, String upstream) {
        return action.strength(TestSupport.UPSTREAMS.getOrDefault(upstream, Trust.EXTERNAL));
    }

    private static String rule(Random random, String id) {
        String action = ACTIONS[random.nextInt(ACTIONS.length)];
        StringBuilder s = new StringBuilder()
                .append("  - id: ").append(id).append('\n')
                .append("    description: generated\n")
                .append("    when: ").append(condition(random, 0)).append('\n')
                .append("    action: ").append(action).append('\n')
                .append("    accepted_risk: true\n");
        if (action.equals("block")) {
            s.append("    message: blocked by ").append(id).append('\n');
        }
        if (action.equals("redact")) {
            s.append("    redact: {types: [\"").append(pick(random, "pii.*", "pii.email", "financial.*"))
                    .append("\"], mode: ").append(pick(random, "mask", "pseudonymize")).append("}\n");
        }
        if (random.nextInt(4) == 0) {
            s.append("    on_detector_error: ").append(pick(random, "block", "route local")).append('\n');
        }
        return s.toString();
    }

    private static String condition(Random random, int depth) {
        int kind = random.nextInt(depth < 2 ? 9 : 6);
        return switch (kind) {
            case 0, 1 -> "{findings: {types: [\"" + pick(random, TYPES) + "\"], min_count: " + (1 + random.nextInt(2))
                    + ", min_score: " + pick(random, "0", "0.5", "0.9") + "}}";
            case 2 -> "{model: \"" + pick(random, "gpt-4*", "gpt-4o-mini", "o1*") + "\"}";
            case 3 -> "{tenant: " + pick(random, "acme", "globex") + "}";
            case 4 -> "{unscannable: " + random.nextBoolean() + "}";
            case 5 -> "{header: {x-data-class: " + pick(random, "restricted", "public*") + "}}";
            case 6 -> "{all: [" + condition(random, depth + 1) + ", " + condition(random, depth + 1) + "]}";
            case 7 -> "{any: [" + condition(random, depth + 1) + ", " + condition(random, depth + 1) + "]}";
            default -> "{not: " + condition(random, depth + 1) + "}";
        };
    }

    private static RequestFacts facts(Random random) {
        RequestFacts.Builder b = RequestFacts.builder()
                .model(pick(random, "gpt-4o-mini", "gpt-4.1", "o1-mini"))
                .tenant(pick(random, "acme", "globex", ""));
        if (random.nextBoolean()) {
            b.header("x-data-class", pick(random, "restricted", "public", "public-web"));
        }
        int findings = random.nextInt(4);
        for (int i = 0; i < findings; i++) {
            b.finding(new Finding(pick(random, CONCRETE), i, i + 1, random.nextInt(11) / 10.0, "gen"));
        }
        if (random.nextInt(6) == 0) {
            b.failedDetector("gen");
        }
        return b.unscannableContent(random.nextInt(5) == 0).build();
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static List<Object> withoutVersion(Decision d) {
        return List.of(d.action(), d.upstream(), d.decidingRule(), d.appliedRules(), d.redactTypes(), d.message(),
                d.redactMode());
    }
}
