package dev.veil.proxy.server;

import static java.util.Objects.requireNonNull;

import dev.veil.audit.AuditSink;
import dev.veil.audit.ValueFingerprinter;
import dev.veil.policy.PolicyHolder;
import dev.veil.proxy.config.VeilConfig;
import dev.veil.proxy.auth.ApiKeyStore;
import dev.veil.proxy.inspect.RequestInspector;
import dev.veil.proxy.metrics.VeilMetrics;
import dev.veil.proxy.redact.Pseudonyms;
import dev.veil.proxy.upstream.UpstreamClient;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The long-lived parts every connection handler uses. All are thread-safe.
 *
 * @param config the running configuration
 * @param policy the live policy (read once per request, so a reload swaps atomically), sessions and shadow
 * @param inspector extracts and scans request text
 * @param upstreams the pooled upstream client
 * @param audit the audit trail
 * @param scanExecutor bounded executor that runs parsing and scanning off the event loops
 * @param fingerprints the audit trail's current keyed fingerprinter of found values; may supply null
 * @param pseudonyms derives the tokens that stand for pseudonymized values
 * @param metrics Veil's Prometheus metrics
 * @param clientKeys the client API keys, if clients must present one
 * @param inFlight requests being served now, for draining at shutdown
 * @param inlineScanMaxBytes bodies up to this size are parsed and scanned on the event loop that
 *     received them; 0: every body goes to {@code scanExecutor}
 */
public record ProxyServices(
        VeilConfig config,
        PolicyHolder policy,
        RequestInspector inspector,
        UpstreamClient upstreams,
        AuditSink audit,
        Executor scanExecutor,
        Supplier<ValueFingerprinter> fingerprints,
        Pseudonyms pseudonyms,
        VeilMetrics metrics,
        Optional<ApiKeyStore> clientKeys,
        AtomicInteger inFlight,
        int inlineScanMaxBytes) {

    public ProxyServices {
        requireNonNull(config, "config");
        requireNonNull(policy, "policy");
        requireNonNull(inspector, "inspector");
        requireNonNull(upstreams, "upstreams");
        requireNonNull(audit, "audit");
        requireNonNull(scanExecutor, "scanExecutor");
        requireNonNull(fingerprints, "fingerprints");
        requireNonNull(pseudonyms, "pseudonyms");
        requireNonNull(metrics, "metrics");
        requireNonNull(clientKeys, "clientKeys");
        requireNonNull(inFlight, "inFlight");
    }
}
