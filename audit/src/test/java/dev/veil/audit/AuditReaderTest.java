package dev.veil.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.audit.AuditRecord.Event;
import dev.veil.audit.AuditRecord.FindingCount;
import dev.veil.audit.AuditRecord.Findings;
import dev.veil.audit.internal.SegmentFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditReaderTest {

    @TempDir
    Path tmp;

    private static List<AuditEntry> read(Path dir, Path key, AuditQuery query) throws IOException {
        List<AuditEntry> out = new ArrayList<>();
        AuditReader.open(dir, key).read(query, n -> { }, out::add);
        return out;
    }

    private static AuditQuery query(String field, String value) {
        Optional<String> v = Optional.of(value);
        Optional<String> none = Optional.empty();
        return new AuditQuery(Optional.empty(), Optional.empty(),
                field.equals("action") ? v : none, field.equals("rule") ? v : none, field.equals("type") ? v : none,
                field.equals("upstream") ? v : none, field.equals("tenant") ? v : none,
                field.equals("value") ? v : none);
    }

    private static AuditRecord external(TrailFixture f, ValueFingerprinter fp, String id, String type, int redacted) {
        return AuditRecord.request(id, f.clock.instant())
                .tenant(fp.fingerprint("tenant-globex"))
                .endpoint("/v1/chat/completions")
                .routing("gpt-4o", "gpt-4o", "openai", "external")
                .verdict(redacted > 0 ? "redact" : "allow", List.of("default"), "policy-7")
                .findings(new Findings(List.of(new FindingCount(type, 1, 0.8, redacted)),
                        List.of(fp.fingerprint("jane@example.com")), redacted, List.of("opennlp-person")))
                .outcome(200, 80, 300, 900)
                .build();
    }

    @Test
    void roundTrip_officerKeyDecryptsExactlyWhatWasWritten() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        List<AuditRecord> written = new ArrayList<>();
        try (AuditTrail trail = AuditTrail.open(f.settings().rotateBytes(4096).build())) {
            AuditRecord start = AuditRecord.lifecycle(Event.START, f.clock.instant(), "veil 0.1.0");
            trail.append(start);
            written.add(start);
            for (int i = 0; i < 20; i++) {
                AuditRecord r = i % 3 == 0 ? external(f, trail.fingerprinter(), "ext-" + i, "pii.email", 0)
                        : f.request(i, trail.fingerprinter());
                trail.append(r);
                written.add(r);
                trail.awaitWritten(Duration.ofSeconds(5));
            }
        }
        assertTrue(SegmentFiles.list(f.dir).size() > 1, "the records span several segments");
        List<AuditEntry> read = read(f.dir, f.officerPrivate(), AuditQuery.ALL);
        assertEquals(written, read.stream().map(AuditEntry::record).toList());
        assertEquals(1, read.get(0).seq());
        assertEquals(21, read.get(20).seq());
    }

    @Test
    void proxySideKeys_cannotDecryptTheTrail() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        AuditSettings settings = f.settings().build();
        try (AuditTrail trail = AuditTrail.open(settings)) {
            f.writeRecords(trail, 3);
        }
        // Everything the proxy is configured with: officer public keys and its own signing key.
        List<Path> proxyFiles = new ArrayList<>(settings.officerKeys());
        proxyFiles.add(settings.signingKey());
        for (Path file : proxyFiles) {
            assertThrows(IOException.class, () -> AuditReader.open(f.dir, file), file::toString);
        }
        // And no officer private key lies with the trail or in the proxy's configuration.
        try (Stream<Path> files = Files.walk(f.dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(p).contains("PRIVATE KEY"), p::toString);
            }
        }
        TrailFixture stranger = new TrailFixture(tmp.resolve("stranger"));
        IOException e = assertThrows(IOException.class, () -> AuditReader.open(f.dir, stranger.officerPrivate()));
        assertTrue(e.getMessage().contains("no segment"), e.getMessage());
    }

    @Test
    void everyOfficer_canReadAndRetiredOfficerKeyShredsOnlyItsPeriod() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        TrailFixture q2 = new TrailFixture(tmp.resolve("q2"));
        Path q2Public = q2.keys.resolve(AuditKeys.OFFICER_PUBLIC);
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            f.writeRecords(trail, 2);
        }
        try (AuditTrail trail = AuditTrail.open(AuditSettings.builder(f.dir).officerKey(q2Public)
                .signingKey(f.keys.resolve(AuditKeys.SIGNING_PRIVATE)).fsync(FsyncPolicy.NONE).clock(f.clock)
                .build())) {
            f.writeRecords(trail, 3);
        }
        AuditReader q1Reader = AuditReader.open(f.dir, f.officerPrivate());
        List<AuditEntry> q1 = new ArrayList<>();
        q1Reader.read(AuditQuery.ALL, n -> { }, q1::add);
        assertEquals(2, q1.size());
        assertTrue(q1Reader.warnings().get(0).contains("segment-000002.jsonl: not sealed to officer key"));
        assertEquals(3, read(f.dir, q2.officerPrivate(), AuditQuery.ALL).size());
        assertTrue(AuditVerifier.verify(f.dir, Optional.empty(), Optional.empty(), n -> { }).ok(),
                "a period whose key is destroyed still verifies");
    }

    @Test
    void valueLookup_findsRecordsThatHeldTheValueInAnyFormat() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().rotateBytes(4096).build())) {
            for (int i = 0; i < 12; i++) {
                trail.append(i % 4 == 0 ? f.request(i, trail.fingerprinter())
                        : external(f, trail.fingerprinter(), "ext-" + i, "pii.email", 0));
                trail.awaitWritten(Duration.ofSeconds(5));
            }
        }
        List<AuditEntry> ssn = read(f.dir, f.officerPrivate(), query("value", "078 05 1120"));
        assertEquals(List.of("req-0", "req-4", "req-8"), ssn.stream().map(e -> e.record().requestId()).toList());
        assertEquals(9, read(f.dir, f.officerPrivate(), query("value", "Jane@Example.com")).size());
        assertEquals(0, read(f.dir, f.officerPrivate(), query("value", "219-09-9999")).size());
    }

    @Test
    void filters_selectByActionRuleTypeUpstreamTenantAndTime() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        Instant start = f.clock.instant();
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            trail.append(f.request(1, trail.fingerprinter()));
            f.clock.advance(Duration.ofHours(1));
            trail.append(external(f, trail.fingerprinter(), "ext-2", "secret.aws_access_key_id", 1));
            trail.append(AuditRecord.lifecycle(Event.POLICY_RELOAD_REFUSED, f.clock.instant(), "policy.yaml:3:5"));
            trail.awaitWritten(Duration.ofSeconds(5));
        }
        Path key = f.officerPrivate();
        assertEquals("req-1", read(f.dir, key, query("action", "route")).get(0).record().requestId());
        assertEquals("policy-reload-refused", read(f.dir, key, query("action", "policy-reload-refused")).get(0)
                .record().label());
        assertEquals(1, read(f.dir, key, query("rule", "ssn-internal")).size());
        assertEquals("ext-2", read(f.dir, key, query("type", "secret.*")).get(0).record().requestId());
        assertEquals("ext-2", read(f.dir, key, query("upstream", "external")).get(0).record().requestId());
        assertEquals("req-1", read(f.dir, key, query("upstream", "local")).get(0).record().requestId());
        assertEquals("ext-2", read(f.dir, key, query("tenant", "tenant-globex")).get(0).record().requestId());
        AuditQuery firstHour = new AuditQuery(Optional.of(start), Optional.of(start.plus(Duration.ofMinutes(30))),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        assertEquals(List.of("req-1"), read(f.dir, key, firstHour).stream().map(e -> e.record().requestId()).toList());
    }

    @Test
    void report_answersWhetherHealthDataReachedAnExternalUpstream() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            trail.append(external(f, trail.fingerprinter(), "a", "topic.health", 0));
            trail.append(external(f, trail.fingerprinter(), "b", "pii.email", 1));
            trail.append(f.request(3, trail.fingerprinter()));
            trail.awaitWritten(Duration.ofSeconds(5));
        }
        AuditReport report = new AuditReport();
        AuditReader.open(f.dir, f.officerPrivate()).read(AuditQuery.ALL, n -> { }, report);
        assertEquals(1, report.reachedExternal("topic.health"));
        assertEquals(0, report.reachedExternal("pii.email"), "redacted before it left");
        assertEquals(0, report.reachedExternal("gov_id.*"), "routed internally");
        String text = report.render();
        assertTrue(text.contains("Sent unredacted to an external upstream: topic.health (1)"), text);
        assertTrue(text.contains("2026-03-02"), text);
    }

    @Test
    void csvExport_escapesCellsAndDefusesFormulas() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            trail.append(AuditRecord.lifecycle(Event.AUDIT_ERROR, f.clock.instant(), "=cmd, \"quoted\""));
            trail.append(f.request(1, trail.fingerprinter()));
            trail.awaitWritten(Duration.ofSeconds(5));
        }
        StringWriter out = new StringWriter();
        AuditExport csv = new AuditExport(out, AuditExport.Format.CSV);
        AuditReader.open(f.dir, f.officerPrivate()).read(AuditQuery.ALL, n -> { }, csv);
        String[] rows = out.toString().split("\r\n");
        assertEquals(3, rows.length);
        assertTrue(rows[0].startsWith("segment,seq,kind,time,requestId"), rows[0]);
        assertTrue(rows[1].endsWith(",audit-error,\"'=cmd, \"\"quoted\"\"\""), rows[1]);
        assertTrue(rows[2].contains(",route,ssn-internal;default,policy-7,"), rows[2]);
        assertTrue(rows[2].contains("gov_id.us_ssn:1:0.99:0"), rows[2]);
    }
}
