package dev.veil.bench.audit;

import dev.veil.audit.AuditTrail;
import dev.veil.audit.AuditVerifier;
import dev.veil.audit.FsyncPolicy;
import dev.veil.audit.VerificationReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seconds to verify a trail of {@code records} typical request records (~1 KB each, so about 1.1 GB
 * for a million, in 64 MiB segments, checkpoints every 10,000) with {@code veil audit verify}'s
 * code: every line parsed, hash chain, RFC 6962 Merkle roots, Ed25519 checkpoint signatures and
 * segment links, read from the page cache. Setup writes the trail once (about half a minute for a
 * million records) and deletes it afterwards. Goal: 1,000,000 records in under 10 seconds.
 *
 * <p>On a shared machine the wall-clock score grows with the load; each call therefore also prints
 * the CPU time it used.
 *
 * <p>Run from the repository root (add {@code -p records=100000} for a quick look):
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests &amp;&amp; java -jar bench/target/benchmarks.jar AuditVerify
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class AuditVerifyBenchmark {

    @Param("1000000")
    public int records;

    private Path root;
    private Path trailDir;

    @Setup(Level.Trial)
    public void writeTrail() throws IOException, InterruptedException {
        root = Files.createTempDirectory("veil-audit-bench");
        try (AuditTrail trail = AuditTrail.open(AuditRecords.settings(root, FsyncPolicy.NONE).build())) {
            trailDir = trail.dir();
            for (int i = 0; i < records; i++) {
                trail.append(AuditRecords.request(i, trail.fingerprinter()));
                if (i % 10_000 == 9_999 && !trail.awaitWritten(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("the writer did not keep up or failed");
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteTrail() throws IOException {
        AuditRecords.delete(root);
    }

    @Benchmark
    public VerificationReport verify() throws IOException {
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        VerificationReport report = AuditVerifier.verify(trailDir, Optional.empty(), Optional.empty(), n -> { });
        if (!report.ok() || report.records() != records) {
            throw new IllegalStateException("verification failed: " + report.summary());
        }
        System.out.printf("%n  verify cpu: %.2f s for %d records%n",
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9, records);
        return report;
    }
}
