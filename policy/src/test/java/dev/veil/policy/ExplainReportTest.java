package dev.veil.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Finding;
import org.junit.jupiter.api.Test;

class ExplainReportTest {

    @Test
    void render_showsFindingsEveryRuleVerdictAndTheDecision() throws Exception {
        Policy policy = Policy.load(TestSupport.POLICIES.resolve("default.yaml"), TestSupport.UPSTREAMS,
                FindingTypes.DOCUMENTED);
        RequestFacts facts = RequestFacts.builder()
                .finding(new Finding("pii.email", 3, 20, 0.99, "email"))
                .finding(new Finding("pii.email", 30, 41, 0.8, "email"))
                .build();

        String report = ExplainReport.render(facts, policy.explain(facts));

        assertTrue(report.contains("pii.email                        x2   max score 0.99"), report);
        assertTrue(report.contains("APPLIES  personal-data-internal -> route to local (internal)"), report);
        assertTrue(report.contains("[yes] findings pii.email or pii.phone or pii.person or pii.street_address or pii.date_of_birth: "
                + "2 matching findings"), report);
        assertTrue(report.contains("no       secrets-block"), report);
        assertTrue(report.contains("Decision: route to local"), report);
        assertTrue(report.contains("decided by: personal-data-internal"), report);
        assertTrue(report.contains("policy version: " + policy.version()), report);
    }

    @Test
    void render_neverPrintsHeaderValuesOrTenant() throws Exception {
        Policy policy = TestSupport.parse("""
                version: 1
                default: allow
                on_detector_error: block
                rules:
                  - id: restricted
                    description: Restricted data class stays in.
                    when:
                      all:
                        - header: {x-api-secret: "sk-*"}
                        - tenant: acme
                    action: route local
                """);
        RequestFacts facts = RequestFacts.builder().tenant("acme").header("x-api-secret", "sk-live-123").build();

        String report = ExplainReport.render(facts, policy.explain(facts));

        assertTrue(report.contains("[yes] header x-api-secret is sk-*: header present"), report);
        assertFalse(report.contains("sk-live-123"), report);
        assertTrue(report.contains("Decision: route to local"), report);
    }
}
