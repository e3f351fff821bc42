package dev.veil.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link AuditVerifier} found.
 *
 * @param records records whose chain, sequence and checkpoints checked out
 * @param from time of the first verified record, if any
 * @param to time of the last verified record, if any
 * @param segments segment files checked
 * @param checkpoints signed checkpoints checked (in the segments and in the second location)
 * @param failure the first failure, if the trail is not whole
 * @param notes things the officer should know that do not break the trail (an unsealed tail after a
 *     crash, an open segment)
 */
public record VerificationReport(
        long records,
        Optional<Instant> from,
        Optional<Instant> to,
        int segments,
        int checkpoints,
        Optional<Failure> failure,
        List<String> notes) {

    public VerificationReport {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(failure, "failure");
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return failure.isEmpty();
    }

    /** The one-line summary {@code veil audit verify} prints. */
    public String summary() {
        if (failure.isPresent()) {
            return "FAILED: " + failure.get();
        }
        if (records == 0) {
            return "0 records verified (" + segments + " segment" + (segments == 1 ? "" : "s") + ")";
        }
        return records + " records verified from " + from.orElseThrow() + " to " + to.orElseThrow()
                + " (" + segments + " segment" + (segments == 1 ? "" : "s") + ", " + checkpoints
                + " signed checkpoint" + (checkpoints == 1 ? "" : "s") + ")";
    }

    /**
     * Where the trail is broken.
     *
     * @param file the file name (segment, or the checkpoint file of the second location)
     * @param record the record number the failure is at, or -1 when it concerns a whole file
     * @param reason what is wrong
     */
    public record Failure(String file, long record, String reason) {
        public Failure {
            requireNonNull(file, "file");
            requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return file + (record >= 0 ? ", record " + record : "") + ": " + reason;
        }
    }
}
