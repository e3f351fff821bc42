package dev.veil.detectors;

import java.util.List;
import java.util.Set;

/**
 * The findings of a scan and the ids of the detectors that failed while producing them.
 * A non-empty {@code failedDetectors} means the findings may be incomplete: callers must treat
 * the scanned text as sensitive (fail closed).
 */
public record ScanResult(List<Finding> findings, Set<String> failedDetectors) {

    public static final ScanResult EMPTY = new ScanResult(List.of(), Set.of());

    public ScanResult {
        findings = List.copyOf(findings);
        failedDetectors = Set.copyOf(failedDetectors);
    }

    public boolean degraded() {
        return !failedDetectors.isEmpty();
    }
}
