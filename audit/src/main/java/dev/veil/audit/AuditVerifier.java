package dev.veil.audit;

import static java.util.Objects.requireNonNull;

import dev.veil.audit.VerificationReport.Failure;
import dev.veil.audit.internal.Bytes;
import dev.veil.audit.internal.Checkpoint;
import dev.veil.audit.internal.Crypto;
import dev.veil.audit.internal.KeyFiles;
import dev.veil.audit.internal.LineReader;
import dev.veil.audit.internal.RecordCodec;
import dev.veil.audit.internal.SegmentFiles;
import dev.veil.audit.internal.SegmentHeader;
import dev.veil.audit.internal.SegmentWalker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Verifies a trail offline, without any decryption key: every segment's hash chain, sequence
 * numbers, Merkle roots and checkpoint signatures, the links between segments, the signing key
 * history, and the checkpoints kept in a second location. Reports the first failure with file,
 * record and reason. Stateless; thread-safe.
 *
 * <p>Trust in signing keys: the first segment's key is trusted (or the key the officer pins), and a
 * later key only if a checkpoint signed by a trusted key announced it.
 */
public final class AuditVerifier {

    private AuditVerifier() {
    }

    /**
     * Verifies the trail in {@code dir}.
     *
     * @param checkpointDir the second checkpoint location, if the officer has one
     * @param trustedSigner the proxy's signing public key file to pin, if the officer has it
     * @param progress told the running count of records checked
     */
    public static VerificationReport verify(Path dir, Optional<Path> checkpointDir, Optional<Path> trustedSigner,
            LongConsumer progress) throws IOException {
        requireNonNull(dir, "dir");
        return new Run(dir, checkpointDir, trustedSigner, progress).run();
    }

    private static final class Run {
        final Path dir;
        final Optional<Path> checkpointDir;
        final Optional<Path> pinned;
        final LongConsumer progress;
        final List<String> notes = new ArrayList<>();
        final Set<String> trusted = new LinkedHashSet<>();
        final Map<String, Set<Long>> externalSizes = new HashMap<>();
        final List<Checkpoint> external = new ArrayList<>();
        final List<Long> externalLines = new ArrayList<>();
        final Map<String, SegmentWalker.Result> bySegmentId = new HashMap<>();
        final Map<String, Path> fileBySegmentId = new HashMap<>();
        long records;
        long done;
        Instant from;
        Instant to;
        int segments;
        int checkpoints;

        Run(Path dir, Optional<Path> checkpointDir, Optional<Path> pinned, LongConsumer progress) {
            this.dir = dir;
            this.checkpointDir = requireNonNull(checkpointDir, "checkpointDir");
            this.pinned = requireNonNull(pinned, "trustedSigner");
            this.progress = requireNonNull(progress, "progress");
        }

        VerificationReport run() throws IOException {
            if (!Files.isDirectory(dir)) {
                return fail(dir.toString(), -1, "not a directory");
            }
            if (pinned.isPresent()) {
                AsymmetricKeyParameter key = KeyFiles.readPublic(pinned.get());
                if (!(key instanceof Ed25519PublicKeyParameters e)) {
                    throw new IOException(pinned.get() + ": not an Ed25519 public key");
                }
                trusted.add(Base64.getEncoder().encodeToString(e.getEncoded()));
            }
            Optional<Failure> loadFailure = loadExternal();
            if (loadFailure.isPresent()) {
                return report(loadFailure);
            }
            List<Path> files = SegmentFiles.list(dir);
            if (files.isEmpty()) {
                return fail(dir.toString(), -1, "no segment files (segment-NNNNNN.jsonl): the trail is missing");
            }
            SegmentWalker.Result prev = null;
            Path prevFile = null;
            for (Path file : files) {
                long before = done;
                SegmentWalker.Result r = SegmentWalker.walk(file,
                        id -> externalSizes.getOrDefault(id, Set.of()), n -> {
                            done = before + n;
                            progress.accept(done);
                        });
                done = before + r.records();
                segments++;
                Optional<Failure> f = checkSegment(file, r, prev, prevFile);
                if (f.isPresent()) {
                    return report(f);
                }
                prev = r;
                prevFile = file;
            }
            Optional<Failure> f = checkEnd(prev, prevFile);
            if (f.isEmpty()) {
                f = checkExternal();
            }
            return report(f);
        }

