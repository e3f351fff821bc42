package dev.veil.models;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line of the models tool.
 *
 * <pre>
 * java -jar models/target/veil-models.jar train --seed 42 --out DIR
 * java -jar models/target/veil-models.jar eval [--presidio FILE] [--wnut FILE] [--generated N]
 * java -jar models/target/veil-models.jar bench [--seconds N]
 * </pre>
 */
public final class ModelsCommand {

    private ModelsCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Map<String, String> options = options(List.of(args).subList(1, args.length));
        switch (args[0]) {
            case "train" -> {
                long seed = Long.parseLong(options.getOrDefault("seed", "42"));
                Trainer.Settings defaults = Trainer.Settings.defaults(seed);
                Trainer.Settings settings = new Trainer.Settings(seed,
                        intOption(options, "name-docs", defaults.nameDocuments()),
                        intOption(options, "topic-docs", defaults.topicDocuments()),
                        options.getOrDefault("algorithm", defaults.nameAlgorithm()),
                        intOption(options, "iterations", defaults.nameIterations()),
                        intOption(options, "cutoff", defaults.nameCutoff()),
                        intOption(options, "beam", defaults.beamSize()),
                        defaults.topicIterations(),
                        intOption(options, "per-locale", defaults.perLocale()));
                String out = options.get("out");
                if (out == null) {
                    usage();
                    System.exit(2);
                }
                String parts = options.getOrDefault("parts", "names,topics");
                new Trainer(settings, System.out).trainAll(Path.of(out), parts.contains("names"), parts.contains("topics"));
            }
            case "eval" -> NameEvaluator.main(options, System.out);
            case "bench" -> Throughput.main(options, System.out);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String v = options.get(name);
        return v == null ? fallback : Integer.parseInt(v);
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + a);
            }
            out.put(a.substring(2), args.get(++i));
        }
        return out;
    }

    private static void usage() {
        System.err.println("usage: veil-models train --seed N --out DIR [--name-docs N] [--topic-docs N] [--algorithm MAXENT|PERCEPTRON] [--iterations N] [--cutoff N] [--beam N] [--parts names,topics]");
        System.err.println("       veil-models eval [--presidio synth_dataset_v2.spans.jsonl] [--wnut emerging.test.annotated]"
                + " [--generated N [--seed S] [--sweep 0.3,0.5]] [--min-score X] [--errors true]");
        System.err.println("       veil-models bench");
    }
}
