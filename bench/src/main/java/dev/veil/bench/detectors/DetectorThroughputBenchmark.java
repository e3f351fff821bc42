package dev.veil.bench.detectors;

import dev.veil.detectors.Detector;
import dev.veil.detectors.ScanResult;
import dev.veil.detectors.Scanner;
import dev.veil.detectors.nlp.NlpDetectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * How fast one core scans chat text with Veil's standard detector set.
 *
 * <p>Workload: one deterministic chat-like text (see {@link ChatTexts}: questions, pasted code and
 * logs, and about one sentence in three holding a name, place, e-mail, phone, card or IP address)
 * of 1 KB or 16 KB, scanned with {@code Scanner.standard()} plus the NLP detectors of
 * {@code NlpDetectors.all()} where the standard set does not hold them ({@code set=all}), and
 * with the same detectors minus those of package {@code dev.veil.detectors.nlp}
 * ({@code set=without-nlp}: no name finder, no topic classifier), and further without the
 * secret detectors ({@code -p set=without-nlp-secrets}, not run by default). One thread, so
 * the figures are per core. The {@code bytes} line reports UTF-16 chars scanned per second (the texts are ASCII: chars = bytes); divide by
 * 1,000,000 for MB/s. The name finder's share of the time is
 * {@code 1 - all / without-nlp} of the two throughputs. To time detectors alone, pass their ids:
 * {@code -p set=only:pii.phone+pii.email}.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar DetectorThroughputBenchmark -f 1 -wi 5 -w 5s -i 5 -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class DetectorThroughputBenchmark {

    /** Text size in chars. */
    @Param({"1024", "16384"})
    public int size;

    /**
     * {@code all}: Scanner.standard() plus the NLP detectors; {@code without-nlp}: minus those of
     * dev.veil.detectors.nlp; {@code without-nlp-secrets}: also minus the secret detectors (the
     * personal-data, financial, government-id, network and marker detectors alone);
     * {@code only:ID[+ID...]}: just those detectors.
     */
    @Param({"all", "without-nlp"})
    public String set;

    private Scanner scanner;
    private String text;

    /** Counts scanned chars; JMH reports it per second next to the operation rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Scanned {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void setUp() {
        List<Detector> standard = withNlp(Scanner.standard().detectors());
        List<Detector> chosen = switch (set) {
            case "all" -> standard;
            case "without-nlp" -> standard.stream().filter(d -> !isNlp(d)).toList();
            case "without-nlp-secrets" -> standard.stream().filter(d -> !isNlp(d) && !isSecret(d)).toList();
            default -> only(standard, set);
        };
        scanner = new Scanner(chosen);
        text = ChatTexts.generate(size, 20260301L);
        // Fail early rather than measure a scanner that finds nothing or throws.
        ScanResult check = scanner.scan(text);
        if (check.degraded()) {
            throw new IllegalStateException("detectors failed: " + check.failedDetectors());
        }
        System.err.printf("set=%s: %d detectors, %d findings in the %d-char text%n",
                set, chosen.size(), check.findings().size(), size);
    }

    /** {@code only:ID[+ID...]}: the named detectors alone, to find which one costs the most. */
    private static List<Detector> only(List<Detector> standard, String set) {
        if (!set.startsWith("only:")) {
            throw new IllegalArgumentException("unknown set: " + set
                    + " (all, without-nlp, without-nlp-secrets or only:ID[+ID...])");
        }
        List<String> ids = List.of(set.substring("only:".length()).split("\\+"));
        List<Detector> chosen = standard.stream().filter(d -> ids.contains(d.id())).toList();
        if (chosen.size() != ids.size()) {
            throw new IllegalArgumentException("unknown detector id in " + set);
        }
        return chosen;
    }

    /** The NLP detectors are measured whether or not the standard set includes them yet. */
    private static List<Detector> withNlp(List<Detector> standard) {
        List<Detector> all = new ArrayList<>(standard);
        Set<String> ids = new HashSet<>();
        standard.forEach(d -> ids.add(d.id()));
        for (Detector d : NlpDetectors.all()) {
            if (ids.add(d.id())) {
                all.add(d);
            }
        }
        return all;
    }

    private static boolean isSecret(Detector d) {
        return d.getClass().getPackageName().startsWith("dev.veil.detectors.secret")
                || d.types().stream().allMatch(t -> t.startsWith("secret."));
    }

    private static boolean isNlp(Detector d) {
        return d.getClass().getPackageName().startsWith("dev.veil.detectors.nlp");
    }

    @Benchmark
    public ScanResult scan(Scanned scanned) {
        scanned.bytes += text.length();
        return scanner.scan(text);
    }
}
