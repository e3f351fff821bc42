package dev.veil.policy;

import static dev.veil.policy.TestSupport.UPSTREAMS;
import static dev.veil.policy.TestSupport.facts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DefaultPolicyTest {

    private static Policy policy;

    @BeforeAll
    static void load() throws PolicyException {
        policy = Policy.load(TestSupport.POLICIES.resolve("default.yaml"), UPSTREAMS, FindingTypes.DOCUMENTED);
    }

    @Test
    void decide_cleanRequest_allowsToExternal() {
        Decision d = policy.decide(facts());
        assertEquals(Action.ALLOW, d.action());
        assertEquals("openai", d.upstream());
        assertEquals("default", d.decidingRule());
    }

    @Test
    void decide_ssn_routesLocal() {
        Decision d = policy.decide(facts("gov_id.us_ssn"));
        assertEquals(Action.ROUTE, d.action());
        assertEquals("local", d.upstream());
        assertEquals("government-ids-internal", d.decidingRule());
    }

    @Test
    void decide_privateKeyWithEmail_blocksAndListsBothRules() {
        Decision d = policy.decide(facts("pii.email", "secret.private_key"));
        assertEquals(Action.BLOCK, d.action());
        assertEquals("", d.upstream());
        assertEquals("secrets-block", d.decidingRule());
        assertEquals(java.util.List.of("personal-data-internal", "secrets-block"), d.appliedRules());
        assertTrue(d.message().contains("credential"), d.message());
    }

    @Test
    void decide_detectorFailed_routesLocalEvenWithoutFindings() {
        Decision d = policy.decide(RequestFacts.builder().failedDetector("email").build());
        assertEquals(Action.ROUTE, d.action());
        assertEquals("local", d.upstream());
        assertTrue(d.appliedRules().contains("on_detector_error"), d.appliedRules().toString());
    }

    @Test
    void decide_detectorFailedButSecretFound_stillBlocks() {
        Decision d = policy.decide(RequestFacts.builder().failedDetector("email")
                .finding(TestSupport.finding("secret.aws_access_key_id")).build());
        assertEquals(Action.BLOCK, d.action());
    }

    @Test
    void decide_image_routesLocal() {
        Decision d = policy.decide(RequestFacts.builder().unscannableContent(true).build());
        assertEquals("local", d.upstream());
        assertEquals("unscannable-internal", d.decidingRule());
    }

    @Test
    void version_isContentHashInEveryDecision() {
        assertTrue(policy.version().matches("[0-9a-f]{16}"), policy.version());
        assertEquals(policy.version(), policy.decide(facts()).policyVersion());
    }
}
