package dev.veil.bench.audit;

import dev.veil.audit.AuditKeys;
import dev.veil.audit.AuditRecord;
import dev.veil.audit.AuditSettings;
import dev.veil.audit.FsyncPolicy;
import dev.veil.audit.ValueFingerprinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The workload shared by the audit benchmarks: a typical routed request record, keys, temp dirs. */
final class AuditRecords {

    private AuditRecords() {
    }

    /** A request with two finding types, two value fingerprints and three rules: about 1 KB on disk. */
    static AuditRecord request(long n, ValueFingerprinter fp) {
        return AuditRecord.request("req-" + n, Instant.ofEpochMilli(1_770_000_000_000L + n))
                .tenant(fp.fingerprint("tenant-acme"))
                .endpoint("/v1/chat/completions")
                .routing("gpt-4o-mini", "llama3.1", "local", "internal")
                .verdict("route", List.of("ssn-internal", "pii-redact", "default"), "policy-7")
                .findings(new AuditRecord.Findings(List.of(
                        AuditRecord.FindingCount.of("gov_id.us_ssn", 1, 0.99),
                        AuditRecord.FindingCount.of("pii.email", 2, 0.95)),
                        List.of(fp.fingerprint("078-05-1120"), fp.fingerprint("jane@example.com")), 0, List.of()))
                .outcome(200, 35, 1_024, 4_096)
                .build();
    }

    static AuditSettings.Builder settings(Path root, FsyncPolicy fsync) throws IOException {
        Path keys = root.resolve("keys");
        AuditKeys.generate(keys);
        return AuditSettings.builder(root.resolve("trail"))
                .officerKey(keys.resolve(AuditKeys.OFFICER_PUBLIC))
                .signingKey(keys.resolve(AuditKeys.SIGNING_PRIVATE))
                .fsync(fsync);
    }

    static void delete(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
