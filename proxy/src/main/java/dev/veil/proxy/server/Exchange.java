package dev.veil.proxy.server;

import dev.veil.audit.AuditRecord;
import dev.veil.audit.AuditSink;
import dev.veil.audit.AuditUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Veil knows about one request as it moves through the pipeline, written to the audit trail
 * exactly once when the request ends. Holds no request text.
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
    String model = "";
    String action = "reject";
    List<String> rules = List.of();
    Map<String, Integer> findings = Map.of();
    String upstream = "";
    private boolean finished;

    Exchange(String requestId, Instant time, long startNanos, String endpoint, boolean keepAlive) {
        this.requestId = requestId;
        this.time = time;
        this.startNanos = startNanos;
        this.endpoint = endpoint;
        this.keepAlive = keepAlive;
    }

    /** Records the outcome once; later calls are ignored. */
    void finish(AuditSink audit, int status) {
        if (finished) {
            return;
        }
        finished = true;
        long latencyMillis = (System.nanoTime() - startNanos) / 1_000_000;
        try {
            audit.append(new AuditRecord(requestId, time, endpoint, model, action, rules, findings, upstream,
                    status, latencyMillis));
        } catch (AuditUnavailableException e) {
            log.error("audit record for request {} could not be written: {}. Check the audit directory "
                    + "and disk space; requests fail closed until the trail is writable.", requestId, e.getMessage());
        }
        log.info("request {} {} action={} upstream={} status={} latency_ms={}", requestId, endpoint, action,
                upstream.isEmpty() ? "-" : upstream, status, latencyMillis);
    }
}
