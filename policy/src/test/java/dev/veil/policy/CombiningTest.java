package dev.veil.policy;

import static dev.veil.policy.TestSupport.facts;
import static dev.veil.policy.TestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CombiningTest {

    private static final String HEAD = "version: 1\ndefault: allow\non_detector_error: route local\nrules:\n";

    @Test
    void decide_twoRedactRules_redactsTheUnionAndMaskWins() throws PolicyException {
        Policy p = parse(HEAD + """
                  - id: emails
                    description: pseudonymize emails
                    when: {findings: pii.email}
                    action: redact
                    redact: {types: [pii.email], mode: pseudonymize}
                  - id: phones
                    description: mask phones
                    when: {findings: pii.phone}
                    action: redact
                    redact: {types: [pii.phone], mode: mask}
                """);

        Decision both = p.decide(facts("pii.email", "pii.phone"));
        assertEquals(Action.REDACT, both.action());
        assertEquals("openai", both.upstream());
        assertEquals(List.of("pii.email", "pii.phone"), both.redactTypes());
        assertEquals(RedactMode.MASK, both.redactMode());
        assertTrue(Policy.redacts(both, "pii.phone"));
        assertFalse(Policy.redacts(both, "pii.person"));

        Decision emailOnly = p.decide(facts("pii.email"));
        assertEquals(RedactMode.PSEUDONYMIZE, emailOnly.redactMode());
        assertEquals(List.of("pii.email"), emailOnly.redactTypes());
    }

    @Test
    void decide_routeToExternalRanksWithAllow_soRedactBeatsIt() throws PolicyException {
        Policy p = parse(HEAD + """
                  - id: a-gpt4-external
                    description: big models go to openai
                    when: {model: "gpt-4*"}
                    action: route openai
                  - id: z-redact-emails
                    description: emails are masked
                    when: {findings: pii.email}
                    action: redact
                    redact: {types: [pii.email]}
                """);
        Decision d = p.decide(facts("pii.email"));
        assertEquals(Action.REDACT, d.action());
        assertEquals("z-redact-emails", d.decidingRule());
        assertEquals(List.of("a-gpt4-external", "z-redact-emails"), d.appliedRules());
    }

    @Test
    void decide_explicitAllowRuleBeatsStricterDefault() throws PolicyException {
        Policy p = parse("""
                version: 1
                default: block
                on_detector_error: block
                rules:
                  - id: small-models
                    description: only the mini model is allowed
                    when: {model: gpt-4o-mini}
                    action: allow
                """);
        assertEquals(Action.ALLOW, p.decide(facts()).action());
        Decision other = p.decide(RequestFacts.builder().model("gpt-4.1").build());
        assertEquals(Action.BLOCK, other.action());
        assertEquals("default", other.decidingRule());
        assertEquals("Blocked by policy: no rule allows this request.", other.message());
    }

    @Test
    void decide_ruleWithOwnFailureModeBlocksOnlyWhenItsOutcomeIsUnknown() throws PolicyException {
        Policy p = parse(HEAD + """
                  - id: keys-block
                    description: keys are refused; if unsure, refuse too
                    when: {findings: "secret.*"}
                    action: block
                    message: no keys
                    on_detector_error: block
                  - id: internal-team
                    description: the internal team's requests always stay in
                    when: {team: internal}
                    action: route local
                """);
        Decision unsure = p.decide(RequestFacts.builder().failedDetector("secrets").build());
        assertEquals(Action.BLOCK, unsure.action());
        assertEquals("keys-block", unsure.decidingRule());
        assertEquals(List.of("keys-block", "on_detector_error"), unsure.appliedRules());

        Policy noOwnMode = parse(HEAD + """
                  - id: keys-block
                    description: keys are refused
                    when: {findings: "secret.*"}
                    action: block
                    message: no keys
                """);
        Decision covered = noOwnMode.decide(RequestFacts.builder().failedDetector("secrets").build());
        assertEquals(Action.ROUTE, covered.action());
        assertEquals("on_detector_error", covered.decidingRule());
    }

    @Test
    void decide_negatedFindingWithFailedDetector_isUnknownNotTrue() throws PolicyException {
        Policy p = parse("""
                version: 1
                default: block
                on_detector_error: route local
                rules:
                  - id: clean-out
                    description: requests without personal data may go out
                    when: {not: {findings: "pii.*"}}
                    action: allow
                """);
        assertEquals(Action.ALLOW, p.decide(facts()).action());
        Decision degraded = p.decide(RequestFacts.builder().failedDetector("email").build());
        assertEquals(Action.ROUTE, degraded.action());
        assertEquals(List.of("on_detector_error"), degraded.appliedRules());
    }

    @Test
    void decide_minCountAndMinScore_areBothRequired() throws PolicyException {
        Policy p = parse(HEAD + """
                  - id: many-confident-emails
                    description: mailing lists stay in
                    when: {findings: {types: [pii.email], min_count: 2, min_score: 0.8}}
                    action: route local
                """);
        RequestFacts twoConfident = RequestFacts.builder().finding(TestSupport.finding("pii.email", 0.9))
                .finding(TestSupport.finding("pii.email", 0.85)).build();
        RequestFacts oneConfident = RequestFacts.builder().finding(TestSupport.finding("pii.email", 0.9))
                .finding(TestSupport.finding("pii.email", 0.5)).build();
        assertEquals(Action.ROUTE, p.decide(twoConfident).action());
        assertEquals(Action.ALLOW, p.decide(oneConfident).action());
    }
}
