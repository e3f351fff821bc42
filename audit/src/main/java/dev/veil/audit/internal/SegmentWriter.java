package dev.veil.audit.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.veil.audit.AuditRecord;
import dev.veil.audit.ValueFingerprint;
import dev.veil.audit.ValueFingerprinter;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Writes one segment: the header with the sealed segment key, then encrypted, chained record lines
 * and signed checkpoints. Holds only the ratchet's current state and the fingerprint key, never the
 * segment key or a past record key. Not thread-safe: owned by the trail's writer thread.
 */
public final class SegmentWriter implements AutoCloseable {

    private static final byte[] CHAIN_START = Crypto.ascii("veil-audit/1 chain");
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    private final Path file;
    private final SegmentHeader header;
    private final Ed25519PrivateKeyParameters signer;
    private final String signerB64;
    private final FileOutputStream fileOut;
    private final OutputStream out;
    private final Ratchet ratchet;
    private final ValueFingerprinter fingerprinter;
    private final MerkleTree tree = new MerkleTree();
    private final MessageDigest digest = Bytes.sha256();
    private final javax.crypto.Cipher cipher = Crypto.gcm();
    private final RecordCodec.Encoder encoder = new RecordCodec.Encoder();
    private final Base64.Encoder b64 = Base64.getEncoder();
    private final StringBuilder line = new StringBuilder(1024);
    private byte[] chain;
    private long lastSeq;
    private long bytes;
    private long sinceCheckpoint;
    private boolean sealed;

    private SegmentWriter(Path file, SegmentHeader header, byte[] segmentKey, Ed25519PrivateKeyParameters signer)
            throws IOException {
        this.file = file;
        this.header = header;
        this.signer = signer;
        this.signerB64 = b64.encodeToString(signer.generatePublicKey().getEncoded());
        this.ratchet = new Ratchet(segmentKey);
        byte[] fpKey = Crypto.fingerprintKey(segmentKey);
        this.fingerprinter = new ValueFingerprinter(header.segmentId(), fpKey);
        Crypto.erase(fpKey);
        this.lastSeq = header.firstSeq() - 1;
        this.fileOut = new FileOutputStream(file.toFile(), true);
        this.out = new BufferedOutputStream(fileOut, 1 << 16);
        byte[] headerLine = header.toLine().getBytes(StandardCharsets.UTF_8);
        this.chain = chainStart(Bytes.sha256().digest(headerLine));
        writeLine(headerLine);
    }

    /** The chain value before the first record: binds the records to the exact header line. */
    public static byte[] chainStart(byte[] headerHash) {
        MessageDigest d = Bytes.sha256();
        d.update(CHAIN_START);
        d.update(headerHash);
        return d.digest();
    }

    /**
     * Creates segment {@code number} and writes its header. The segment key is generated here,
     * sealed to every officer and erased before this returns.
     */
    public static SegmentWriter create(Path dir, long number, long firstSeq, Optional<SegmentHeader.PrevLink> prev,
            List<X25519PublicKeyParameters> officers, Ed25519PrivateKeyParameters signer, Instant now)
            throws IOException {
        Path file = SegmentFiles.segment(dir, number);
        if (Files.exists(file)) {
            throw new IOException("segment " + file.getFileName() + " already exists");
        }
        byte[] idBytes = new byte[8];
        Crypto.RANDOM.nextBytes(idBytes);
        String segmentId = Bytes.hex(idBytes);
        byte[] segmentKey = new byte[32];
        Crypto.RANDOM.nextBytes(segmentKey);
        try {
            List<SegmentHeader.Recipient> recipients = new ArrayList<>();
            for (X25519PublicKeyParameters officer : officers) {
                byte[][] sealed = Crypto.seal(officer, SegmentHeader.hpkeInfo(segmentId), segmentKey);
                recipients.add(new SegmentHeader.Recipient(Crypto.keyId(officer), sealed[0], sealed[1]));
            }
            SegmentHeader header = new SegmentHeader(number, segmentId, now, firstSeq, prev,
                    signer.generatePublicKey().getEncoded(), recipients);
            return new SegmentWriter(file, header, segmentKey, signer);
        } finally {
            Crypto.erase(segmentKey);
        }
    }

