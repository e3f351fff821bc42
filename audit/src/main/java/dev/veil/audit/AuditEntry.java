package dev.veil.audit;

import static java.util.Objects.requireNonNull;

/**
 * A decrypted record and where it is in the trail.
 *
 * @param segment the segment file name
 * @param seq the record's sequence number
 * @param record the decrypted record
 */
public record AuditEntry(String segment, long seq, AuditRecord record) {
    public AuditEntry {
        requireNonNull(segment, "segment");
        requireNonNull(record, "record");
    }
}
