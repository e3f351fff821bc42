package dev.veil.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.audit.internal.SegmentFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifierTest {

    @TempDir
    Path tmp;

    private VerificationReport verify(TrailFixture f) throws IOException {
        return AuditVerifier.verify(f.dir, Optional.empty(), Optional.empty(), n -> { });
    }

    private VerificationReport verifyWithCopies(TrailFixture f) throws IOException {
        return AuditVerifier.verify(f.dir, Optional.of(f.root.resolve("copies")), Optional.empty(), n -> { });
    }

    /** One segment of 30 records with checkpoints after 10, 20 and 30, then the seal. */
    private TrailFixture oneSegment() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().checkpointEvery(10, Duration.ofHours(1))
                .checkpointDir(f.root.resolve("copies")).build())) {
            f.writeRecords(trail, 30);
        }
        return f;
    }

    /** Several segments, rotated by size. */
    private TrailFixture rotated() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().rotateBytes(4096)
                .checkpointDir(f.root.resolve("copies")).build())) {
            for (int i = 0; i < 40; i++) {
                f.writeRecords(trail, 1);
            }
        }
        assertTrue(SegmentFiles.list(f.dir).size() >= 3, "fixture needs at least three segments");
        return f;
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static int lineOfRecord(List<String> lines, long seq) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"type\":\"record\",\"seq\":" + seq + ",")) {
                return i;
            }
        }
        throw new AssertionError("no record " + seq);
    }

    private static void assertFailure(VerificationReport report, String file, long record, String reasonPart) {
        assertFalse(report.ok(), "tampering went unnoticed");
        VerificationReport.Failure failure = report.failure().orElseThrow();
        assertEquals(file, failure.file(), failure::toString);
        assertEquals(record, failure.record(), failure::toString);
        assertTrue(failure.reason().contains(reasonPart), failure::toString);
    }

    @Test
    void verify_intactTrail_reportsCountAndTimeRange() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().checkpointEvery(10, Duration.ofHours(1)).build())) {
            f.writeRecords(trail, 5);
            f.clock.advance(Duration.ofMinutes(5));
            f.writeRecords(trail, 5);
        }
        VerificationReport report = verify(f);
        assertTrue(report.ok(), report::summary);
        assertEquals("10 records verified from 2026-03-02T09:00:00Z to 2026-03-02T09:05:00Z (1 segment, 2 signed "
                + "checkpoints)", report.summary());
        assertTrue(report.notes().isEmpty(), report.notes()::toString);
    }

    @Test
    void verify_rotatedTrailWithSecondLocation_isWhole() throws Exception {
        TrailFixture f = rotated();
        VerificationReport report = verifyWithCopies(f);
        assertTrue(report.ok(), report::summary);
        assertEquals(40, report.records());
    }

    @Test
    void verify_oneFlippedByte_namesTheRecord() throws Exception {
        TrailFixture f = oneSegment();
        Path seg = SegmentFiles.segment(f.dir, 1);
        List<String> lines = lines(seg);
        int i = lineOfRecord(lines, 17);
        String line = lines.get(i);
        int at = line.indexOf("\"ct\":\"") + 20;
        char flipped = line.charAt(at) == 'A' ? 'B' : 'A';
        lines.set(i, line.substring(0, at) + flipped + line.substring(at + 1));
        write(seg, lines);

        assertFailure(verify(f), "segment-000001.jsonl", 17, "does not match its chain hash");
    }

    @Test
    void verify_flippedByteInClearField_namesTheRecord() throws Exception {
        TrailFixture f = oneSegment();
        Path seg = SegmentFiles.segment(f.dir, 1);
        List<String> lines = lines(seg);
        int i = lineOfRecord(lines, 3);
        lines.set(i, lines.get(i).replace("\"label\":\"route\"", "\"label\":\"allow\""));
        write(seg, lines);

        assertFailure(verify(f), "segment-000001.jsonl", 3, "does not match its chain hash");
    }

    @Test
    void verify_deletedRecord_isReportedMissing() throws Exception {
        TrailFixture f = oneSegment();
        Path seg = SegmentFiles.segment(f.dir, 1);
        List<String> lines = lines(seg);
        lines.remove(lineOfRecord(lines, 12));
        write(seg, lines);

        assertFailure(verify(f), "segment-000001.jsonl", 12, "record 12 missing (found record 13 next)");
    }

    @Test
    void verify_reorderedRecords_areReportedOutOfOrder() throws Exception {
        TrailFixture f = oneSegment();
        Path seg = SegmentFiles.segment(f.dir, 1);
        List<String> lines = lines(seg);
        int a = lineOfRecord(lines, 5);
        int b = lineOfRecord(lines, 6);
        String tmpLine = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, tmpLine);
        write(seg, lines);

        assertFailure(verify(f), "segment-000001.jsonl", 5, "records out of order: record 6 comes before record 5");
    }

    @Test
    void verify_deletedLastSegment_isReportedMissing() throws Exception {
        TrailFixture f = rotated();
        List<Path> segments = SegmentFiles.list(f.dir);
        Path last = segments.get(segments.size() - 1);
        Files.delete(last);

        assertFailure(verify(f), last.getFileName().toString(), firstSeqOf(f, segments.size() - 1),
                "segment missing");
    }

    private static long firstSeqOf(TrailFixture f, int index) throws IOException {
        // The record after the previous segment's last one, which the verifier names.
        List<String> lines = lines(SegmentFiles.list(f.dir).get(index - 1));
        long last = 0;
        for (String l : lines) {
            if (l.startsWith("{\"type\":\"record\"")) {
                last = Long.parseLong(l.replaceAll("^\\{\"type\":\"record\",\"seq\":(\\d+),.*$", "$1"));
            }
        }
        return last + 1;
    }

    @Test
    void verify_deletedOnlySegmentAfterRestart_isCaughtByTheSecondLocation() throws Exception {
        TrailFixture f = oneSegment();
        try (AuditTrail trail = AuditTrail.open(f.settings().checkpointDir(f.root.resolve("copies")).build())) {
            f.writeRecords(trail, 3);
        }
        Files.delete(SegmentFiles.segment(f.dir, 2));
        assertTrue(verify(f).ok(), "without the second location a cleanly stopped tail cannot be missed");

        assertFailure(verifyWithCopies(f), "segment-000002.jsonl", 31, "segment missing or replaced");
    }

    @Test
    void verify_deletedFirstSegment_isReported() throws Exception {
        TrailFixture f = rotated();
        Files.delete(SegmentFiles.segment(f.dir, 1));

        assertFailure(verify(f), "segment-000002.jsonl", -1, "the segments before this one are missing");
    }

    @Test
    void verify_truncatedEarlierSegment_isReported() throws Exception {
        TrailFixture f = rotated();
        Path first = SegmentFiles.segment(f.dir, 1);
        List<String> lines = lines(first);
        // Drop the seal and the last record.
        long lastSeq = firstSeqOf(f, 1) - 1;
        write(first, lines.subList(0, lineOfRecord(lines, lastSeq)));

        assertFailure(verify(f), "segment-000001.jsonl", lastSeq, "truncated: record " + lastSeq + " is missing");
    }

    @Test
    void verify_truncatedLastSegment_isCaughtByTheSecondLocation() throws Exception {
        TrailFixture f = oneSegment();
        Path seg = SegmentFiles.segment(f.dir, 1);
        List<String> lines = lines(seg);
        write(seg, lines.subList(0, lineOfRecord(lines, 25)));

        VerificationReport alone = verify(f);
        assertTrue(alone.ok());
        assertTrue(alone.notes().get(0).contains("is open"), alone.notes()::toString);
        assertFailure(verifyWithCopies(f), "segment-000001.jsonl", 25, "truncated: records 25 to 30 are missing");
    }

    @Test
    void verify_truncatedMidLine_reportsThePartialLine() throws Exception {
        TrailFixture f = oneSegment();
        Path seg = SegmentFiles.segment(f.dir, 1);
        byte[] bytes = Files.readAllBytes(seg);
        Files.write(seg, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        assertTrue(verify(f).notes().get(0).contains("partial line"), verify(f).notes()::toString);
        assertFailure(verifyWithCopies(f), "segment-000001.jsonl", 30, "truncated");
    }

    @Test
    void verify_checkpointFromAnotherTrail_isReportedReplaced() throws Exception {
        TrailFixture f = oneSegment();
        TrailFixture other = new TrailFixture(tmp.resolve("other"));
        try (AuditTrail trail = AuditTrail.open(other.settings().checkpointEvery(10, Duration.ofHours(1)).build())) {
            other.writeRecords(trail, 10);
        }
        String foreign = lines(SegmentFiles.segment(other.dir, 1)).stream()
                .filter(l -> l.startsWith("{\"type\":\"checkpoint\"")).findFirst().orElseThrow();
        Path seg = SegmentFiles.segment(f.dir, 1);
        List<String> lines = lines(seg);
        lines.set(lineOfRecord(lines, 10) + 1, foreign);
        write(seg, lines);

        assertFailure(verify(f), "segment-000001.jsonl", 11, "signed by a key other than the segment's signer");
    }

    @Test
    void verify_checkpointSwappedForAnEarlierOne_isReported() throws Exception {
        TrailFixture f = oneSegment();
        Path seg = SegmentFiles.segment(f.dir, 1);
        List<String> lines = lines(seg);
        String first = lines.get(lineOfRecord(lines, 10) + 1);
        lines.set(lineOfRecord(lines, 20) + 1, first);
        write(seg, lines);

        assertFailure(verify(f), "segment-000001.jsonl", 21, "covers 10 records, but 20 precede it");
    }

    @Test
    void verify_alteredCheckpointRoot_failsItsSignature() throws Exception {
        TrailFixture f = oneSegment();
        Path seg = SegmentFiles.segment(f.dir, 1);
        List<String> lines = lines(seg);
        int i = lineOfRecord(lines, 20) + 1;
        String cp = lines.get(i);
        int at = cp.indexOf("\"root\":\"") + 8;
        lines.set(i, cp.substring(0, at) + (cp.charAt(at) == '0' ? '1' : '0') + cp.substring(at + 1));
        write(seg, lines);

        assertFailure(verify(f), "segment-000001.jsonl", 21, "invalid signature");
    }

    @Test
    void verify_alteredCheckpointInSecondLocation_isReported() throws Exception {
        TrailFixture f = oneSegment();
        Path copies = f.root.resolve("copies").resolve(SegmentFiles.CHECKPOINT_FILE);
        List<String> lines = lines(copies);
        lines.set(1, lines.get(1).replace("\"size\":20,", "\"size\":19,"));
        write(copies, lines);

        VerificationReport report = verifyWithCopies(f);
        assertFailure(report, "checkpoints.jsonl (second location)", -1, "checkpoint on line 2 has an invalid signature");
    }

    @Test
    void verify_afterCrash_notesTheUnsealedTailAndPasses() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            f.writeRecords(trail, 4);
        }
        Path first = SegmentFiles.segment(f.dir, 1);
        List<String> lines = lines(first);
        write(first, lines.subList(0, lines.size() - 1));
        try (AuditTrail trail = AuditTrail.open(f.settings().build())) {
            f.writeRecords(trail, 2);
        }
        VerificationReport report = verify(f);
        assertTrue(report.ok(), report::summary);
        assertEquals(7, report.records(), "4 + the audit-error record + 2");
        assertTrue(report.notes().get(0).startsWith("segment-000001.jsonl ended without a seal after record 4"),
                report.notes()::toString);
    }

    @Test
    void verify_signingKeyChangedWithoutAnnouncement_fails() throws Exception {
        TrailFixture f = oneSegment();
        TrailFixture intruder = new TrailFixture(tmp.resolve("intruder"));
        try (AuditTrail trail = AuditTrail.open(f.settings()
                .signingKey(intruder.keys.resolve(AuditKeys.SIGNING_PRIVATE)).build())) {
            f.writeRecords(trail, 1);
        }
        assertFailure(verify(f), "segment-000002.jsonl", -1, "which no earlier checkpoint announced");
    }

    @Test
    void verify_signingKeyRotatedWithAnnouncement_passes() throws Exception {
        TrailFixture f = oneSegment();
        TrailFixture next = new TrailFixture(tmp.resolve("next"));
        Path nextKey = next.keys.resolve(AuditKeys.SIGNING_PRIVATE);
        try (AuditTrail trail = AuditTrail.open(f.settings().nextSigningKey(nextKey).build())) {
            f.writeRecords(trail, 2);
        }
        // Later runs use the new key alone.
        try (AuditTrail trail = AuditTrail.open(f.settings().signingKey(nextKey).build())) {
            f.writeRecords(trail, 2);
        }
        VerificationReport report = verify(f);
        assertTrue(report.ok(), report::summary);
        assertEquals(35, report.records(), "30 + key-rotation record + 2 + 2");
    }

    @Test
    void verify_pinnedSignerMismatch_fails() throws Exception {
        TrailFixture f = oneSegment();
        TrailFixture other = new TrailFixture(tmp.resolve("other"));
        VerificationReport report = AuditVerifier.verify(f.dir, Optional.empty(), Optional.of(other.signingPublic()),
                n -> { });
        assertFailure(report, "segment-000001.jsonl", -1, "not the pinned signing key");
        assertTrue(AuditVerifier.verify(f.dir, Optional.empty(), Optional.of(f.signingPublic()), n -> { }).ok());
    }

    @Test
    void verify_emptyDirectory_fails() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        VerificationReport report = AuditVerifier.verify(tmp.resolve("empty"), Optional.empty(), Optional.empty(),
                n -> { });
        assertFalse(report.ok());
        assertTrue(report.failure().orElseThrow().reason().contains("no segment files"));
    }

    @Test
    void checkpoints_areWrittenByTimeAndAtRotationByAge() throws Exception {
        TrailFixture f = new TrailFixture(tmp);
        try (AuditTrail trail = AuditTrail.open(f.settings().checkpointEvery(1_000, Duration.ofSeconds(30))
                .rotateAge(Duration.ofMinutes(10)).build())) {
            f.writeRecords(trail, 3);
            f.clock.advance(Duration.ofSeconds(31));
            waitForLine(SegmentFiles.segment(f.dir, 1), "\"type\":\"checkpoint\"");
            f.clock.advance(Duration.ofMinutes(10));
            waitForFile(SegmentFiles.segment(f.dir, 2));
            f.writeRecords(trail, 1);
        }
        VerificationReport report = verify(f);
        assertTrue(report.ok(), report::summary);
        assertEquals(2, report.segments());
        assertEquals(4, report.records());
    }

    private static void waitForLine(Path file, String text) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line with " + text + " in " + file.getFileName());
    }

    private static void waitForFile(Path file) throws Exception {
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), "no " + file.getFileName());
    }
}