    public Path file() {
        return file;
    }

    public SegmentHeader header() {
        return header;
    }

    public ValueFingerprinter fingerprinter() {
        return fingerprinter;
    }

    public long bytes() {
        return bytes;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public long size() {
        return tree.size();
    }

    public String chainHex() {
        return Bytes.hex(chain);
    }

    public long recordsSinceCheckpoint() {
        return sinceCheckpoint;
    }

    /** Encrypts, chains and buffers one record line. */
    public void append(AuditRecord record) throws IOException {
        if (sealed) {
            throw new IllegalStateException("segment is sealed");
        }
        long seq = lastSeq + 1;
        String time = record.time().toString();
        String kind = record.kind().label();
        String label = record.label();
        List<ValueFingerprint> values = record.findings().values();
        byte[] key = ratchet.nextKey();
        byte[] ct;
        try {
            ct = Crypto.encrypt(cipher, key, RecordAad.of(header.segmentId(), seq, time, kind, label, values),
                    encoder.encode(record, time));
        } finally {
            Crypto.erase(key);
        }
        line.setLength(0);
        line.append("{\"type\":\"record\",\"seq\":").append(seq)
                .append(",\"time\":\"").append(time)
                .append("\",\"kind\":\"").append(kind)
                .append("\",\"label\":\"").append(QUOTE.quoteAsString(label))
                .append("\",\"fp\":[");
        for (int i = 0; i < values.size(); i++) {
            line.append(i == 0 ? "\"" : ",\"").append(QUOTE.quoteAsString(values.get(i).toString())).append('"');
        }
        line.append("],\"ct\":\"").append(b64.encodeToString(ct)).append("\"}");
        byte[] entry = line.toString().getBytes(StandardCharsets.UTF_8);
        byte[] leaf = MerkleTree.leafHash(digest, entry, entry.length);
        tree.appendLeafHash(leaf);
        digest.reset();
        digest.update(chain);
        digest.update(leaf);
        chain = digest.digest();
        // The stored chain value is the last field so a reader can strip it to get the entry bytes.
        line.setLength(line.length() - 1);
        line.append(",\"chain\":\"").append(Bytes.hex(chain)).append("\"}");
        writeLine(line.toString().getBytes(StandardCharsets.UTF_8));
        lastSeq = seq;
        sinceCheckpoint++;
    }

    /**
     * Signs and writes a checkpoint over everything appended so far.
     *
     * @param end empty, {@link Checkpoint#ROTATED} or {@link Checkpoint#STOPPED}; a non-empty end
     *     seals the segment
     * @param nextSigner the raw public key that will sign from the next segment on, or null
     */
    public Checkpoint checkpoint(Instant now, String end, byte[] nextSigner) throws IOException {
        Checkpoint unsigned = new Checkpoint(header.number(), header.segmentId(), tree.size(), lastSeq,
                Bytes.hex(tree.root()), Bytes.hex(chain), now, end,
                nextSigner == null ? "" : b64.encodeToString(nextSigner), signerB64, new byte[0]);
        Checkpoint signed = new Checkpoint(unsigned.segment(), unsigned.segmentId(), unsigned.size(),
                unsigned.lastSeq(), unsigned.root(), unsigned.chain(), unsigned.time(), unsigned.end(),
                unsigned.nextSigner(), unsigned.signer(), Crypto.sign(signer, unsigned.message()));
        writeLine(signed.toLine().getBytes(StandardCharsets.UTF_8));
        sinceCheckpoint = 0;
        if (signed.seals()) {
            sealed = true;
        }
        return signed;
    }

    /** Pushes buffered lines to the file and, if asked, to the disk. */
    public void flush(boolean fsync) throws IOException {
        out.flush();
        if (fsync) {
            fileOut.getFD().sync();
        }
    }

    private void writeLine(byte[] bytes) throws IOException {
        out.write(bytes);
        out.write('\n');
        this.bytes += bytes.length + 1;
    }

    /** Flushes, syncs and closes the file, and erases the ratchet. Does not seal. */
    @Override
    public void close() throws IOException {
        ratchet.destroy();
        try {
            out.flush();
            fileOut.getFD().sync();
        } finally {
            out.close();
        }
    }
}
