package dev.veil.bench.audit;

import dev.veil.audit.AuditKeys;
import dev.veil.audit.internal.KeyFiles;
import dev.veil.audit.internal.SegmentHeader;
import dev.veil.audit.internal.SegmentWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The writer thread's work for one record, on one thread with no queue in between: build a typical
 * request record (three keyed fingerprints), serialize it, derive its ratcheted key, encrypt it
 * with AES-256-GCM, hash it into the chain and the Merkle tree, and buffer the line for the file;
 * a signed checkpoint every 10,000 records and a new segment (HPKE-sealed key) every 64 MiB, as the
 * trail does. The score is records per second on one core; the goal is at least 50,000. On a shared
 * machine the score drops with the load, so each iteration also prints the thread's CPU time per
 * record.
 * {@link AuditAppendBenchmark} measures the same through the public API with its thread handoff.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests &amp;&amp; java -jar bench/target/benchmarks.jar AuditSegmentWrite
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Long warm-up: on a busy machine the JIT needs tens of seconds before the code is compiled.
@Warmup(iterations = 4, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@Threads(1)
public class AuditSegmentWriteBenchmark {

    private static final long ROTATE_BYTES = 64L * 1024 * 1024;

    private Path root;
    private X25519PublicKeyParameters officer;
    private Ed25519PrivateKeyParameters signer;
    private SegmentWriter writer;
    private long n;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long iterationStart;
    private long cpuAtStart;

    @Setup(Level.Iteration)
    public void startCpuCount() {
        iterationStart = n;
        cpuAtStart = threads.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void printCpuPerRecord() {
        double nanos = (double) (threads.getCurrentThreadCpuTime() - cpuAtStart) / (n - iterationStart);
        System.out.printf("%n  cpu per record: %.1f us = %.0f records per cpu-second%n", nanos / 1e3, 1e9 / nanos);
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        root = Files.createTempDirectory("veil-audit-bench");
        AuditKeys.generate(root.resolve("keys"));
        officer = (X25519PublicKeyParameters) KeyFiles.readPublic(root.resolve("keys").resolve(AuditKeys.OFFICER_PUBLIC));
        signer = (Ed25519PrivateKeyParameters) KeyFiles.readPrivate(
                root.resolve("keys").resolve(AuditKeys.SIGNING_PRIVATE));
        writer = SegmentWriter.create(root, 1, 1, Optional.empty(), List.of(officer), signer, Instant.now());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        writer.close();
        AuditRecords.delete(root);
    }

    @Benchmark
    public long append() throws IOException {
        writer.append(AuditRecords.request(n++, writer.fingerprinter()));
        if (writer.recordsSinceCheckpoint() >= 10_000) {
            writer.checkpoint(Instant.now(), "", null);
        }
        if (writer.bytes() >= ROTATE_BYTES) {
            rotate();
        }
        return writer.lastSeq();
    }

    private void rotate() throws IOException {
        writer.checkpoint(Instant.now(), "rotated", null);
        writer.close();
        SegmentHeader h = writer.header();
        SegmentHeader.PrevLink prev = new SegmentHeader.PrevLink(h.number(), h.segmentId(), writer.lastSeq(),
                writer.chainHex(), true);
        Path old = writer.file();
        writer = SegmentWriter.create(root, h.number() + 1, writer.lastSeq() + 1, Optional.of(prev),
                List.of(officer), signer, Instant.now());
        // Keep the disk use of a long run small; the file was written, which is what is measured.
        Files.delete(old);
    }
}
