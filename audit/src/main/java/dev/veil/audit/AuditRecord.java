package dev.veil.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What Veil records about one request. Holds finding types and counts, never request text or a
 * found value.
 *
 * @param requestId Veil's id for the request, also returned to the client in {@code x-request-id}
 * @param time when the request arrived
 * @param endpoint the API path
 * @param model the model the client asked for, or empty
 * @param action the policy action ({@code allow}, {@code redact}, {@code route}, {@code block}) or
 *     {@code reject} for a request refused before the policy ran
 * @param rules ids of the rules that decided (first) and that applied
 * @param findings finding type to count
 * @param upstream the upstream the request was forwarded to, or empty
 * @param status the HTTP status returned to the client
 * @param latencyMillis time from arrival to the end of the response
 */
public record AuditRecord(
        String requestId,
        Instant time,
        String endpoint,
        String model,
        String action,
        List<String> rules,
        Map<String, Integer> findings,
        String upstream,
        int status,
        long latencyMillis) {

    public AuditRecord {
        requireNonNull(requestId, "requestId");
        requireNonNull(time, "time");
        requireNonNull(endpoint, "endpoint");
        requireNonNull(model, "model");
        requireNonNull(action, "action");
        rules = List.copyOf(rules);
        findings = Map.copyOf(findings);
        requireNonNull(upstream, "upstream");
    }
}