        Optional<Failure> checkSegment(Path file, SegmentWalker.Result r, SegmentWalker.Result prev, Path prevFile) {
            String name = file.getFileName().toString();
            if (r.header() == null) {
                return failure(name, -1, r.problem());
            }
            SegmentHeader h = r.header();
            if (h.number() != SegmentFiles.number(file)) {
                return failure(name, -1, "the header says segment " + h.number() + " (file renamed or replaced)");
            }
            String signer = Base64.getEncoder().encodeToString(h.signer());
            if (trusted.isEmpty()) {
                trusted.add(signer);
            } else if (!trusted.contains(signer)) {
                return failure(name, -1, "signed by key " + Crypto.keyId(new Ed25519PublicKeyParameters(h.signer(), 0))
                        + (prev == null && pinned.isPresent() ? ", not the pinned signing key"
                                : ", which no earlier checkpoint announced"));
            }
            if (prev == null) {
                if (h.prev().isPresent() || h.firstSeq() != 1) {
                    return failure(name, -1, "the trail starts at record " + h.firstSeq()
                            + ": the segments before this one are missing");
                }
            } else {
                Optional<Failure> link = checkLink(name, h, prev, prevFile);
                if (link.isPresent()) {
                    return link;
                }
            }
            if (r.problem() != null) {
                return failure(name, r.problemSeq(), r.problem());
            }
            fileBySegmentId.put(h.segmentId(), file);
            bySegmentId.put(h.segmentId(), r);
            trusted.addAll(r.announcedSigners());
            records += r.records();
            checkpoints += r.checkpoints();
            if (r.firstTime() != null && (from == null || r.firstTime().isBefore(from))) {
                from = r.firstTime();
            }
            if (r.lastTime() != null && (to == null || r.lastTime().isAfter(to))) {
                to = r.lastTime();
            }
            return Optional.empty();
        }

        Optional<Failure> checkLink(String name, SegmentHeader h, SegmentWalker.Result prev, Path prevFile) {
            String prevName = prevFile.getFileName().toString();
            long expected = prev.header().number() + 1;
            if (h.number() != expected) {
                return failure(SegmentFiles.segment(dir, expected).getFileName().toString(), prev.lastSeq() + 1,
                        "segment missing (the files jump from " + prevName + " to " + name + ")");
            }
            if (h.prev().isEmpty()) {
                return failure(name, -1, "the header has no link to " + prevName);
            }
            SegmentHeader.PrevLink p = h.prev().get();
            if (!p.segmentId().equals(prev.header().segmentId())) {
                return failure(name, -1, "does not follow " + prevName + " (its link names another segment)");
            }
            if (prev.lastSeq() > p.lastSeq()) {
                return failure(prevName, p.lastSeq() + 1, "records after record " + p.lastSeq()
                        + " were added after " + name + " had started");
            }
            if (prev.lastSeq() < p.lastSeq()) {
                return failure(prevName, prev.lastSeq() + 1, "truncated: " + range(prev.lastSeq() + 1, p.lastSeq())
                        + " missing (" + name + " says the segment ended at record " + p.lastSeq() + ")");
            }
            if (!Bytes.hex(prev.chain()).equals(p.chain())) {
                return failure(prevName, p.lastSeq(), "the records differ from those " + name + " was chained to");
            }
            if (p.sealed() && prev.seal() == null && prev.problem() == null) {
                return failure(prevName, prev.lastSeq(), "truncated: its final checkpoint was removed ("
                        + name + " says it was sealed)");
            }
            if (!p.sealed()) {
                notes.add(prevName + " ended without a seal after record " + p.lastSeq()
                        + (prev.tornTail() ? " and a partial line" : "")
                        + " (the writer stopped, e.g. a crash); " + name + " continues after it");
            }
            if (h.firstSeq() != p.lastSeq() + 1) {
                return failure(name, h.firstSeq(), "starts at record " + h.firstSeq() + ", expected "
                        + (p.lastSeq() + 1));
            }
            return Optional.empty();
        }

