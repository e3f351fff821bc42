package dev.veil.proxy.e2e;

import dev.veil.audit.AuditRecord;
import dev.veil.audit.AuditSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An audit sink that keeps records in memory, for tests that assert what Veil audited. Records
 * arrive when a response has ended, which may be just after the client saw it, so tests take them
 * with a timeout.
 *
 * <p>Thread-safe.
 */
final class RecordingAuditSink implements AuditSink {

    private final BlockingQueue<AuditRecord> records = new LinkedBlockingQueue<>();
    private final BlockingQueue<AuditRecord> lifecycle = new LinkedBlockingQueue<>();

    @Override
    public void append(AuditRecord record) {
        (record.kind() == AuditRecord.Kind.LIFECYCLE ? lifecycle : records).add(record);
    }

    /** Lifecycle records (start, stop, policy reloads) not yet taken, without waiting. */
    List<AuditRecord> drainLifecycle() {
        List<AuditRecord> out = new java.util.ArrayList<>();
        lifecycle.drainTo(out);
        return out;
    }

    /** The oldest request record not yet taken, waiting up to {@code timeout}; null if none came. */
    AuditRecord take(Duration timeout) throws InterruptedException {
        return records.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every request record not yet taken, without waiting. */
    List<AuditRecord> drain() {
        List<AuditRecord> out = new java.util.ArrayList<>();
        records.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        // Nothing to flush: the records stay readable after Veil stops.
    }
}
