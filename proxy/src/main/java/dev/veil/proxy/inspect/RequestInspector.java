package dev.veil.proxy.inspect;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanResult;
import dev.veil.detectors.Scanner;
import dev.veil.policy.RequestFacts;
import dev.veil.proxy.openai.ApiRequest;
import dev.veil.proxy.openai.TextFields;
import dev.veil.proxy.openai.TextSegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed request into an {@link Inspection}: extracts every text field, scans each, and
 * gathers the facts the policy needs. CPU-bound: call it off the event loop.
 *
 * <p>Thread-safe.
 */
public final class RequestInspector {

    private final Scanner scanner;

    public RequestInspector(Scanner scanner) {
        this.scanner = requireNonNull(scanner, "scanner");
    }

    public Scanner scanner() {
        return scanner;
    }

    public Inspection inspect(ApiRequest request, String tenant, Map<String, String> headers) {
        requireNonNull(request, "request");
        TextFields fields = TextFields.of(request.body());
        Map<String, List<Finding>> byField = new LinkedHashMap<>();
        List<Finding> all = new ArrayList<>();
        Set<String> failed = new LinkedHashSet<>();
        for (TextSegment s : fields.segments()) {
            ScanResult r = scanner.scan(s.text());
            failed.addAll(r.failedDetectors());
            if (!r.findings().isEmpty()) {
                byField.computeIfAbsent(s.path(), k -> new ArrayList<>()).addAll(r.findings());
                all.addAll(r.findings());
            }
        }
        RequestFacts facts = new RequestFacts(request.endpoint().path(), request.model(), tenant, headers,
                all, failed, fields.unscannable());
        return new Inspection(request, fields.segments(), byField, facts);
    }
}
