package dev.veil.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.audit.internal.SegmentFiles;
import dev.veil.audit.internal.SegmentWalker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    @TempDir
    Path tmp;

    @Test
    void append_fromManyThreads_writesEveryRecordOnceAndSealsAtClose() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        AuditTrail trail = AuditTrail.open(f.settings().build());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1000;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    trail.append(f.request(base + i, trail.fingerprinter()));
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread t : threads) {
            t.join();
        }
        trail.close();

        List<Path> segments = SegmentFiles.list(f.dir);
        assertEquals(1, segments.size());
        SegmentWalker.Result r = SegmentWalker.walk(segments.get(0), id -> Set.of(), n -> { });
        assertNull(r.problem());
        assertEquals(1000, r.records());
        assertEquals("stopped", r.seal().end());
    }

    @Test
    void segmentFile_holdsNoRequestDetailInClear() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            f.writeRecords(trail, 5);
        }
        String text = Files.readString(SegmentFiles.segment(f.dir, 1), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"label\":\"route\""), "the action stays in clear for filtering");
        for (String secret : List.of("req-1", "ssn-internal", "gov_id.us_ssn", "llama3.1", "local", "policy-7",
                "078-05-1120", "tenant-acme")) {
            assertFalse(text.contains(secret), () -> "found in clear: " + secret);
        }
    }

    @Test
    void open_afterRestart_startsNewSegmentChainedToThePreviousOne() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            f.writeRecords(trail, 3);
        }
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            f.writeRecords(trail, 2);
        }
        List<Path> segments = SegmentFiles.list(f.dir);
        assertEquals(2, segments.size());
        SegmentWalker.Result second = SegmentWalker.walk(segments.get(1), id -> Set.of(), n -> { });
        assertNull(second.problem());
        assertEquals(4, second.header().firstSeq());
        assertEquals(3, second.header().prev().orElseThrow().lastSeq());
        assertTrue(second.header().prev().orElseThrow().sealed());
        assertEquals(5, second.lastSeq());
    }

    @Test
    void open_afterCrash_recordsTheUnsealedTailAndContinues() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            f.writeRecords(trail, 3);
        }
        Path first = SegmentFiles.segment(f.dir, 1);
        List<String> lines = Files.readAllLines(first);
        // Simulate a crash: drop the seal and leave half a line behind.
        Files.write(first, lines.subList(0, lines.size() - 1));
        Files.writeString(first, "{\"type\":\"record\",\"seq\":4,\"ti", java.nio.file.StandardOpenOption.APPEND);

        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            f.writeRecords(trail, 1);
        }
        SegmentWalker.Result second = SegmentWalker.walk(SegmentFiles.segment(f.dir, 2), id -> Set.of(), n -> { });
        assertNull(second.problem());
        assertFalse(second.header().prev().orElseThrow().sealed());
        assertEquals(4, second.header().firstSeq());
        assertEquals(5, second.lastSeq(), "one audit-error record plus the new one");
    }

    @Test
    void open_afterCrashBeforeTheHeader_replacesTheEmptySegment() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            f.writeRecords(trail, 2);
        }
        Files.createFile(SegmentFiles.segment(f.dir, 2));
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            f.writeRecords(trail, 2);
        }
        VerificationReport report = AuditVerifier.verify(f.dir, java.util.Optional.empty(),
                java.util.Optional.empty(), n -> { });
        assertTrue(report.ok(), report::summary);
        assertEquals(4, report.records());
        assertEquals(2, report.segments());
    }

    @Test
    void append_whenTheDirectoryIsGone_failsClosed() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        AuditTrail trail = AuditTrail.open(f.settings().rotateBytes(4096).build());
        deleteTree(f.dir);
        // Enough records to force a rotation, which must create a file in the missing directory.
        assertThrows(AuditUnavailableException.class, () -> {
            for (int i = 0; i < 100_000; i++) {
                trail.append(f.request(i, trail.fingerprinter()));
                if (i % 50 == 0) {
                    trail.awaitWritten(Duration.ofSeconds(5));
                }
            }
        });
        assertFalse(trail.isAvailable());
        trail.close();
    }

    @Test
    void append_afterClose_isRefused() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        AuditTrail trail = AuditTrail.open(f.settings().build());
        trail.close();
        assertThrows(AuditUnavailableException.class, () -> trail.append(f.request(1, trail.fingerprinter())));
    }

    @Test
    void open_withoutReadableKeys_failsWithTheFileName() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        Path bogus = tmp.resolve("not-a-key.pub");
        Files.writeString(bogus, "hello");
        AuditUnavailableException e = assertThrows(AuditUnavailableException.class,
                () -> AuditTrail.open(AuditSettings.builder(f.dir).officerKey(bogus)
                        .signingKey(f.keys.resolve(AuditKeys.SIGNING_PRIVATE)).build()));
        assertTrue(e.getMessage().contains("not-a-key.pub"), e.getMessage());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
