package dev.veil.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Keys, a clock and sample records for tests; each test gets its own keys in its temp dir. */
final class TrailFixture {

    final Path root;
    final Path keys;
    final Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    TrailFixture(Path root) throws IOException {
        this.root = root;
        this.keys = root.resolve("keys");
        this.dir = root.resolve("trail");
        AuditKeys.generate(keys);
    }

    Path officerPrivate() {
        return keys.resolve(AuditKeys.OFFICER_PRIVATE);
    }

    Path signingPublic() {
        return keys.resolve(AuditKeys.SIGNING_PUBLIC);
    }

    AuditSettings.Builder settings() {
        return AuditSettings.builder(dir)
                .officerKey(keys.resolve(AuditKeys.OFFICER_PUBLIC))
                .signingKey(keys.resolve(AuditKeys.SIGNING_PRIVATE))
                .fsync(FsyncPolicy.NONE)
                .clock(clock);
    }

    /** A request record routed internally because of an SSN. */
    AuditRecord request(int n, ValueFingerprinter fp) {
        return AuditRecord.request("req-" + n, clock.instant())
                .tenant(fp.fingerprint("tenant-acme"))
                .endpoint("/v1/chat/completions")
                .routing("gpt-4o-mini", "llama3.1", "local", "internal")
                .verdict("route", List.of("ssn-internal", "default"), "policy-7")
                .findings(new AuditRecord.Findings(
                        List.of(AuditRecord.FindingCount.of("gov_id.us_ssn", 1, 0.99)),
                        List.of(fp.fingerprint("078-05-1120")), 0, List.of()))
                .outcome(200, 35, 512, 2048)
                .build();
    }

    void writeRecords(AuditTrail trail, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            trail.append(request(i, trail.fingerprinter()));
        }
        if (!trail.awaitWritten(Duration.ofSeconds(10))) {
            throw new AssertionError("records were not written in time");
        }
    }
}
