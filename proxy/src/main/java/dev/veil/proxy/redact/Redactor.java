package dev.veil.proxy.redact;

import dev.veil.detectors.Finding;
import dev.veil.proxy.inspect.Inspection;
import dev.veil.proxy.openai.TextSegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Redacts findings in a request body before it is forwarded. {@code mask} replaces each value of a
 * listed type by its type in brackets, e.g. {@code [PII_EMAIL]}; {@code pseudonymize} replaces it by
 * a token (see {@link Pseudonyms}) recorded in a {@link TokenMap}, so the response can be
 * re-hydrated.
 */
public final class Redactor {

    private Redactor() {
    }

    /** Masks the findings whose type {@code redacted} accepts; returns type to count masked. */
    public static Map<String, Integer> mask(Inspection inspection, Predicate<String> redacted) {
        return redact(inspection, redacted, (type, value) -> label(type));
    }

    /**
     * Replaces the findings whose type {@code redacted} accepts by pseudonym tokens, recording each
     * in {@code tokens}; returns type to count replaced.
     */
    public static Map<String, Integer> pseudonymize(Inspection inspection, Predicate<String> redacted,
            Pseudonyms pseudonyms, String tenant, TokenMap tokens) {
        return redact(inspection, redacted, (type, value) -> tokens.put(pseudonyms.token(tenant, type, value), value));
    }

    private static Map<String, Integer> redact(Inspection inspection, Predicate<String> redacted,
            BiFunction<String, String, String> replacement) {
        Map<String, Integer> counts = new TreeMap<>();
        // Values first, keys last: renaming a key first would orphan its value's replacer.
        List<TextSegment> ordered = new ArrayList<>(inspection.segments());
        ordered.sort(Comparator.comparing(s -> s.path().endsWith("{key}")));
        for (TextSegment s : ordered) {
            List<Finding> findings = inspection.findingsByField().get(s.path());
            if (findings == null) {
                continue;
            }
            List<Finding> chosen = findings.stream()
                    .filter(f -> redacted.test(f.type()))
                    .sorted(Comparator.comparingInt(Finding::start))
                    .toList();
            if (chosen.isEmpty()) {
                continue;
            }
            StringBuilder out = new StringBuilder(s.text().length());
            int at = 0;
            for (Finding f : chosen) {
                if (f.start() < at) {
                    continue;
                }
                out.append(s.text(), at, f.start())
                        .append(replacement.apply(f.type(), s.text().substring(f.start(), f.end())));
                at = f.end();
                counts.merge(f.type(), 1, Integer::sum);
            }
            out.append(s.text(), at, s.text().length());
            s.replace(out.toString());
        }
        return counts;
    }

    static String label(String type) {
        return "[" + type.replace('.', '_').toUpperCase(Locale.ROOT) + "]";
    }

}
