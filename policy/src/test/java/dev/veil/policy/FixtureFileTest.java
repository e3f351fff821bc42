package dev.veil.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.Scanner;
import dev.veil.policy.fixture.CaseResult;
import dev.veil.policy.fixture.FixtureFile;
import dev.veil.policy.fixture.FixtureRequest;
import dev.veil.policy.fixture.FixtureRunner;
import dev.veil.policy.fixture.ScanningFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FixtureFileTest {

    /** A real detector for the word "secret" so that scanning is exercised without the detector module. */
    private static final Detector WORD = new Detector() {
        @Override
        public String id() {
            return "word";
        }

        @Override
        public List<String> types() {
            return List.of("secret.password_assignment");
        }

        @Override
        public List<Finding> detect(String text) {
            List<Finding> out = new ArrayList<>();
            for (int i = text.indexOf("hunter2"); i >= 0; i = text.indexOf("hunter2", i + 1)) {
                out.add(new Finding("secret.password_assignment", i, i + 7, 0.9, "word"));
            }
            return out;
        }
    };

    @Test
    void parse_typoInCase_isReportedAtLineAndColumn() {
        PolicyException e = assertThrows(PolicyException.class, () -> FixtureFile.parse("""
                cases:
                  - description: x
                    request: {findings: [pii.email]}
                    expect: {action: rout, upstrem: local}
                """, "c.yaml", Optional.empty()));
        List<String> errors = e.errors().stream().map(PolicyError::toString).toList();
        assertTrue(errors.contains("c.yaml:4:28: unknown key 'upstrem' in 'expect'; did you mean 'upstream'?"
                + " allowed keys: action, applied, rule, upstream"), errors.toString());
        assertTrue(errors.contains("c.yaml:4:22: unknown action 'rout'; use allow, redact, route or block"),
                errors.toString());
    }

    @Test
    void scanningFacts_readsMessagesToolCallsAndRawBodies() throws Exception {
        ScanningFacts facts = new ScanningFacts(new Scanner(List.of(WORD)));
        FixtureRequest toolCall = FixtureFile.parseRequest("""
                {"model": "gpt-4o", "messages": [{"role": "assistant", "tool_calls": [
                  {"id": "c1", "type": "function", "function": {"name": "login", "arguments": "{\\"pw\\": \\"hunter2\\"}"}}]}]}
                """, "r.json");
        RequestFacts f = facts.apply(toolCall);
        assertEquals(1, f.findings().size());
        assertEquals("gpt-4o", f.model());
        assertTrue(!f.conversationFingerprint().isEmpty());

        FixtureRequest image = FixtureFile.parseRequest("""
                {"messages": [{"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}}]}]}
                """, "r.json");
        assertTrue(facts.apply(image).unscannableContent());
    }

    @Test
    void runner_reportsFailWithWhatDiffered_andSkipsCasesNeedingMissingDetectors() throws Exception {
        Policy policy = TestSupport.parse(PolicyHolderTest.ROUTE_PII);
        FixtureFile file = FixtureFile.parse("""
                cases:
                  - description: wrong expectation
                    request: {findings: [pii.phone]}
                    expect: {action: allow, rule: default}
                  - description: needs a phone detector
                    requires: [pii.phone]
                    request: {messages: [{role: user, content: "call 555 0100"}]}
                    expect: {action: route, upstream: local}
                """, "c.yaml", Optional.empty());
        List<CaseResult> results = new FixtureRunner(new ScanningFacts(new Scanner(List.of(WORD))),
                Set.of("secret.password_assignment")).run(policy, file);

        assertEquals(CaseResult.Status.FAIL, results.get(0).status());
        assertEquals("FAIL c.yaml:2 wrong expectation -- action route, expected allow;"
                + " decided by 'pii-internal', expected 'default'", results.get(0).line());
        assertEquals(CaseResult.Status.SKIP, results.get(1).status());
        assertTrue(results.get(1).detail().contains("pii.phone"));
    }
}
