package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.policy.PolicyHolder;
import dev.veil.proxy.demo.StubUpstream.Received;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Focused policies written for one test each: redaction, and reloading the policy of a running Veil. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PolicyEndToEndTest {

    static final String EMAIL = "jane.roe@example.org";

    @Nested
    class Redact {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder().policy("""
                version: 1
                default: allow
                on_detector_error: route local
                rules:
                  - id: emails-masked
                    description: E-mail addresses are masked before the request leaves.
                    when: {findings: "pii.email"}
                    action: redact
                    redact: {types: [pii.email], mode: mask}
                """).build();

        @Test
        void redactRule_sendsTheRequestExternally_withTheValueMasked() throws Exception {
            HttpResponse<String> r = veil.chat("Write to " + EMAIL + " and to jd@example.com about lunch.");

            assertEquals(200, r.statusCode(), r.body());
            assertEquals("redact; rule=emails-masked", r.headers().firstValue("x-veil-decision").orElse(""));
            assertEquals("openai", r.headers().firstValue("x-veil-upstream").orElse(""));
            Received got = veil.openai().takeRequest(WAIT);
            assertNotNull(got);
            String sent = got.json().at("/messages/0/content").asText();
            assertFalse(sent.contains(EMAIL), sent);
            assertFalse(sent.contains("jd@example.com"), sent);
            assertTrue(sent.startsWith("Write to ") && sent.endsWith(" about lunch."), sent);
            assertNull(veil.local().takeRequest(QUIET));
        }
    }

    @Nested
    class Reload {

        static final String ALLOW_CLEAN = """
                version: 1
                default: allow
                on_detector_error: route local
                rules:
                  - id: personal-data-internal
                    description: Personal data stays on the self-hosted model.
                    when: {findings: "pii.*"}
                    action: route local
                """;

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder().policy(ALLOW_CLEAN).build();

        @Test
        void reloadedPolicy_decidesTheNextRequest() throws Exception {
            assertEquals("openai", veil.chat("What is the boiling point of water?").headers()
                    .firstValue("x-veil-upstream").orElse(""));
            Path file = veil.veil().config().policyFile();
            Files.writeString(file, ALLOW_CLEAN.replace("default: allow", "default: route local"));

            PolicyHolder.ReloadOutcome outcome = veil.veil().policy().reload();
            HttpResponse<String> r = veil.chat("What is the boiling point of water?");

            assertTrue(outcome.swapped(), outcome.toString());
            assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""), r.body());
            assertEquals("route; rule=default", r.headers().firstValue("x-veil-decision").orElse(""));
            assertEquals(1, veil.openai().drain().size(), "only the request before the reload");
            assertEquals(1, veil.local().drain().size());
        }

        @Test
        void invalidPolicyFile_isRefused_andTheLastGoodPolicyStaysInForce() throws Exception {
            Path file = veil.veil().config().policyFile();
            // A typo that would silently weaken protection if it were accepted.
            Files.writeString(file, ALLOW_CLEAN.replace("findings:", "finding:"));

            PolicyHolder.ReloadOutcome outcome = veil.veil().policy().reload();
            HttpResponse<String> r = veil.chat("Write to " + EMAIL + ", please.");

            assertTrue(outcome.refused(), outcome.toString());
            assertFalse(outcome.errors().isEmpty());
            assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""), r.body());
            assertNull(veil.openai().takeRequest(QUIET), "a refused reload weakened the live policy");
        }
    }
}
