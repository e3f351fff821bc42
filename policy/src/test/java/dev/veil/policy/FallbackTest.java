package dev.veil.policy;

import static dev.veil.policy.TestSupport.facts;
import static dev.veil.policy.TestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy's {@code fallback:} key: only an internal upstream, carried by every forwarding decision. */
class FallbackTest {

    private static final String RULES = """
            version: 1
            default: allow
            on_detector_error: route local
            rules:
              - id: secrets-block
                description: Credentials never leave.
                when: {findings: "secret.*"}
                action: block
                message: Blocked.
              - id: ids-internal
                description: Government ids stay internal.
                when: {findings: "gov_id.*"}
                action: route local
            """;

    private static List<String> errors(String yaml) {
        PolicyException e = assertThrows(PolicyException.class, () -> parse(yaml));
        return e.errors().stream().map(PolicyError::toString).toList();
    }

    @Test
    void withoutFallback_noDecisionHasOne() throws Exception {
        Policy p = parse(RULES);

        assertEquals("", p.decide(facts()).fallback());
        assertEquals("", p.decide(facts("gov_id.us_ssn")).fallback());
    }

    @Test
    void internalFallback_isCarriedByForwardingDecisions_notByBlocks() throws Exception {
        Policy p = parse(RULES + "fallback: local\n");

        Decision allow = p.decide(facts());
        assertEquals(Action.ALLOW, allow.action());
        assertEquals("local", allow.fallback());
        assertEquals("local", p.decide(facts("gov_id.us_ssn")).fallback());
        Decision block = p.decide(facts("secret.jwt"));
        assertEquals(Action.BLOCK, block.action());
        assertEquals("", block.fallback());
    }

    @Test
    void externalFallback_isRefused_atItsLine() {
        List<String> errors = errors(RULES + "fallback: openai\n");

        assertEquals(1, errors.size(), String.join("\n", errors));
        assertTrue(errors.get(0).startsWith("test.yaml:14:11: fallback 'openai' is an external upstream; a fallback "
                + "must be internal"), errors.get(0));
    }

    @Test
    void unknownFallback_isRefused_withASuggestion() {
        List<String> errors = errors(RULES + "fallback: lcoal\n");

        assertEquals(1, errors.size(), String.join("\n", errors));
        assertTrue(errors.get(0).contains("unknown upstream 'lcoal' in fallback; did you mean 'local'?"), errors.get(0));
    }
}
