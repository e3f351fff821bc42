package dev.veil.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Checks one segment without any key: header, sequence numbers, the hash chain, the Merkle roots
 * and signatures of its checkpoints, and how it ends. Stops at the first problem, because what
 * follows a broken link proves nothing. Used by the verifier and, to find where to continue, by the
 * writer after a restart.
 */
public final class SegmentWalker {

    private SegmentWalker() {
    }

    /**
     * What a walk found.
     *
     * @param header the header, or null if it could not be read
     * @param records records that checked out
     * @param lastSeq sequence number of the last good record
     * @param chain chain hash after the last good record
     * @param firstTime time of the first good record, or null
     * @param lastTime time of the last good record, or null
     * @param checkpoints checkpoints that checked out
     * @param signedRecords how many records the last good checkpoint covers
     * @param seal the sealing checkpoint, or null if the segment is not sealed
     * @param announcedSigners raw signer keys announced by good checkpoints, base64
     * @param tornTail true if the file ends with a partial line
     * @param rootsAt Merkle roots at the sizes that were asked for
     * @param problem the first problem found, or null
     * @param problemSeq the record number the problem is at (or after), or -1
     */
    public record Result(
            SegmentHeader header,
            long records,
            long lastSeq,
            byte[] chain,
            Instant firstTime,
            Instant lastTime,
            int checkpoints,
            long signedRecords,
            Checkpoint seal,
            Set<String> announcedSigners,
            boolean tornTail,
            Map<Long, String> rootsAt,
            String problem,
            long problemSeq) {
    }

    /**
     * Walks {@code file}.
     *
     * @param rootSizes by segment id: sizes at which to remember the Merkle root (for checkpoints
     *     kept elsewhere)
     * @param progress told after every record
     */
    public static Result walk(Path file, Function<String, Set<Long>> rootSizes, LongConsumer progress)
            throws IOException {
        State s = new State();
        try (LineReader lines = new LineReader(file)) {
            byte[] first = lines.next();
            if (first == null) {
                return s.fail("the file is empty", -1);
            }
            if (!lines.lastTerminated()) {
                s.tornTail = true;
                return s.fail("the header line is incomplete", -1);
            }
            try {
                s.header = SegmentHeader.parse(RecordCodec.JSON.readTree(first));
                s.signer = new Ed25519PublicKeyParameters(s.header.signer(), 0);
            } catch (IOException | RuntimeException e) {
                return s.fail("the header cannot be read: " + reason(e), -1);
            }
            Set<Long> sizes = rootSizes.apply(s.header.segmentId());
            if (sizes.contains(0L)) {
                s.rootsAt.put(0L, Bytes.hex(s.tree.root()));
            }
            s.signerB64 = Base64.getEncoder().encodeToString(s.header.signer());
            s.chain = SegmentWriter.chainStart(Bytes.sha256().digest(first));
            s.lastSeq = s.header.firstSeq() - 1;
            byte[] line;
            while ((line = lines.next()) != null) {
                if (!lines.lastTerminated()) {
                    s.tornTail = true;
                    break;
                }
                String problem = s.accept(line, sizes);
                if (problem == GAP) {
                    problem = describeGap(s, lines.next());
                }
                if (problem != null) {
                    return s.fail(problem, s.lastSeq + 1);
                }
                progress.accept(s.records);
            }
        }
        return s.result(null, -1);
    }

    private static final byte[] RECORD_PREFIX = Crypto.ascii("{\"type\":\"record\",\"seq\":");
    private static final byte[] TIME_FIELD = Crypto.ascii(",\"time\":\"");
    private static final byte[] CHAIN_FIELD = Crypto.ascii(",\"chain\":\"");
    private static final byte[] HEX = Crypto.ascii("0123456789abcdef");
    // Marks a line the fast path does not handle.
    private static final String SLOW = new String("slow");

    private static boolean startsWith(byte[] line, byte[] prefix) {
        return startsWith(line, 0, prefix);
    }

