package dev.veil.audit.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The first line of a segment: its identity, the link to the previous segment, the signer's public
 * key, and the segment key sealed to each officer.
 *
 * @param number the segment's number in its directory, from 1
 * @param segmentId a random id, also the id of the segment's fingerprint key
 * @param created when the segment was started
 * @param firstSeq the sequence number of its first record
 * @param prev how the previous segment ended, empty for the first segment of a trail
 * @param signer the raw Ed25519 public key that signs this segment's checkpoints
 * @param recipients the segment key sealed to each officer key
 */
public record SegmentHeader(
        long number,
        String segmentId,
        Instant created,
        long firstSeq,
        Optional<PrevLink> prev,
        byte[] signer,
        List<Recipient> recipients) {

    public static final String FORMAT = "veil-audit/1";

    public SegmentHeader {
        requireNonNull(segmentId, "segmentId");
        requireNonNull(created, "created");
        requireNonNull(prev, "prev");
        requireNonNull(signer, "signer");
        recipients = List.copyOf(recipients);
    }

    /**
     * How the previous segment ended, as the writer found it when it started this one.
     *
     * @param number the previous segment's number
     * @param segmentId its id
     * @param lastSeq the sequence number of its last record
     * @param chain the chain hash after its last record, hex
     * @param sealed whether it ended with a final checkpoint; false after a crash
     */
    public record PrevLink(long number, String segmentId, long lastSeq, String chain, boolean sealed) {
    }

    /**
     * The segment key sealed with HPKE to one officer key.
     *
     * @param officer the officer key id ({@link Crypto#keyId})
     * @param enc the HPKE encapsulated key
     * @param sealedKey the HPKE ciphertext of the segment key
     */
    public record Recipient(String officer, byte[] enc, byte[] sealedKey) {
    }

    /** The info string both sides give HPKE, binding the sealed key to this segment. */
    public static byte[] hpkeInfo(String segmentId) {
        return ("veil-audit/1 segment key " + segmentId).getBytes(StandardCharsets.US_ASCII);
    }

    public String toLine() {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode o = RecordCodec.JSON.createObjectNode();
        o.put("type", "header");
        o.put("format", FORMAT);
        o.put("segment", number);
        o.put("segmentId", segmentId);
        o.put("created", created.toString());
        o.put("firstSeq", firstSeq);
        if (prev.isPresent()) {
            PrevLink p = prev.get();
            o.putObject("prev").put("segment", p.number()).put("segmentId", p.segmentId())
                    .put("lastSeq", p.lastSeq()).put("chain", p.chain()).put("sealed", p.sealed());
        } else {
            o.putNull("prev");
        }
        o.put("signer", b64.encodeToString(signer));
        ArrayNode rs = o.putArray("recipients");
        for (Recipient r : recipients) {
            rs.addObject().put("officer", r.officer()).put("enc", b64.encodeToString(r.enc()))
                    .put("key", b64.encodeToString(r.sealedKey()));
        }
        return o.toString();
    }

    /** Parses a header line; throws IllegalArgumentException naming what is wrong. */
    public static SegmentHeader parse(JsonNode o) {
        if (!"header".equals(o.path("type").asText())) {
            throw new IllegalArgumentException("first line is not a segment header");
        }
        if (!FORMAT.equals(o.path("format").asText())) {
            throw new IllegalArgumentException("unknown format '" + o.path("format").asText() + "'");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        Optional<PrevLink> prev = Optional.empty();
        JsonNode p = o.path("prev");
        if (p.isObject()) {
            prev = Optional.of(new PrevLink(p.path("segment").asLong(), text(p, "segmentId"),
                    p.path("lastSeq").asLong(), text(p, "chain"), p.path("sealed").asBoolean()));
        }
        List<Recipient> recipients = new ArrayList<>();
        for (JsonNode r : o.path("recipients")) {
            recipients.add(new Recipient(text(r, "officer"), b64.decode(text(r, "enc")),
                    b64.decode(text(r, "key"))));
        }
        return new SegmentHeader(o.path("segment").asLong(), text(o, "segmentId"),
                Instant.parse(text(o, "created")), o.path("firstSeq").asLong(), prev,
                b64.decode(text(o, "signer")), recipients);
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v.asText();
    }
}
