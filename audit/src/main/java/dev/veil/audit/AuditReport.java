package dev.veil.audit;

import dev.veil.audit.AuditRecord.FindingCount;
import dev.veil.audit.AuditRecord.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts over decrypted records: by action, rule, finding type, upstream and day (UTC), and for
 * every finding type where requests holding it went, so an officer can answer "did any health data
 * reach an external model last quarter?". Feed it with {@link #accept}; not thread-safe.
 */
public final class AuditReport implements Consumer<AuditEntry> {

    private final Map<String, Long> byAction = new TreeMap<>();
    private final Map<String, Long> byRule = new TreeMap<>();
    private final Map<String, Long> byType = new TreeMap<>();
    private final Map<String, Long> byUpstream = new TreeMap<>();
    private final Map<LocalDate, Long> byDay = new TreeMap<>();
    private final Map<String, Long> byEvent = new TreeMap<>();
    private final Map<String, Reach> reach = new TreeMap<>();
    private long requests;
    private Instant first;
    private Instant last;

    /**
     * Where requests holding one finding type went.
     *
     * @param blocked blocked or rejected, forwarded nowhere
     * @param internal forwarded to an internal upstream
     * @param externalRedacted forwarded to an external upstream with every finding of the type redacted
     * @param externalUnredacted forwarded to an external upstream with findings of the type left in
     */
    public record Reach(long blocked, long internal, long externalRedacted, long externalUnredacted) {
        Reach plus(Reach o) {
            return new Reach(blocked + o.blocked, internal + o.internal, externalRedacted + o.externalRedacted,
                    externalUnredacted + o.externalUnredacted);
        }
    }

    @Override
    public void accept(AuditEntry entry) {
        AuditRecord r = entry.record();
        if (first == null || r.time().isBefore(first)) {
            first = r.time();
        }
        if (last == null || r.time().isAfter(last)) {
            last = r.time();
        }
        if (r.kind() == Kind.LIFECYCLE) {
            byEvent.merge(r.label(), 1L, Long::sum);
            return;
        }
        requests++;
        byAction.merge(r.verdict().action(), 1L, Long::sum);
        r.verdict().rules().forEach(rule -> byRule.merge(rule, 1L, Long::sum));
        String upstream = r.routing().upstream().isEmpty() ? "(none)"
                : r.routing().upstream() + " (" + r.routing().trust() + ")";
        byUpstream.merge(upstream, 1L, Long::sum);
        byDay.merge(LocalDate.ofInstant(r.time(), ZoneOffset.UTC), 1L, Long::sum);
        for (FindingCount f : r.findings().types()) {
            byType.merge(f.type(), 1L, Long::sum);
            reach.merge(f.type(), reachOf(r, f), Reach::plus);
        }
    }

    private static Reach reachOf(AuditRecord r, FindingCount f) {
        if (r.routing().upstream().isEmpty()) {
            return new Reach(1, 0, 0, 0);
        }
        if (!"external".equalsIgnoreCase(r.routing().trust())) {
            return new Reach(0, 1, 0, 0);
        }
        return f.redacted() >= f.count() ? new Reach(0, 0, 1, 0) : new Reach(0, 0, 0, 1);
    }

    public long requests() {
        return requests;
    }

    /** Where requests holding each finding type went. */
    public Map<String, Reach> reach() {
        return Map.copyOf(reach);
    }

    /** Requests that sent findings of a type matching {@code typePattern} unredacted to an external upstream. */
    public long reachedExternal(String typePattern) {
        return reach.entrySet().stream().filter(e -> AuditQuery.typeMatches(typePattern, e.getKey()))
                .mapToLong(e -> e.getValue().externalUnredacted()).sum();
    }

    /** The plain-text report {@code veil audit report} prints. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("Requests: ").append(requests);
        if (first != null) {
            b.append(" (records from ").append(first).append(" to ").append(last).append(')');
        }
        b.append("\n");
        section(b, "By action", byAction);
        section(b, "By rule", byRule);
        section(b, "By finding type (requests)", byType);
        section(b, "By upstream", byUpstream);
        section(b, "By day (UTC)", byDay);
        section(b, "Lifecycle events", byEvent);
        b.append("\nWhere requests holding each finding type went\n");
        b.append(String.format("  %-32s %9s %9s %18s %20s%n", "type", "blocked", "internal", "external-redacted",
                "EXTERNAL-UNREDACTED"));
        reach.forEach((type, r) -> b.append(String.format("  %-32s %9d %9d %18d %20d%n", type, r.blocked(),
                r.internal(), r.externalRedacted(), r.externalUnredacted())));
        if (reach.isEmpty()) {
            b.append("  (no findings)\n");
        }
        b.append("\nSent unredacted to an external upstream:");
        boolean any = false;
        for (Map.Entry<String, Reach> e : reach.entrySet()) {
            if (e.getValue().externalUnredacted() > 0) {
                b.append(any ? ", " : " ").append(e.getKey()).append(" (").append(e.getValue().externalUnredacted())
                        .append(')');
                any = true;
            }
        }
        b.append(any ? "\n" : " nothing\n");
        return b.toString();
    }

    private static <K> void section(StringBuilder b, String title, Map<K, Long> counts) {
        b.append('\n').append(title).append('\n');
        if (counts.isEmpty()) {
            b.append("  (none)\n");
        }
        counts.forEach((k, v) -> b.append(String.format("  %-40s %d%n", k, v)));
    }
}
