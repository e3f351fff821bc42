package dev.veil.bench.audit;

import dev.veil.audit.AuditTrail;
import dev.veil.audit.FsyncPolicy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Audit records written per second through the public {@code AuditTrail}: one caller thread appends
 * batches of 1,000 typical request records (two finding types, two value fingerprints, ~1 KB on
 * disk) and waits until the single writer thread has encrypted (per-record ratcheted key,
 * AES-256-GCM), hash-chained, Merkle-hashed and written them, with signed checkpoints every 10,000
 * records and segment rotation at 64 MiB. The score is records per second; the goal is at least
 * 50,000 with {@code fsync=NONE} (the CPU cost) and the figure with {@code fsync=BATCH} shows what
 * the disk adds.
 *
 * <p>On a shared machine the wall-clock score drops with the load; each iteration therefore also
 * prints the CPU time the caller and the writer thread spent per record, and the records per
 * CPU-second of one core that follow from it.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests &amp;&amp; java -jar bench/target/benchmarks.jar AuditAppend
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class AuditAppendBenchmark {

    private static final int BATCH = 1_000;

    @Param({"NONE", "BATCH"})
    public FsyncPolicy fsync;

    private Path root;
    private AuditTrail trail;
    private long n;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long iterationStartRecords;
    private long callerCpuAtStart;
    private long writerCpuAtStart;
    private long callerCpu;

    @Setup(Level.Trial)
    public void open() throws IOException {
        root = Files.createTempDirectory("veil-audit-bench");
        trail = AuditTrail.open(AuditRecords.settings(root, fsync).build());
    }

    @Setup(Level.Iteration)
    public void startCpuCount() {
        iterationStartRecords = n;
        callerCpu = 0;
        writerCpuAtStart = threads.getThreadCpuTime(writerThreadId());
    }

    @TearDown(Level.Iteration)
    public void printCpuPerRecord() {
        long records = n - iterationStartRecords;
        long writerCpu = threads.getThreadCpuTime(writerThreadId()) - writerCpuAtStart;
        double perRecordNanos = (double) (writerCpu + callerCpu) / records;
        System.out.printf("%n  cpu per record: caller %.1f us + writer %.1f us = %.0f records per cpu-second%n",
                callerCpu / 1e3 / records, writerCpu / 1e3 / records, 1e9 / perRecordNanos);
    }

    private static long writerThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("veil-audit-writer"))
                .findFirst().orElseThrow().getId();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        trail.close();
        AuditRecords.delete(root);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void appendAndWrite() throws InterruptedException {
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < BATCH; i++) {
            trail.append(AuditRecords.request(n++, trail.fingerprinter()));
        }
        if (!trail.awaitWritten(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the writer did not keep up or failed");
        }
        callerCpu += threads.getCurrentThreadCpuTime() - cpu;
    }
}
