package dev.veil.detectors;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.text.NormalizedText;
import dev.veil.detectors.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs a fixed set of detectors over a text. The text is normalized first (see
 * {@link TextNormalizer}) so that zero-width characters, odd dashes or full-width digits do not
 * hide a value; detectors see the normalized text and findings are mapped back, so their offsets
 * always point into the text the caller gave. A detector that throws does not stop the scan: it
 * is reported in {@link ScanResult#failedDetectors()} so that the caller can fail closed.
 *
 * <p>Thread-safe if the detectors are (they must be).
 */
public final class Scanner {

    private final List<Detector> detectors;
    private final Set<String> allowList;

    public Scanner(List<? extends Detector> detectors) {
        this(detectors, List.of());
    }

    /**
     * A scanner that never reports a finding whose text is one of {@code allowList} (compared
     * ignoring case and surrounding spaces).
     */
    public Scanner(List<? extends Detector> detectors, List<String> allowList) {
        requireNonNull(detectors, "detectors");
        Set<String> ids = new LinkedHashSet<>();
        for (Detector d : detectors) {
            requireNonNull(d, "detector");
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException("duplicate detector id: " + d.id());
            }
        }
        this.detectors = List.copyOf(detectors);
        Set<String> allowed = new LinkedHashSet<>();
        for (String term : requireNonNull(allowList, "allowList")) {
            allowed.add(fold(TextNormalizer.normalize(requireNonNull(term, "allowList term")).text()));
        }
        this.allowList = Set.copyOf(allowed);
    }

    /**
     * The standard detector set that Veil ships with. Building it compiles some hundred
     * expressions, so one shared instance is returned (it is immutable and thread-safe).
     */
    public static Scanner standard() {
        return Standard.INSTANCE;
    }

    /** Holds the standard scanner, built on first use. */
    private static final class Standard {
        static final Scanner INSTANCE = new Scanner(StandardDetectors.all());
    }

    /**
     * The scanner that {@code settings} describe: standard detectors selected by
     * {@code enabled}/{@code disabled}, plus custom dictionaries and regexes, with the allow-list.
     *
     * @throws DetectorConfigException naming every setting that cannot work
     */
    public static Scanner configured(DetectorSettings settings) {
        requireNonNull(settings, "settings");
        return new Scanner(ConfiguredDetectors.build(settings), settings.allowList());
    }

    public List<Detector> detectors() {
        return detectors;
    }

    /** Every finding type any of this scanner's detectors can report. */
    public Set<String> types() {
        Set<String> types = new LinkedHashSet<>();
        for (Detector d : detectors) {
            types.addAll(d.types());
        }
        return types;
    }

    /**
     * Scans {@code text}. Findings are sorted by start offset, then by end; where findings of
     * different types cover the same chars, only the strongest is kept (see {@code Overlaps}).
     */
    public ScanResult scan(String text) {
        requireNonNull(text, "text");
        if (text.isEmpty()) {
            return ScanResult.EMPTY;
        }
        NormalizedText normalized = TextNormalizer.normalize(text);
        ScanText shared = new ScanText(normalized.text());
        List<Finding> findings = new ArrayList<>();
        Set<String> failed = null;
        // Index loops: a scan runs every detector on every text field of every request, and most
        // detectors find nothing, so an iterator per detector is most of what a clean scan allocates.
        for (int i = 0; i < detectors.size(); i++) {
            Detector d = detectors.get(i);
            try {
                List<Finding> found = d.detect(shared);
                for (int j = 0; j < found.size(); j++) {
                    Finding f = found.get(j);
                    if (!allowListed(normalized.text(), f)) {
                        findings.add(toOriginal(f, normalized));
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                if (failed == null) {
                    failed = new LinkedHashSet<>();
                }
                failed.add(d.id());
            }
        }
        findings = Overlaps.resolve(findings);
        findings.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
        return new ScanResult(findings, failed == null ? Set.of() : failed);
    }

    /** Allow-listed values are compared in normalized form, so "S\u200B3" is still "S3". */
    private boolean allowListed(String normalizedText, Finding f) {
        return !allowList.isEmpty() && allowList.contains(fold(normalizedText.substring(f.start(), f.end())));
    }

    private static String fold(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    private static Finding toOriginal(Finding f, NormalizedText normalized) {
        if (!normalized.changed()) {
            return f;
        }
        int start = normalized.originalStart(f.start());
        int end = Math.max(start, normalized.originalEnd(f.end()));
        return new Finding(f.type(), start, end, f.score(), f.detector());
    }
}
