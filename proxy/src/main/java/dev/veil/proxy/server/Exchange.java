package dev.veil.proxy.server;

import dev.veil.audit.AuditRecord;
import dev.veil.audit.AuditSink;
import dev.veil.audit.AuditUnavailableException;
import dev.veil.audit.ValueFingerprint;
import dev.veil.audit.ValueFingerprinter;
import dev.veil.policy.Action;
import dev.veil.proxy.metrics.VeilMetrics;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What Veil knows about one request as it moves through the pipeline, written to the audit trail
 * exactly once when the request ends. Holds types, counts and keyed fingerprints, never request
 * text or a found value.
 *
 * <p>Confined to the event loop of the client connection.
 */
final class Exchange {

    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    final String requestId;
    final Instant time;
    final long startNanos;
    final String endpoint;
    final boolean keepAlive;
    final long requestBytes;
    String model = "";
    String forwardedModel = "";
    String action = "reject";
    /** The policy's action, once decided. */
    Action decision;
    List<String> rules = List.of();
    String policyVersion = "";
    String shadowDifference = "";
    /** The fallback taken, e.g. to another upstream because the chosen one was unreachable; or empty. */
    String fallback = "";
    List<AuditRecord.FindingCount> findings = List.of();
    List<ValueFingerprint> fingerprints = List.of();
    List<String> degradedDetectors = List.of();
    int redactions;
    String upstream = "";
    String trust = "";
    long responseBytes;
    /** The authenticated tenant, or empty; audited only as a keyed fingerprint. */
    String tenant = "";
    private final AtomicInteger inFlight;
    private boolean finished;

    Exchange(String requestId, Instant time, long startNanos, String endpoint, boolean keepAlive, long requestBytes,
            AtomicInteger inFlight) {
        this.inFlight = inFlight;
        inFlight.incrementAndGet();
        this.requestId = requestId;
        this.time = time;
        this.startNanos = startNanos;
        this.endpoint = endpoint;
        this.keepAlive = keepAlive;
        this.requestBytes = requestBytes;
    }

    /**
     * Tells the client what Veil decided: the request id, the action and deciding rule, and the
     * finding types with counts. Never values: the client sent them, and headers end up in logs.
     */
    void describeTo(HttpHeaders headers) {
        headers.set("x-request-id", requestId);
        if (!rules.isEmpty()) {
            headers.set("x-veil-decision", action + "; rule=" + rules.get(0));
        }
        if (!findings.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (AuditRecord.FindingCount f : findings) {
                sb.append(sb.length() == 0 ? "" : ", ").append(f.type()).append('=').append(f.count());
            }
            headers.set("x-veil-findings", sb.toString());
        }
        if (!upstream.isEmpty()) {
            headers.set("x-veil-upstream", upstream);
        }
    }

    /** Records the outcome once, in the audit trail and the metrics; later calls are ignored. */
    void finish(AuditSink audit, VeilMetrics metrics, ValueFingerprinter fingerprinter, int status) {
        if (finished) {
            return;
        }
        finished = true;
        inFlight.decrementAndGet();
        long elapsed = System.nanoTime() - startNanos;
        long latencyMillis = elapsed / 1_000_000;
        metrics.stage(VeilMetrics.Stage.TOTAL, elapsed);
        if (decision == null) {
            metrics.requestRejected(status);
        } else {
            metrics.requestFinished(decision, upstream.isEmpty() ? VeilMetrics.NONE : upstream, status);
        }
        AuditRecord.Builder builder = AuditRecord.request(requestId, time);
        if (!tenant.isEmpty() && fingerprinter != null) {
            builder.tenant(fingerprinter.fingerprint(tenant));
        }
        AuditRecord record = builder
                .endpoint(endpoint)
                .routing(model, forwardedModel, upstream, trust)
                .verdict(new AuditRecord.Verdict(action, rules, policyVersion, fallback, shadowDifference))
                .findings(new AuditRecord.Findings(findings, fingerprints, redactions, degradedDetectors))
                .outcome(status, latencyMillis, requestBytes, responseBytes)
                .build();
        try (MDC.MDCCloseable ignored = MDC.putCloseable("request_id", requestId)) {
            try {
                audit.append(record);
            } catch (AuditUnavailableException e) {
                metrics.auditWriteFailure();
                log.error("request {}: its audit record could not be written ({}). Check the audit directory and "
                        + "disk space; new requests are refused until the trail is writable.", requestId,
                        e.getMessage());
            }
            log.info("request {} {} action={} upstream={} status={} latency_ms={}", requestId, endpoint, action,
                    upstream.isEmpty() ? "-" : upstream, status, latencyMillis);
        }
    }
}
