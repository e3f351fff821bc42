package dev.veil.audit.internal;

import dev.veil.audit.ValueFingerprint;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The additional authenticated data of a record's AES-GCM encryption: the record's clear fields,
 * so that changing any of them makes decryption fail even if someone rebuilt the hash chain.
 */
public final class RecordAad {

    private RecordAad() {
    }

    public static byte[] of(String segmentId, long seq, String time, String kind, String label,
            List<ValueFingerprint> values) {
        StringBuilder b = new StringBuilder(128).append("veil-audit/1 record\n").append(segmentId).append('\n')
                .append(seq).append('\n').append(time).append('\n').append(kind).append('\n').append(label);
        for (ValueFingerprint v : values) {
            b.append('\n').append(v);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
