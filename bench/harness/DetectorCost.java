import dev.veil.detectors.Detector;
import dev.veil.detectors.Scanner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time each standard detector takes on the user text of one of the benchmark's workloads, to see
 * which detectors a figure in docs/benchmarks.md is made of. Each text is new (a different number
 * in front), as in the load test. Single-threaded; pin it to one core for steady figures.
 *
 * <p>Run (from the repository root):
 * {@code javac -d bench/harness/results/classes -cp proxy/target/veil.jar bench/harness/LoadGen.java
 * bench/harness/DetectorCost.java && taskset -c 0 java -cp bench/harness/results/classes:proxy/target/veil.jar
 * DetectorCost long 100}
 */
public final class DetectorCost {

    public static void main(String[] args) {
        String workload = args.length > 0 ? args[0] : "typical";
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String json = new String(LoadGen.body(LoadGen.WORKLOADS.get(workload)), java.nio.charset.StandardCharsets.UTF_8);
        int start = json.indexOf("\"content\":\"ref ") + "\"content\":\"".length();
        String text = json.substring(start, json.lastIndexOf("\"}]}")).replace("\\n", "\n");
        List<Detector> detectors = Scanner.standard().detectors();
        Map<String, Long> nanos = new LinkedHashMap<>();
        // The first round warms the JIT compiler up and is thrown away.
        for (int round = 0; round < 2; round++) {
            nanos.clear();
            for (int i = 0; i < iterations; i++) {
                String t = "ref " + (round * iterations + i) + " " + text;
                for (Detector d : detectors) {
                    long t0 = System.nanoTime();
                    d.detect(t);
                    nanos.merge(d.id(), System.nanoTime() - t0, Long::sum);
                }
            }
        }
        long total = nanos.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%s workload: %d chars of user text, %d detectors, %.0f µs per text in all%n", workload,
                text.length(), detectors.size(), total / 1e3 / iterations);
        nanos.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(15)
                .forEach(e -> System.out.printf("  %-36s %9.0f µs %5.1f%%%n", e.getKey(), e.getValue() / 1e3 / iterations,
                        100.0 * e.getValue() / total));
    }
}
