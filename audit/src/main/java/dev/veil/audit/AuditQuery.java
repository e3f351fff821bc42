package dev.veil.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Which records an officer wants. Every present filter must match. Time, action and value filters
 * are applied to clear fields before decryption; the others after.
 *
 * @param from records at or after this time
 * @param to records before this time
 * @param action the action ({@code allow}, {@code route}...) or lifecycle event ({@code start}...)
 * @param rule a rule id among the applied rules
 * @param type a finding type, or a prefix glob such as {@code secret.*}
 * @param upstream an upstream name, or a trust ({@code external}, {@code internal})
 * @param tenant the tenant or key id in clear; matched through its fingerprint
 * @param value a value the officer knows; matched through its fingerprint
 */
public record AuditQuery(
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> action,
        Optional<String> rule,
        Optional<String> type,
        Optional<String> upstream,
        Optional<String> tenant,
        Optional<String> value) {

    public static final AuditQuery ALL = new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public AuditQuery {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(action, "action");
        requireNonNull(rule, "rule");
        requireNonNull(type, "type");
        requireNonNull(upstream, "upstream");
        requireNonNull(tenant, "tenant");
        requireNonNull(value, "value");
    }

    boolean matchesClear(Instant time, String label) {
        return from.map(f -> !time.isBefore(f)).orElse(true)
                && to.map(t -> time.isBefore(t)).orElse(true)
                && action.map(a -> a.equalsIgnoreCase(label)).orElse(true);
    }

    boolean matchesDecrypted(AuditRecord r) {
        return rule.map(x -> r.verdict().rules().contains(x)).orElse(true)
                && type.map(x -> r.findings().types().stream().anyMatch(f -> typeMatches(x, f.type()))).orElse(true)
                && upstream.map(x -> x.equals(r.routing().upstream()) || x.equalsIgnoreCase(r.routing().trust()))
                        .orElse(true);
    }

    static boolean typeMatches(String pattern, String type) {
        if (pattern.endsWith("*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }
}