        Optional<Failure> checkEnd(SegmentWalker.Result last, Path lastFile) {
            String name = lastFile.getFileName().toString();
            if (last.seal() == null) {
                notes.add(name + " is open: " + (last.records() - last.signedRecords())
                        + " record(s) after its last checkpoint are chained but not yet signed"
                        + (last.tornTail() ? ", and it ends with a partial line" : "")
                        + " (the writer is running, or stopped without sealing)");
            } else if (Checkpoint.ROTATED.equals(last.seal().end())) {
                return failure(SegmentFiles.segment(dir, last.header().number() + 1).getFileName().toString(),
                        last.lastSeq() + 1, "segment missing: " + name + " was sealed to continue in it");
            }
            return Optional.empty();
        }

        Optional<Failure> loadExternal() throws IOException {
            if (checkpointDir.isEmpty()) {
                return Optional.empty();
            }
            Path file = checkpointDir.get().resolve(SegmentFiles.CHECKPOINT_FILE);
            String name = SegmentFiles.CHECKPOINT_FILE;
            if (!Files.isRegularFile(file)) {
                return failure(file.toString(), -1, "no checkpoint file in the second location");
            }
            try (LineReader lines = new LineReader(file)) {
                byte[] line;
                while ((line = lines.next()) != null) {
                    if (!lines.lastTerminated()) {
                        break;
                    }
                    Checkpoint c;
                    try {
                        c = Checkpoint.parse(RecordCodec.JSON.readTree(line));
                    } catch (IOException | RuntimeException e) {
                        return failure(name, -1, "line " + lines.lineNumber() + " is not a readable checkpoint");
                    }
                    external.add(c);
                    externalLines.add(lines.lineNumber());
                    externalSizes.computeIfAbsent(c.segmentId(), k -> new HashSet<>()).add(c.size());
                }
            }
            return Optional.empty();
        }

        Optional<Failure> checkExternal() {
            String name = SegmentFiles.CHECKPOINT_FILE + " (second location)";
            for (int i = 0; i < external.size(); i++) {
                Checkpoint c = external.get(i);
                String where = "checkpoint on line " + externalLines.get(i);
                Ed25519PublicKeyParameters key;
                try {
                    key = new Ed25519PublicKeyParameters(Base64.getDecoder().decode(c.signer()), 0);
                } catch (RuntimeException e) {
                    return failure(name, -1, where + " names no valid signing key");
                }
                if (!Crypto.verify(key, c.message(), c.signature())) {
                    return failure(name, -1, where + " has an invalid signature");
                }
                if (!trusted.contains(c.signer())) {
                    return failure(name, -1, where + " is signed by a key the trail never announced");
                }
                String segName = SegmentFiles.segment(dir, c.segment()).getFileName().toString();
                SegmentWalker.Result r = bySegmentId.get(c.segmentId());
                if (r == null) {
                    return failure(segName, c.lastSeq() - c.size() + 1, "segment missing or replaced: " + where
                            + " of the second location covers it up to record " + c.lastSeq());
                }
                if (r.records() < c.size()) {
                    return failure(segName, r.lastSeq() + 1, "truncated: " + range(r.lastSeq() + 1, c.lastSeq())
                            + " missing (" + where + " of the second location covers them)");
                }
                if (!c.root().equals(r.rootsAt().get(c.size()))) {
                    return failure(segName, c.lastSeq(), "the records differ from those " + where
                            + " of the second location signed");
                }
                if (c.seals() && r.seal() == null) {
                    return failure(segName, r.lastSeq(), "truncated: its final checkpoint was removed ("
                            + where + " of the second location is that seal)");
                }
                checkpoints++;
            }
            return Optional.empty();
        }

        static String range(long from, long to) {
            return from == to ? "record " + from + " is" : "records " + from + " to " + to + " are";
        }

        Optional<Failure> failure(String file, long record, String reason) {
            return Optional.of(new Failure(file, record, reason));
        }

        VerificationReport fail(String file, long record, String reason) {
            return report(failure(file, record, reason));
        }

        VerificationReport report(Optional<Failure> failure) {
            return new VerificationReport(records, Optional.ofNullable(from), Optional.ofNullable(to), segments,
                    checkpoints, failure, notes);
        }
    }
}
