package dev.veil.proxy.inspect;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanResult;
import dev.veil.detectors.Scanner;
import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.RequestFacts;
import dev.veil.policy.SessionMemory;
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
        RequestFacts.Builder facts = RequestFacts.builder()
                .endpoint(request.endpoint().path())
                .model(request.model())
                .tenant(tenant)
                .user(request.body().path("user").asText(""))
                .findings(all)
                .unscannableContent(fields.unscannable())
                .conversationFingerprint(conversationFingerprint(request));
        headers.forEach(facts::header);
        failed.forEach(facts::failedDetector);
        return new Inspection(request, fields.segments(), byField, facts.build());
    }

    /**
     * Identifies a conversation without a session id: every turn resends the conversation's first
     * messages, so a hash of them stays the same from turn to turn.
     */
    static String conversationFingerprint(ApiRequest request) {
        JsonNode items = request.body().path("messages");
        if (!items.isArray()) {
            items = request.body().path("input");
        }
        if (!items.isArray()) {
            return "";
        }
        List<String> first = new ArrayList<>();
        for (JsonNode m : items) {
            if (first.size() == SessionMemory.FINGERPRINT_MESSAGES) {
                break;
            }
            first.add(m.path("role").asText("") + ":" + m.path("content").toString());
        }
        return SessionMemory.fingerprint(first);
    }
}
