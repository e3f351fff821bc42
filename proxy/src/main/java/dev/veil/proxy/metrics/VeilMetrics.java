package dev.veil.proxy.metrics;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.Action;
import dev.veil.proxy.upstream.CircuitBreaker;
import dev.veil.proxy.upstream.UpstreamEvents;
import dev.veil.proxy.upstream.UpstreamFailure;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Every metric Veil exposes, defined in one place, with one method per thing the proxy records.
 * {@code docs/operations.md} lists them; a test keeps that list in step with this class.
 *
 * <p>Label values are identifiers only. Finding types and upstream names must be among those given
 * to the constructor, and rule and detector ids must look like identifiers; anything else is
 * recorded as {@value #OTHER}, so a caller that passes request text by mistake cannot put it in a
 * metric. Thread-safe; every recording method is lock-free.
 */
public final class VeilMetrics implements UpstreamEvents {

    /** The label value recorded instead of one that is unknown or not shaped like an identifier. */
    public static final String OTHER = "other";
    /** The action and upstream label of a request answered before a policy decision (400, 401, 413...). */
    public static final String NONE = "none";

    /** Latency buckets in seconds, from half a millisecond (a cached scan) to two minutes (a long completion). */
    static final double[] LATENCY_BUCKETS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120
    };

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,79}");

    /** The stages of a request whose latency is measured. */
    public enum Stage {
        /** Parsing the body and running the detectors. */
        SCAN,
        /** Evaluating the policy. */
        DECIDE,
        /** From sending the request upstream to its first response byte. */
        UPSTREAM_FIRST_BYTE,
        /** From the request's first byte to the last byte of the response. */
        TOTAL;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MetricRegistry registry;
    private final Set<String> findingTypes;
    private final Set<String> upstreams;

    private final Counter requests;
    private final Counter findings;
    private final Counter detectorFailures;
    private final Counter ruleMatches;
    private final Map<Stage, Histogram.Child> stages = new EnumMap<>(Stage.class);
    private final Counter upstreamErrors;
    private final Counter.Child scanCacheHits;
    private final Counter.Child scanCacheMisses;
    private final Counter.Child reloadsApplied;
    private final Counter.Child reloadsRefused;
    private final Gauge lastReloadOk;
    private final Counter shadowDifferences;
    private final Counter auditWriteFailures;
    private final AtomicReference<LongSupplier> auditQueue = new AtomicReference<>(() -> 0);
    private final AtomicReference<DoubleSupplier> auditLag = new AtomicReference<>(() -> 0);
    private final Gauge circuitState;
    private final Counter circuitTransitions;
    private final Counter connectRetries;
    private final Counter fallbacks;
    private final Gauge openConnections;
    private final Gauge activeStreams;
    private final String[] statusLabels = new String[600];

    /**
     * @param findingTypes every finding type the scanner can report ({@code Scanner.types()})
     * @param upstreams the names of the configured upstreams
     */
    public VeilMetrics(Set<String> findingTypes, Set<String> upstreams) {
        this(new MetricRegistry(), findingTypes, upstreams);
    }

    public VeilMetrics(MetricRegistry registry, Set<String> findingTypes, Set<String> upstreams) {
        this.registry = requireNonNull(registry, "registry");
        this.findingTypes = Set.copyOf(findingTypes);
        this.upstreams = Set.copyOf(upstreams);
        for (int s = 100; s < statusLabels.length; s++) {
            statusLabels[s] = Integer.toString(s);
        }
        requests = registry.counter("veil_requests_total",
                "Requests answered, by policy action (none if answered before a decision), upstream "
                        + "(none if not forwarded) and HTTP status sent to the client.",
                "action", "upstream", "status");
        findings = registry.counter("veil_findings_total",
                "Findings in request text, by finding type.", "type");
        detectorFailures = registry.counter("veil_detector_failures_total",
                "Detector runs that threw or ran out of time, by detector id; the request is then handled "
                        + "as the policy's on_detector_error says.", "detector");
        ruleMatches = registry.counter("veil_policy_rule_matches_total",
                "Decisions in which a policy rule applied, by rule id.", "rule");
        Histogram stageHistogram = registry.histogram("veil_stage_duration_seconds",
                "Time spent per request in each stage: scan, decide, upstream_first_byte, total.",
                LATENCY_BUCKETS, "stage");
        for (Stage s : Stage.values()) {
            stages.put(s, stageHistogram.labels(s.label()));
        }
        upstreamErrors = registry.counter("veil_upstream_errors_total",
                "Failed upstream calls, by upstream and kind (connect, connect_timeout, circuit_open, timeout, "
                        + "idle_timeout, broken, malformed_stream, status_5xx, status_429).", "upstream", "kind");
        circuitState = registry.gauge("veil_upstream_circuit_state",
                "State of each upstream's circuit breaker: 0 closed (calls go through), 1 open (calls fail at "
                        + "once), 2 half-open (one trial call is let through).", "upstream");
        for (String u : this.upstreams) {
            circuitState.labels(u).set(0);
        }
        circuitTransitions = registry.counter("veil_upstream_circuit_transitions_total",
                "Circuit breaker state changes, by upstream and the state entered (open, half_open, closed).",
                "upstream", "state");
        connectRetries = registry.counter("veil_upstream_connect_retries_total",
                "Connection attempts repeated after one failed (the request had not been sent), by upstream.",
                "upstream");
        fallbacks = registry.counter("veil_upstream_fallbacks_total",
                "Requests sent to the policy's fallback upstream because the chosen one could not be reached, "
                        + "by the upstream that failed (from) and the one used (to).", "from", "to");
        Counter scanCache = registry.counter("veil_scan_cache_requests_total",
                "Lookups of text segments in the scan cache, by result (hit or miss).", "result");
        scanCacheHits = scanCache.labels("hit");
        scanCacheMisses = scanCache.labels("miss");
        Counter reloads = registry.counter("veil_policy_reloads_total",
                "Policy file reloads, by outcome: applied (swapped in) or refused (invalid; the last good "
                        + "policy stays).", "outcome");
        reloadsApplied = reloads.labels("applied");
        reloadsRefused = reloads.labels("refused");
        lastReloadOk = registry.gauge("veil_policy_last_reload_ok",
                "1 if the last policy reload was applied (or none was tried), 0 if it was refused.");
        lastReloadOk.set(1);
        shadowDifferences = registry.counter("veil_policy_shadow_differences_total",
                "Requests on which the shadow (candidate) policy decided differently from the live one.");
        auditWriteFailures = registry.counter("veil_audit_write_failures_total",
                "Audit records that could not be written.");
        registry.gauge("veil_audit_queue_records",
                "Audit records accepted but not yet written to disk.", () -> auditQueue.get().getAsLong());
        registry.gauge("veil_audit_lag_seconds",
                "Age of the oldest audit record not yet written to disk; 0 when the queue is empty.",
                () -> auditLag.get().getAsDouble());
        openConnections = registry.gauge("veil_open_connections", "Client connections open now.");
        activeStreams = registry.gauge("veil_active_streams", "Streamed (SSE) responses being relayed now.");
    }

    /** The registry to expose on the admin port. */
    public MetricRegistry registry() {
        return registry;
    }

    /**
     * A request answered after a decision: forwarded to {@code upstream}, or blocked (pass
     * {@link #NONE} as the upstream).
     */
    public void requestFinished(Action action, String upstream, int status) {
        requireNonNull(action, "action");
        requests.labels(action.name().toLowerCase(Locale.ROOT), upstream(upstream), status(status)).inc();
    }

    /** A request answered before any decision: bad input, no valid key, too large, overloaded. */
    public void requestRejected(int status) {
        requests.labels(NONE, NONE, status(status)).inc();
    }

    /** {@code count} findings of {@code type} in one request. */
    public void findings(String type, long count) {
        requireNonNull(type, "type");
        findings.labels(findingTypes.contains(type) ? type : OTHER).inc(count);
    }

    public void detectorFailed(String detectorId) {
        detectorFailures.labels(identifier(detectorId)).inc();
    }

    public void ruleApplied(String ruleId) {
        ruleMatches.labels(identifier(ruleId)).inc();
    }

    /** The time one request spent in {@code stage}, measured with {@link System#nanoTime()}. */
    public void stage(Stage stage, long nanos) {
        stages.get(requireNonNull(stage, "stage")).observeNanos(nanos);
    }

    public void upstreamError(String upstream, UpstreamFailure kind) {
        requireNonNull(kind, "kind");
        upstreamErrors.labels(upstream(upstream), kind.name().toLowerCase(Locale.ROOT)).inc();
    }

    /** An upstream error of a kind {@link UpstreamFailure} does not name, e.g. {@code status_5xx}. */
    public void upstreamError(String upstream, String kind) {
        upstreamErrors.labels(upstream(upstream), identifier(kind)).inc();
    }

    @Override
    public void circuitChanged(String upstream, CircuitBreaker.State to) {
        requireNonNull(to, "to");
        String u = upstream(upstream);
        circuitState.labels(u).set(to.ordinal());
        circuitTransitions.labels(u, to.name().toLowerCase(Locale.ROOT)).inc();
    }

    @Override
    public void connectRetried(String upstream) {
        connectRetries.labels(upstream(upstream)).inc();
    }

    /** A request went to {@code to} because {@code from} could not be reached. */
    public void fallback(String from, String to) {
        fallbacks.labels(upstream(from), upstream(to)).inc();
    }

    public void scanCacheHit() {
        scanCacheHits.inc();
    }

    public void scanCacheMiss() {
        scanCacheMisses.inc();
    }

    /** The cache results of one request at once. */
    public void scanCache(long hits, long misses) {
        scanCacheHits.inc(hits);
        scanCacheMisses.inc(misses);
    }

    public void policyReload(boolean applied) {
        (applied ? reloadsApplied : reloadsRefused).inc();
        lastReloadOk.set(applied ? 1 : 0);
    }

    public void shadowDifference() {
        shadowDifferences.inc();
    }

    public void auditWriteFailure() {
        auditWriteFailures.inc();
    }

    /**
     * Where the audit gauges read from at each scrape. The suppliers run on the admin server's
     * thread and must be cheap and thread-safe.
     *
     * @param queuedRecords records accepted but not yet on disk
     * @param lagSeconds age of the oldest of them, 0 when none
     */
    public void bindAudit(LongSupplier queuedRecords, DoubleSupplier lagSeconds) {
        auditQueue.set(requireNonNull(queuedRecords, "queuedRecords"));
        auditLag.set(requireNonNull(lagSeconds, "lagSeconds"));
    }

    public void connectionOpened() {
        openConnections.inc();
    }

    public void connectionClosed() {
        openConnections.dec();
    }

    public void streamStarted() {
        activeStreams.inc();
    }

    public void streamEnded() {
        activeStreams.dec();
    }

    private String upstream(String name) {
        return name != null && (upstreams.contains(name) || NONE.equals(name)) ? name : OTHER;
    }

    private String status(int status) {
        return status >= 100 && status < statusLabels.length ? statusLabels[status] : OTHER;
    }

    private static String identifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches() ? value : OTHER;
    }
}
