package dev.veil.audit.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed statement "segment S held {@code size} records with this Merkle root and chain head at
 * this time". Written into the segment and, optionally, to a second location.
 *
 * @param segment the segment's number
 * @param segmentId the segment's id
 * @param size how many records of the segment it covers
 * @param lastSeq the sequence number of the last covered record (firstSeq - 1 when size is 0)
 * @param root RFC 6962 Merkle root over the segment's records, hex
 * @param chain the chain hash after the last covered record, hex
 * @param time when it was made
 * @param end empty while the segment stays open; {@code rotated} or {@code stopped} for the seal
 * @param nextSigner the raw public key the next segments will be signed with, base64, or empty
 * @param signer the raw public key that signed, base64
 * @param signature Ed25519 over {@link #message()}
 */
public record Checkpoint(
        long segment,
        String segmentId,
        long size,
        long lastSeq,
        String root,
        String chain,
        Instant time,
        String end,
        String nextSigner,
        String signer,
        byte[] signature) {

    public static final String ROTATED = "rotated";
    public static final String STOPPED = "stopped";

    public Checkpoint {
        requireNonNull(segmentId, "segmentId");
        requireNonNull(root, "root");
        requireNonNull(chain, "chain");
        requireNonNull(time, "time");
        requireNonNull(end, "end");
        requireNonNull(nextSigner, "nextSigner");
        requireNonNull(signer, "signer");
        requireNonNull(signature, "signature");
    }

    public boolean seals() {
        return !end.isEmpty();
    }

    /** The exact bytes that are signed. */
    public byte[] message() {
        String m = "veil-audit/1 checkpoint\n" + segment + "\n" + segmentId + "\n" + size + "\n" + lastSeq + "\n"
                + root + "\n" + chain + "\n" + time + "\n" + end + "\n" + nextSigner + "\n" + signer;
        return m.getBytes(StandardCharsets.UTF_8);
    }

    public String toLine() {
        ObjectNode o = RecordCodec.JSON.createObjectNode();
        o.put("type", "checkpoint");
        o.put("segment", segment);
        o.put("segmentId", segmentId);
        o.put("size", size);
        o.put("lastSeq", lastSeq);
        o.put("root", root);
        o.put("chain", chain);
        o.put("time", time.toString());
        o.put("end", end);
        o.put("nextSigner", nextSigner);
        o.put("signer", signer);
        o.put("sig", Base64.getEncoder().encodeToString(signature));
        return o.toString();
    }

    public static Checkpoint parse(JsonNode o) {
        return new Checkpoint(o.path("segment").asLong(), SegmentHeader.text(o, "segmentId"),
                o.path("size").asLong(), o.path("lastSeq").asLong(), SegmentHeader.text(o, "root"),
                SegmentHeader.text(o, "chain"), Instant.parse(SegmentHeader.text(o, "time")),
                SegmentHeader.text(o, "end"), SegmentHeader.text(o, "nextSigner"),
                SegmentHeader.text(o, "signer"), Base64.getDecoder().decode(SegmentHeader.text(o, "sig")));
    }
}
