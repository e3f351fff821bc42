package dev.veil.proxy.inspect;

import dev.veil.policy.RequestFacts;
import dev.veil.proxy.openai.ApiRequest;
import dev.veil.proxy.openai.TextSegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Veil learned about one request: the parsed request, its text segments, the findings in
 * each, and the facts the policy decides on.
 */
public record Inspection(
        ApiRequest request,
        List<TextSegment> segments,
        Map<String, List<dev.veil.detectors.Finding>> findingsByField,
        RequestFacts facts,
        int cacheHits,
        int cacheMisses,
        long scanNanos) {

    /** An inspection with no cache use recorded (a request decided without a scan). */
    public Inspection(ApiRequest request, List<TextSegment> segments,
            Map<String, List<dev.veil.detectors.Finding>> findingsByField, RequestFacts facts) {
        this(request, segments, findingsByField, facts, 0, 0, 0);
    }

    public Inspection {
        segments = List.copyOf(segments);
        findingsByField = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(findingsByField));
    }

    /** Finding type to count, sorted by type. */
    public Map<String, Integer> countsByType() {
        Map<String, Integer> counts = new TreeMap<>();
        for (var f : facts.findings()) {
            counts.merge(f.type(), 1, Integer::sum);
        }
        return counts;
    }

}
