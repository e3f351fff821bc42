package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Scanner;
import dev.veil.policy.Policy;
import dev.veil.proxy.demo.StubUpstream.Received;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Focused policies written for one test each: redaction, and swapping the policy of a running Veil. */
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
    class Swap {

        @TempDir
        Path dir;

        @RegisterExtension
        final VeilExtension veil = VeilExtension.standard();

        @Test
        void swappedPolicy_decidesTheNextRequest() throws Exception {
            assertEquals("openai", veil.chat("What is the capital of France?").headers()
                    .firstValue("x-veil-upstream").orElse(""));
            Path strict = dir.resolve("everything-local.yaml");
            Files.writeString(strict, """
                    version: 1
                    default: route local
                    on_detector_error: route local
                    rules: []
                    """);

            veil.veil().swapPolicy(Policy.load(strict, veil.veil().config().trustByUpstream(),
                    Scanner.standard().types()));
            HttpResponse<String> r = veil.chat("What is the capital of France?");

            assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""), r.body());
            assertEquals(1, veil.openai().drain().size(), "only the request before the swap");
            assertEquals(1, veil.local().drain().size());
        }
    }
}
