package dev.veil.proxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.audit.AuditKeys;
import dev.veil.proxy.cli.VeilCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** From a request through the running proxy to the compliance officer's tools, on the real files. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditRoundTripEndToEndTest {

    static final String SSN = "536-22-1234";

    @RegisterExtension
    final VeilExtension veil = VeilExtension.standard();

    @Test
    void requestThroughVeil_isVerifiedAndReadByTheOfficer() throws Exception {
        HttpResponse<String> r = veil.chat("My SSN is " + SSN + "; which tax form do I need?");
        assertEquals(200, r.statusCode(), r.body());
        String requestId = r.headers().firstValue("x-request-id").orElseThrow();
        veil.stopVeil(); // seals the segment, as a shutdown does

        Path dir = veil.auditDir();
        Path officerKey = dir.getParent().resolve("keys").resolve(AuditKeys.OFFICER_PRIVATE);

        Run verify = veil("audit", "verify", dir.toString());
        assertEquals(0, verify.exit(), verify.all());
        assertTrue(verify.all().contains("records verified"), verify.all());

        Run show = veil("audit", "show", dir.toString(), "--key", officerKey.toString(), "--type", "gov_id.us_ssn");
        assertEquals(0, show.exit(), show.all());
        assertTrue(show.all().contains(requestId), "the officer finds the request by its finding type: " + show.all());
        assertTrue(show.all().contains("local"), show.all());

        Run byValue = veil("audit", "show", dir.toString(), "--key", officerKey.toString(), "--value", SSN);
        assertEquals(0, byValue.exit(), byValue.all());
        assertTrue(byValue.all().contains(requestId), "the officer finds the request by a known value: " + byValue.all());
        assertFalse(byValue.all().contains(SSN), "the trail never held the value itself");
    }

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Runs the veil command in-process, capturing what it prints. */
    private static Run veil(String... args) {
        CommandLine cli = VeilCommand.newCommandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), "");
    }
}
