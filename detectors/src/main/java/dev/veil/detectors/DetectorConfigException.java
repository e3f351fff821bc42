package dev.veil.detectors;

import java.util.List;

/**
 * Detector settings that cannot work: a missing dictionary file, a regex that does not compile,
 * an unknown detector id. Thrown when the scanner is built, never while scanning; the message
 * lists every problem, each naming the settings key at fault.
 */
public final class DetectorConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public DetectorConfigException(List<String> problems) {
        super("invalid detector settings:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One message per problem, e.g. {@code detectors.regexes[0] (ticket): pattern: Unclosed group near index 4}. */
    public List<String> problems() {
        return problems;
    }
}
