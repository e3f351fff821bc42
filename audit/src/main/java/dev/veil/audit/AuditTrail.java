package dev.veil.audit;

import static java.util.Objects.requireNonNull;

import dev.veil.audit.AuditRecord.Event;
import dev.veil.audit.internal.Bytes;
import dev.veil.audit.internal.Checkpoint;
import dev.veil.audit.internal.Crypto;
import dev.veil.audit.internal.KeyFiles;
import dev.veil.audit.internal.SegmentFiles;
import dev.veil.audit.internal.SegmentHeader.PrevLink;
import dev.veil.audit.internal.SegmentWalker;
import dev.veil.audit.internal.SegmentWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail writer: an {@link AuditSink} that encrypts, chains and signs records into rotated
 * segment files in one directory.
 *
 * <p>{@link #append} only enqueues (bounded); one writer thread writes records in batches, makes
 * signed checkpoints every N records or T seconds, rotates segments by size or age, and seals the
 * segment at {@link #close()}. If the trail cannot be written (a disk error, a full queue) every
 * later {@code append} throws {@link AuditUnavailableException}: callers fail the request closed.
 *
 * <p>After a crash, {@link #open} finds the last segment, checks it, and starts a new segment
 * chained to its last intact record, noting the unsealed tail in an {@code audit-error} record.
 *
 * <p>Thread-safe: {@code append} may be called from any thread, including event loops.
 */
public final class AuditTrail implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final long POLL_MILLIS = 200;
    private static final long LINGER_NANOS = 1_000_000;
    /**
     * Small batches are written at most this often. Each write ends in a sync to disk (with the
     * default fsync policy), and a proxy answering one request at a time would otherwise sync, and
     * wake this thread, once or twice per request: on one or two cores that costs more CPU than the
     * requests' own records and preempts the event loop. Records are accepted when queued, so this
     * moves when they reach the disk by at most these few milliseconds.
     */
    private static final long MIN_WRITE_INTERVAL_NANOS = 5_000_000;

    private final AuditSettings settings;
    private final List<X25519PublicKeyParameters> officers;
    private final BlockingQueue<AuditRecord> queue;
    private final Thread writerThread;
    private final Object progress = new Object();
    private Ed25519PrivateKeyParameters signer;
    private SegmentWriter segment;
    private FileOutputStream checkpointCopy;
    private Instant lastCheckpoint;
    private volatile ValueFingerprinter fingerprinter;
    private volatile boolean closing;
    private volatile Throwable failure;
    private long accepted;
    private long written;

    private AuditTrail(AuditSettings settings, List<X25519PublicKeyParameters> officers,
            Ed25519PrivateKeyParameters signer) {
        this.settings = settings;
        this.officers = officers;
        this.signer = signer;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.writerThread = new Thread(this::runWriter, "veil-audit-writer");
        this.writerThread.setDaemon(true);
    }

    /**
     * Opens the trail in {@code settings.dir()}, continuing after the segments already there.
     *
     * @throws AuditUnavailableException if keys cannot be read or the directory cannot be written
     */
    public static AuditTrail open(AuditSettings settings) {
        requireNonNull(settings, "settings");
        try {
            List<X25519PublicKeyParameters> officers = new ArrayList<>();
            for (Path p : settings.officerKeys()) {
                officers.add(officerKey(p));
            }
            Ed25519PrivateKeyParameters next = null;
            if (settings.nextSigningKey().isPresent()) {
                next = signingKey(settings.nextSigningKey().get());
            }
            AuditTrail trail = new AuditTrail(settings, officers, signingKey(settings.signingKey()));
            try {
                trail.start(next);
            } catch (IOException | RuntimeException e) {
                trail.releaseAfterFailedStart();
                throw e;
            }
            return trail;
        } catch (IOException | RuntimeException e) {
            throw new AuditUnavailableException("audit trail in " + settings.dir() + " cannot be opened: "
                    + e.getMessage(), e);
        }
    }

    private static X25519PublicKeyParameters officerKey(Path file) throws IOException {
        AsymmetricKeyParameter key = KeyFiles.readPublic(file);
        if (!(key instanceof X25519PublicKeyParameters x)) {
            throw new IOException(file + ": an officer key must be an X25519 public key");
        }
        return x;
    }

    private static Ed25519PrivateKeyParameters signingKey(Path file) throws IOException {
        AsymmetricKeyParameter key = KeyFiles.readPrivate(file);
        if (!(key instanceof Ed25519PrivateKeyParameters e)) {
            throw new IOException(file + ": the signing key must be an Ed25519 private key");
        }
        return e;
    }

    private void releaseAfterFailedStart() {
        try {
            if (segment != null) {
                segment.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing a segment after a failed start failed: {}", e.toString());
        }
        closeCheckpointCopy();
    }

    private void start(Ed25519PrivateKeyParameters nextSigner) throws IOException {
        Files.createDirectories(settings.dir());
        if (settings.checkpointDir().isPresent()) {
            Files.createDirectories(settings.checkpointDir().get());
            checkpointCopy = new FileOutputStream(
                    settings.checkpointDir().get().resolve(SegmentFiles.CHECKPOINT_FILE).toFile(), true);
        }
        List<Path> existing = new ArrayList<>(SegmentFiles.list(settings.dir()));
        // A crash between creating a segment and writing its header leaves an empty file; nothing
        // was in it, so the new segment takes its place.
        while (!existing.isEmpty() && Files.size(existing.get(existing.size() - 1)) == 0) {
            Path empty = existing.remove(existing.size() - 1);
            LOG.warn("audit trail: removing empty segment {} left by a crash", empty.getFileName());
            Files.delete(empty);
        }
        Instant now = settings.clock().instant();
        String recovery = null;
        if (existing.isEmpty()) {
            segment = SegmentWriter.create(settings.dir(), 1, 1, Optional.empty(), officers, signer, now);
        } else {
            Path last = existing.get(existing.size() - 1);
            SegmentWalker.Result r = SegmentWalker.walk(last, id -> Set.of(), n -> { });
            if (r.header() == null) {
                throw new IOException(last.getFileName() + ": " + r.problem()
                        + "; move the file aside to let the trail continue");
            }
            boolean sealed = r.seal() != null;
            PrevLink prev = new PrevLink(r.header().number(), r.header().segmentId(), r.lastSeq(),
                    Bytes.hex(r.chain()), sealed);
            if (r.problem() != null) {
                recovery = last.getFileName() + ": " + r.problem() + "; continuing after record " + r.lastSeq();
            } else if (!sealed) {
                recovery = last.getFileName() + " ended without a seal after record " + r.lastSeq()
                        + (r.tornTail() ? " and a partial line" : "") + " (the writer stopped); continuing";
            }
            segment = SegmentWriter.create(settings.dir(), r.header().number() + 1, r.lastSeq() + 1,
                    Optional.of(prev), officers, signer, now);
        }
        lastCheckpoint = now;
        fingerprinter = segment.fingerprinter();
        if (recovery != null) {
            LOG.warn("audit trail recovered: {}", recovery);
            segment.append(AuditRecord.lifecycle(Event.AUDIT_ERROR, now, recovery));
        }
        if (nextSigner != null) {
            rotateSigner(nextSigner, now);
        }
        segment.flush(true);
        writerThread.start();
    }

    /** The fingerprinter of the segment being written; fetch it per request, it changes at rotation. */
    public ValueFingerprinter fingerprinter() {
        return fingerprinter;
    }

    /** The directory of this trail. */
    public Path dir() {
        return settings.dir();
    }

    /** False once the trail failed or was closed; {@link #append} then throws. */
    public boolean isAvailable() {
        return failure == null && !closing;
    }

    @Override
    public void append(AuditRecord record) {
        requireNonNull(record, "record");
        Throwable failed = failure;
        if (failed != null) {
            throw new AuditUnavailableException("audit trail failed: " + failed.getClass().getSimpleName(), failed);
        }
        synchronized (progress) {
            // Checked under the lock the writer takes to decide it is done, so no record is
            // accepted after the writer's last look at the queue.
            if (closing) {
                throw new AuditUnavailableException("audit trail is closed", null);
            }
            if (!queue.offer(record)) {
                throw new AuditUnavailableException("audit queue is full (" + settings.queueCapacity()
                        + " records); the disk is not keeping up", null);
            }
            accepted++;
        }
    }

    /**
     * Waits until every record accepted before this call is written to the file (not necessarily
     * synced). For tests and orderly shutdown.
     *
     * @return false if the timeout passed or the trail failed first
     */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = accepted;
            while (written < target && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return failure == null;
        }
    }

    /** Writes what was accepted, seals the current segment and closes the files. Idempotent. */
    @Override
    public void close() {
        synchronized (progress) {
            closing = true;
        }
        try {
            writerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runWriter() {
        List<AuditRecord> batch = new ArrayList<>(settings.batchSize());
        long lastWrite = System.nanoTime() - MIN_WRITE_INTERVAL_NANOS;
        try {
            while (true) {
                AuditRecord first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, settings.batchSize() - 1);
                    if (batch.size() < settings.batchSize() / 4 && !closingRequested()) {
                        // Waking per record means a write call, a sync and a wake-up per record;
                        // lingering a millisecond, or until the last write is MIN_WRITE_INTERVAL
                        // old, gathers a real batch. Records are accepted already, so this only
                        // delays when they reach the file.
                        long wait = Math.max(LINGER_NANOS, lastWrite + MIN_WRITE_INTERVAL_NANOS - System.nanoTime());
                        LockSupport.parkNanos(wait);
                        queue.drainTo(batch, settings.batchSize() - batch.size());
                    }
                    writeBatch(batch);
                    lastWrite = System.nanoTime();
                    batch.clear();
                }
                Instant now = settings.clock().instant();
                if (segment.recordsSinceCheckpoint() > 0
                        && !now.isBefore(lastCheckpoint.plus(settings.checkpointInterval()))) {
                    checkpoint(now, "", null);
                }
                if (segment.bytes() >= settings.rotateBytes()
                        || !now.isBefore(segment.header().created().plus(settings.rotateAge()))) {
                    rotate(now, signer);
                }
                if (done()) {
                    break;
                }
            }
            checkpoint(settings.clock().instant(), Checkpoint.STOPPED, null);
            segment.close();
            closeCheckpointCopy();
        } catch (IOException | RuntimeException | InterruptedException e) {
            fail(e);
        }
    }

    private boolean closingRequested() {
        synchronized (progress) {
            return closing;
        }
    }

    private boolean done() {
        synchronized (progress) {
            return closing && queue.isEmpty();
        }
    }

    private void writeBatch(List<AuditRecord> batch) throws IOException {
        for (AuditRecord r : batch) {
            segment.append(r);
            if (segment.recordsSinceCheckpoint() >= settings.checkpointRecords()) {
                checkpoint(settings.clock().instant(), "", null);
            }
        }
        segment.flush(settings.fsync() == FsyncPolicy.BATCH);
        synchronized (progress) {
            written += batch.size();
            progress.notifyAll();
        }
    }

    private void checkpoint(Instant now, String end, byte[] nextSigner) throws IOException {
        Checkpoint c = segment.checkpoint(now, end, nextSigner);
        segment.flush(settings.fsync() != FsyncPolicy.NONE);
        lastCheckpoint = now;
        if (checkpointCopy != null) {
            checkpointCopy.write((c.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
            if (settings.fsync() != FsyncPolicy.NONE) {
                checkpointCopy.getFD().sync();
            }
        }
    }

    private void rotate(Instant now, Ed25519PrivateKeyParameters nextSigner) throws IOException {
        boolean newKey = nextSigner != signer;
        checkpoint(now, Checkpoint.ROTATED, newKey ? nextSigner.generatePublicKey().getEncoded() : null);
        segment.close();
        PrevLink prev = new PrevLink(segment.header().number(), segment.header().segmentId(), segment.lastSeq(),
                segment.chainHex(), true);
        segment = SegmentWriter.create(settings.dir(), prev.number() + 1, prev.lastSeq() + 1, Optional.of(prev),
                officers, nextSigner, now);
        signer = nextSigner;
        fingerprinter = segment.fingerprinter();
    }

    private void rotateSigner(Ed25519PrivateKeyParameters next, Instant now) throws IOException {
        rotate(now, next);
        segment.append(AuditRecord.lifecycle(Event.KEY_ROTATION, now,
                "checkpoints are now signed by key " + Crypto.keyId(next.generatePublicKey())));
    }

    private void fail(Throwable e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        LOG.error("audit trail in {} cannot be written; requests fail closed until it is fixed and Veil "
                + "restarted: {}", settings.dir(), e.toString());
        synchronized (progress) {
            failure = e;
            progress.notifyAll();
        }
        try {
            segment.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing; the verifier will report the unsealed tail
        }
        closeCheckpointCopy();
    }

    private void closeCheckpointCopy() {
        if (checkpointCopy != null) {
            try {
                checkpointCopy.close();
            } catch (IOException e) {
                LOG.warn("closing the second checkpoint location failed: {}", e.toString());
            }
        }
    }
}
