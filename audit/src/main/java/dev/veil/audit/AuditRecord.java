package dev.veil.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of the audit trail: what Veil decided about one request, or a lifecycle event of the
 * proxy. Holds types, counts, scores and keyed fingerprints, never request text or a found value.
 *
 * <p>Build request records with {@link #request(String, Instant)} and lifecycle records with
 * {@link #lifecycle(Event, Instant, String)}. Instances are immutable.
 *
 * @param kind request or lifecycle
 * @param requestId Veil's id for the request ({@code x-request-id}), or empty for lifecycle events
 * @param time when the request arrived or the event happened
 * @param tenant keyed fingerprint of the tenant or client key id (see {@link ValueFingerprinter}),
 *     or empty
 * @param endpoint the API path, or empty
 * @param routing models and upstream
 * @param verdict the policy's decision and why
 * @param findings what the detectors found (types, counts, fingerprints)
 * @param outcome status, latency and sizes
 * @param lifecycle the event, for lifecycle records; {@link Lifecycle#NONE} for requests
 */
public record AuditRecord(
        Kind kind,
        String requestId,
        Instant time,
        String tenant,
        String endpoint,
        Routing routing,
        Verdict verdict,
        Findings findings,
        Outcome outcome,
        Lifecycle lifecycle) {

    public AuditRecord {
        requireNonNull(kind, "kind");
        requireNonNull(requestId, "requestId");
        requireNonNull(time, "time");
        requireNonNull(tenant, "tenant");
        requireNonNull(endpoint, "endpoint");
        requireNonNull(routing, "routing");
        requireNonNull(verdict, "verdict");
        requireNonNull(findings, "findings");
        requireNonNull(outcome, "outcome");
        requireNonNull(lifecycle, "lifecycle");
        if (kind == Kind.LIFECYCLE && lifecycle.event() == null) {
            throw new IllegalArgumentException("a lifecycle record needs an event");
        }
    }

    /**
     * The first shape of the record (issue 2), kept so callers written against it still compile.
     * Finding scores are unknown there and recorded as 0.
     */
    public AuditRecord(
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
        this(Kind.REQUEST, requestId, time, "", endpoint,
                new Routing(model, "", upstream, ""),
                new Verdict(action, rules, "", "", ""),
                new Findings(counts(findings), List.of(), 0, List.of()),
                new Outcome(status, latencyMillis, 0, 0),
                Lifecycle.NONE);
    }

    private static List<FindingCount> counts(Map<String, Integer> findings) {
        List<FindingCount> out = new ArrayList<>();
        new TreeMap<>(findings).forEach((type, count) -> out.add(new FindingCount(type, count, 0, 0)));
        return out;
    }

    /** Starts a request record. */
    public static Builder request(String requestId, Instant time) {
        return new Builder(requestId, time);
    }

    /**
     * A lifecycle record.
     *
     * @param detail a short description for the officer (a policy version, an error class); never a
     *     request value or a key
     */
    public static AuditRecord lifecycle(Event event, Instant time, String detail) {
        return new AuditRecord(Kind.LIFECYCLE, "", time, "", "", Routing.NONE, Verdict.NONE,
                Findings.NONE, Outcome.NONE, new Lifecycle(event, detail));
    }

    /** The value an officer filters on without decrypting: the action, or the lifecycle event. */
    public String label() {
        return kind == Kind.REQUEST ? verdict.action() : lifecycle.event().label();
    }

    /** What a record is about. */
    public enum Kind {
        REQUEST, LIFECYCLE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Lifecycle events of the proxy and of the trail itself. */
    public enum Event {
        START, STOP, POLICY_RELOAD_APPLIED, POLICY_RELOAD_REFUSED, KEY_ROTATION, AUDIT_ERROR;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static Event fromLabel(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * Where the request went.
     *
     * @param requestedModel the model the client asked for, or empty
     * @param forwardedModel the model name sent upstream (after model mapping), or empty
     * @param upstream the configured upstream name, or empty when nothing was forwarded
     * @param trust {@code external}, {@code internal}, or empty when nothing was forwarded
     */
    public record Routing(String requestedModel, String forwardedModel, String upstream, String trust) {
        public static final Routing NONE = new Routing("", "", "", "");

        public Routing {
            requireNonNull(requestedModel, "requestedModel");
            requireNonNull(forwardedModel, "forwardedModel");
            requireNonNull(upstream, "upstream");
            requireNonNull(trust, "trust");
        }
    }

    /**
     * The policy's decision.
     *
     * @param action {@code allow}, {@code redact}, {@code route}, {@code block}, or {@code reject}
     *     for a request refused before the policy ran
     * @param rules ids of every rule that applied, the deciding rule first
     * @param policyVersion the version of the policy that decided
     * @param fallback the fallback taken (for example a failure mode that blocked), or empty
     * @param shadowDifference how a shadow policy would have decided differently, or empty
     */
    public record Verdict(
            String action, List<String> rules, String policyVersion, String fallback, String shadowDifference) {
        public static final Verdict NONE = new Verdict("", List.of(), "", "", "");

        public Verdict {
            requireNonNull(action, "action");
            rules = List.copyOf(rules);
            requireNonNull(policyVersion, "policyVersion");
            requireNonNull(fallback, "fallback");
            requireNonNull(shadowDifference, "shadowDifference");
        }
    }

    /**
     * What the detectors found.
     *
     * @param types per finding type: count, highest score, how many were redacted
     * @param values keyed fingerprints of the found values
     * @param redactions how many values were replaced before forwarding
     * @param degradedDetectors ids of detectors that failed or timed out on this request
     */
    public record Findings(
            List<FindingCount> types, List<ValueFingerprint> values, int redactions, List<String> degradedDetectors) {
        public static final Findings NONE = new Findings(List.of(), List.of(), 0, List.of());

        public Findings {
            types = List.copyOf(types);
            values = List.copyOf(values);
            if (redactions < 0) {
                throw new IllegalArgumentException("redactions must not be negative");
            }
            degradedDetectors = List.copyOf(degradedDetectors);
        }
    }

    /**
     * Findings of one type in one request.
     *
     * @param type a finding type such as {@code pii.email}
     * @param count how many
     * @param maxScore the highest detector score among them
     * @param redacted how many of them were redacted before forwarding
     */
    public record FindingCount(String type, int count, double maxScore, int redacted) {
        public FindingCount {
            requireNonNull(type, "type");
            if (count < 0 || redacted < 0 || redacted > count) {
                throw new IllegalArgumentException("need 0 <= redacted <= count, got " + redacted + "/" + count);
            }
        }

        /** Findings of which none were redacted. */
        public static FindingCount of(String type, int count, double maxScore) {
            return new FindingCount(type, count, maxScore, 0);
        }
    }

    /**
     * How the request ended.
     *
     * @param status HTTP status returned to the client
     * @param latencyMillis from arrival to the end of the response
     * @param requestBytes body bytes received from the client
     * @param responseBytes body bytes sent to the client
     */
    public record Outcome(int status, long latencyMillis, long requestBytes, long responseBytes) {
        public static final Outcome NONE = new Outcome(0, 0, 0, 0);
    }

    /**
     * A lifecycle event.
     *
     * @param event what happened, or null for request records
     * @param detail a short description, never a sensitive value
     */
    public record Lifecycle(Event event, String detail) {
        public static final Lifecycle NONE = new Lifecycle(null, "");

        public Lifecycle {
            requireNonNull(detail, "detail");
        }
    }

    /** Builds a request record; unset parts are empty. Not thread-safe. */
    public static final class Builder {
        private final String requestId;
        private final Instant time;
        private String tenant = "";
        private String endpoint = "";
        private Routing routing = Routing.NONE;
        private Verdict verdict = Verdict.NONE;
        private Findings findings = Findings.NONE;
        private Outcome outcome = Outcome.NONE;

        private Builder(String requestId, Instant time) {
            this.requestId = requireNonNull(requestId, "requestId");
            this.time = requireNonNull(time, "time");
        }

        /** The tenant's keyed fingerprint, from {@link ValueFingerprinter#fingerprint}. */
        public Builder tenant(ValueFingerprint tenant) {
            this.tenant = tenant.toString();
            return this;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = requireNonNull(endpoint, "endpoint");
            return this;
        }

        public Builder routing(String requestedModel, String forwardedModel, String upstream, String trust) {
            this.routing = new Routing(requestedModel, forwardedModel, upstream, trust);
            return this;
        }

        public Builder verdict(Verdict verdict) {
            this.verdict = requireNonNull(verdict, "verdict");
            return this;
        }

        public Builder verdict(String action, List<String> rules, String policyVersion) {
            this.verdict = new Verdict(action, rules, policyVersion, "", "");
            return this;
        }

        public Builder findings(Findings findings) {
            this.findings = requireNonNull(findings, "findings");
            return this;
        }

        public Builder outcome(int status, long latencyMillis, long requestBytes, long responseBytes) {
            this.outcome = new Outcome(status, latencyMillis, requestBytes, responseBytes);
            return this;
        }

        public AuditRecord build() {
            return new AuditRecord(Kind.REQUEST, requestId, time, tenant, endpoint, routing, verdict, findings,
                    outcome, Lifecycle.NONE);
        }
    }
}