    private static boolean startsWith(byte[] line, int at, byte[] prefix) {
        if (at < 0 || line.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean hexEquals(byte[] hash, byte[] line, int at) {
        for (int i = 0; i < hash.length; i++) {
            if (line[at + 2 * i] != HEX[(hash[i] >> 4) & 0xF] || line[at + 2 * i + 1] != HEX[hash[i] & 0xF]) {
                return false;
            }
        }
        return true;
    }

    // Marks a sequence gap; the line after it tells a deletion from a reordering.
    private static final String GAP = new String("gap");

    private static String describeGap(State s, byte[] nextLine) {
        long expected = s.lastSeq + 1;
        long nextSeq = -1;
        if (nextLine != null) {
            try {
                nextSeq = RecordCodec.JSON.readTree(nextLine).path("seq").asLong(-1);
            } catch (IOException e) {
                nextSeq = -1;
            }
        }
        if (nextSeq == expected) {
            return "records out of order: record " + s.gapSeq + " comes before record " + expected;
        }
        return (s.gapSeq - 1 > expected ? "records " + expected + " to " + (s.gapSeq - 1) + " missing"
                : "record " + expected + " missing") + " (found record " + s.gapSeq + " next)";
    }

    private static String reason(Exception e) {
        return e instanceof IOException ? "not valid JSON" : e.getMessage();
    }

    private static final class State {
        final MerkleTree tree = new MerkleTree();
        final MessageDigest digest = Bytes.sha256();
        final Map<Long, String> rootsAt = new HashMap<>();
        final java.util.Set<String> announced = new java.util.LinkedHashSet<>();
        SegmentHeader header;
        Ed25519PublicKeyParameters signer;
        String signerB64;
        byte[] chain;
        long records;
        long lastSeq;
        Instant firstTime;
        String lastTimeText;
        int checkpoints;
        long signedRecords;
        Checkpoint seal;
        boolean tornTail;
        long gapSeq;

        String accept(byte[] line, Set<Long> rootSizes) {
            if (seal != null) {
                return "data after the segment's final checkpoint";
            }
            if (startsWith(line, RECORD_PREFIX)) {
                String fast = fastRecord(line, rootSizes);
                if (fast != SLOW) {
                    return fast;
                }
            }
            JsonNode o;
            try {
                o = RecordCodec.JSON.readTree(line);
            } catch (IOException e) {
                return "line is not valid JSON (altered or damaged)";
            }
            String type = o.path("type").asText();
            if ("record".equals(type)) {
                return record(line, o, rootSizes);
            }
            if ("checkpoint".equals(type)) {
                return checkpoint(o);
            }
            return "unknown line type '" + type + "'";
        }

        /**
         * Checks a record line in the writer's exact layout without building a JSON tree, which
         * is most of the cost of verification. Safe because the hash covers every byte of the
         * entry: a line that parses differently here than in a JSON parser cannot also match its
         * chain. Returns {@link #SLOW} for any other layout.
         */
        String fastRecord(byte[] line, Set<Long> rootSizes) {
            int i = RECORD_PREFIX.length;
            long seq = 0;
            int digits = 0;
            while (i < line.length && line[i] >= '0' && line[i] <= '9' && digits < 18) {
                seq = seq * 10 + (line[i++] - '0');
                digits++;
            }
            if (digits == 0 || !startsWith(line, i, TIME_FIELD)) {
                return SLOW;
            }
            int timeStart = i + TIME_FIELD.length;
            int timeEnd = timeStart;
            while (timeEnd < line.length && line[timeEnd] != '"') {
                timeEnd++;
            }
            int entryLen = line.length - CHAIN_FIELD.length - 64 - 2;
            if (timeEnd >= line.length || entryLen <= timeEnd || !startsWith(line, entryLen, CHAIN_FIELD)
                    || line[line.length - 2] != '"' || line[line.length - 1] != '}') {
                return SLOW;
            }
            long expected = lastSeq + 1;
            if (seq > expected) {
                gapSeq = seq;
                return GAP;
            }
            if (seq < expected) {
                return "records out of order: record " + seq + " found where record " + expected + " belongs";
            }
            digest.reset();
            digest.update((byte) 0);
            digest.update(line, 0, entryLen);
            digest.update((byte) '}');
            byte[] leaf = digest.digest();
            digest.reset();
            digest.update(chain);
            digest.update(leaf);
            byte[] next = digest.digest();
            if (!hexEquals(next, line, entryLen + CHAIN_FIELD.length)) {
                return "record " + seq + " does not match its chain hash (altered, or a record before it was)";
            }
            String time = new String(line, timeStart, timeEnd - timeStart, StandardCharsets.US_ASCII);
            return appended(seq, time, leaf, next, rootSizes);
        }

        String record(byte[] line, JsonNode o, Set<Long> rootSizes) {
            long seq = o.path("seq").asLong(-1);
            long expected = lastSeq + 1;
            if (seq > expected) {
                gapSeq = seq;
                return GAP;
            }
            if (seq < expected) {
                return "records out of order: record " + seq + " found where record " + expected + " belongs";
            }
            String text = new String(line, StandardCharsets.UTF_8);
            int at = text.lastIndexOf(",\"chain\":\"");
            if (at < 0) {
                return "record " + seq + " has no chain hash";
            }
            byte[] entry = (text.substring(0, at) + "}").getBytes(StandardCharsets.UTF_8);
            byte[] leaf = MerkleTree.leafHash(digest, entry, entry.length);
            digest.reset();
            digest.update(chain);
            digest.update(leaf);
            byte[] next = digest.digest();
            if (!Bytes.hex(next).equals(o.path("chain").asText())) {
                return "record " + seq + " does not match its chain hash (altered, or a record before it was)";
            }
            return appended(seq, o.path("time").asText(), leaf, next, rootSizes);
        }

        String appended(long seq, String time, byte[] leaf, byte[] next, Set<Long> rootSizes) {
            if (firstTime == null) {
                try {
                    firstTime = Instant.parse(time);
                } catch (RuntimeException e) {
                    return "record " + seq + " has no valid time";
                }
            }
            chain = next;
            tree.appendLeafHash(leaf);
            lastSeq = seq;
            records++;
            // Parsed once at the end: the hash already vouches for it.
            lastTimeText = time;
            if (rootSizes.contains(records)) {
                rootsAt.put(records, Bytes.hex(tree.root()));
            }
            return null;
        }

        String checkpoint(JsonNode o) {
            Checkpoint c;
            try {
                c = Checkpoint.parse(o);
            } catch (RuntimeException e) {
                return "checkpoint after record " + lastSeq + " cannot be read: " + e.getMessage();
            }
            String where = "checkpoint after record " + lastSeq;
            if (!c.signer().equals(signerB64)) {
                return where + " is signed by a key other than the segment's signer (replaced)";
            }
            if (!Crypto.verify(signer, c.message(), c.signature())) {
                return where + " has an invalid signature (replaced or altered)";
            }
            if (!c.segmentId().equals(header.segmentId()) || c.segment() != header.number()) {
                return where + " belongs to another segment (replaced)";
            }
            if (c.size() != records || c.lastSeq() != lastSeq) {
                return where + " covers " + c.size() + " records, but " + records + " precede it";
            }
            if (!c.root().equals(Bytes.hex(tree.root())) || !c.chain().equals(Bytes.hex(chain))) {
                return where + " does not match the Merkle root of the records before it";
            }
            checkpoints++;
            signedRecords = records;
            if (!c.nextSigner().isEmpty()) {
                announced.add(c.nextSigner());
            }
            if (c.seals()) {
                seal = c;
            }
            return null;
        }

        Result fail(String problem, long seq) {
            return result(problem, seq);
        }

        Result result(String problem, long seq) {
            Instant lastTime = null;
            if (lastTimeText != null) {
                try {
                    lastTime = Instant.parse(lastTimeText);
                } catch (RuntimeException e) {
                    lastTime = null;
                }
            }
            return new Result(header, records, lastSeq, chain == null ? null : Arrays.copyOf(chain, chain.length),
                    firstTime, lastTime, checkpoints, signedRecords, seal, Set.copyOf(announced), tornTail,
                    Map.copyOf(rootsAt), problem, seq);
        }
    }
}
