package dev.veil.audit;

/**
 * Where audit records go. Implementations are thread-safe and must not block the caller on disk
 * I/O for longer than it takes to enqueue a record. The production implementation is
 * {@link AuditTrail}.
 */
public interface AuditSink extends AutoCloseable {

    /**
     * Accepts a record for writing.
     *
     * @throws AuditUnavailableException if the record cannot be accepted (the trail is failing);
     *     the caller then fails the request closed
     */
    void append(AuditRecord record);

    /**
     * False while the trail is failing (a write error, a full queue, closing). Callers check it
     * before forwarding a request, so that no request goes out that could not be audited.
     */
    default boolean isAvailable() {
        return true;
    }

    /** Flushes what was accepted and releases the files. */
    @Override
    void close();
}
