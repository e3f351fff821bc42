package dev.veil.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.audit.internal.Crypto;
import dev.veil.audit.internal.KeyFiles;
import dev.veil.audit.internal.LineReader;
import dev.veil.audit.internal.Ratchet;
import dev.veil.audit.internal.RecordAad;
import dev.veil.audit.internal.RecordCodec;
import dev.veil.audit.internal.SegmentFiles;
import dev.veil.audit.internal.SegmentHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * Decrypts and searches a trail with an officer's private key. Integrity is the verifier's job:
 * the reader skips what it cannot decrypt and says so in {@link #warnings()}, so run
 * {@link AuditVerifier} first. Not thread-safe.
 */
public final class AuditReader {

    private final Path dir;
    private final Map<Path, SegmentHeader> headers = new LinkedHashMap<>();
    private final Map<Path, byte[]> segmentKeys = new LinkedHashMap<>();
    private final Map<String, ValueFingerprinter> fingerprinters = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final javax.crypto.Cipher cipher = Crypto.gcm();

    private AuditReader(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens the segments of {@code dir} that are sealed to the officer key in {@code officerKeyFile}.
     *
     * @throws IOException if the key cannot be read or no segment is sealed to it
     */
    public static AuditReader open(Path dir, Path officerKeyFile) throws IOException {
        requireNonNull(dir, "dir");
        AsymmetricKeyParameter key = KeyFiles.readPrivate(requireNonNull(officerKeyFile, "officerKeyFile"));
        if (!(key instanceof X25519PrivateKeyParameters officer)) {
            throw new IOException(officerKeyFile + ": an officer key must be an X25519 private key");
        }
        AuditReader reader = new AuditReader(dir);
        reader.unseal(officer);
        return reader;
    }

    private void unseal(X25519PrivateKeyParameters officer) throws IOException {
        String officerId = Crypto.keyId(officer.generatePublicKey());
        List<Path> files = SegmentFiles.list(dir);
        if (files.isEmpty()) {
            throw new IOException(dir + ": no segment files");
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            SegmentHeader h;
            try (LineReader lines = new LineReader(file)) {
                byte[] first = lines.next();
                h = SegmentHeader.parse(RecordCodec.JSON.readTree(first == null ? new byte[0] : first));
            } catch (IOException | RuntimeException e) {
                warnings.add(name + ": header unreadable, skipped");
                continue;
            }
            SegmentHeader.Recipient mine = h.recipients().stream()
                    .filter(r -> r.officer().equals(officerId)).findFirst().orElse(null);
            if (mine == null) {
                warnings.add(name + ": not sealed to officer key " + officerId + ", skipped");
                continue;
            }
            try {
                byte[] segmentKey = Crypto.open(officer, SegmentHeader.hpkeInfo(h.segmentId()), mine.enc(),
                        mine.sealedKey());
                headers.put(file, h);
                segmentKeys.put(file, segmentKey);
                byte[] fpKey = Crypto.fingerprintKey(segmentKey);
                fingerprinters.put(h.segmentId(), new ValueFingerprinter(h.segmentId(), fpKey));
                Crypto.erase(fpKey);
            } catch (InvalidCipherTextException e) {
                warnings.add(name + ": the sealed segment key does not open with this officer key, skipped");
            }
        }
        if (headers.isEmpty()) {
            throw new IOException("no segment in " + dir + " can be read with officer key " + officerId);
        }
    }

    /** Segments skipped and records that could not be decrypted. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Decrypts the records matching {@code query}, in trail order.
     *
     * @param progress told the running count of records looked at
     */
    public void read(AuditQuery query, LongConsumer progress, Consumer<AuditEntry> out) throws IOException {
        requireNonNull(query, "query");
        Set<String> wantedValues = fingerprintsOf(query.value().orElse(null));
        Set<String> wantedTenants = fingerprintsOf(query.tenant().orElse(null));
        long seen = 0;
        for (Map.Entry<Path, SegmentHeader> e : headers.entrySet()) {
            Path file = e.getKey();
            SegmentHeader h = e.getValue();
            String name = file.getFileName().toString();
            Ratchet ratchet = new Ratchet(segmentKeys.get(file));
            try (LineReader lines = new LineReader(file)) {
                lines.next();
                byte[] line;
                while ((line = lines.next()) != null) {
                    if (!lines.lastTerminated()) {
                        break;
                    }
                    JsonNode o;
                    try {
                        o = RecordCodec.JSON.readTree(line);
                    } catch (IOException ex) {
                        warnings.add(name + ", line " + lines.lineNumber() + ": not valid JSON, skipped");
                        continue;
                    }
                    if (!"record".equals(o.path("type").asText())) {
                        continue;
                    }
                    progress.accept(++seen);
                    AuditEntry entry = decryptIfWanted(name, h, ratchet, o, query, wantedValues);
                    if (entry != null && query.matchesDecrypted(entry.record())
                            && (wantedTenants == null || wantedTenants.contains(entry.record().tenant()))) {
                        out.accept(entry);
                    }
                }
            } finally {
                ratchet.destroy();
            }
        }
    }

    private Set<String> fingerprintsOf(String value) {
        if (value == null) {
            return null;
        }
        Set<String> out = new HashSet<>();
        fingerprinters.values().forEach(f -> out.add(f.fingerprint(value).toString()));
        return out;
    }

    private AuditEntry decryptIfWanted(String name, SegmentHeader h, Ratchet ratchet, JsonNode o, AuditQuery query,
            Set<String> wantedValues) {
        long seq = o.path("seq").asLong(-1);
        long index = seq - h.firstSeq();
        try {
            java.time.Instant time = java.time.Instant.parse(o.path("time").asText());
            String label = o.path("label").asText();
            List<ValueFingerprint> values = new ArrayList<>();
            boolean valueHit = wantedValues == null;
            for (JsonNode fp : o.path("fp")) {
                values.add(ValueFingerprint.parse(fp.asText()));
                valueHit |= wantedValues != null && wantedValues.contains(fp.asText());
            }
            if (!valueHit || !query.matchesClear(time, label)) {
                return null;
            }
            if (index < ratchet.index()) {
                warnings.add(name + ", record " + seq + ": out of order, not decrypted");
                return null;
            }
            ratchet.skipTo(index);
            byte[] key = ratchet.nextKey();
            try {
                byte[] aad = RecordAad.of(h.segmentId(), seq, o.path("time").asText(), o.path("kind").asText(),
                        label, values);
                byte[] plain = Crypto.decrypt(cipher, key, aad, Base64.getDecoder().decode(o.path("ct").asText()));
                return new AuditEntry(name, seq, RecordCodec.fromBytes(plain));
            } finally {
                Crypto.erase(key);
            }
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            warnings.add(name + ", record " + seq + ": does not decrypt (altered), skipped");
            return null;
        }
    }
}
