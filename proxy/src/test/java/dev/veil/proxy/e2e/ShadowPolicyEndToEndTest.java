package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.audit.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A candidate policy in shadow mode is evaluated on real traffic and audited, never enforced. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShadowPolicyEndToEndTest {

    static Path candidate() {
        try {
            Path f = Files.createTempDirectory("veil-shadow").resolve("candidate.yaml");
            Files.writeString(f, """
                    version: 1
                    default: allow
                    on_detector_error: route local
                    rules:
                      - id: candidate-blocks-emails
                        description: The candidate would block every e-mail address.
                        when:
                          findings: pii.email
                        action: block
                        message: Blocked by the candidate policy.
                    """);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterExtension
    final VeilExtension veil = VeilExtension.builder()
            .recordingAudit()
            .configure(c -> c.withShadowPolicy(candidate()))
            .build();

    @Test
    void shadowDifference_isAuditedButTheLivePolicyDecides() throws Exception {
        HttpResponse<String> r = veil.chat("Please write to jane.doe@example.com about the invoice.");

        assertEquals(200, r.statusCode(), "the live policy routes internally; the candidate's block is not enforced");
        assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
        AuditRecord record = veil.records().take(WAIT);
        assertNotNull(record);
        assertTrue(record.verdict().shadowDifference().contains("candidate-blocks-emails"),
                record.verdict().toString());
        assertEquals(1, veil.veil().policy().shadowDifferences());
    }
}
