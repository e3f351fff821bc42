package dev.veil.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.audit.AuditRecord.FindingCount;
import dev.veil.audit.internal.RecordCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Writes decrypted records as JSON lines or CSV (RFC 4180). Not thread-safe. */
public final class AuditExport implements Consumer<AuditEntry> {

    /** Output formats. */
    public enum Format { JSONL, CSV }

    private static final List<String> COLUMNS = List.of("segment", "seq", "kind", "time", "requestId", "tenant",
            "endpoint", "requestedModel", "forwardedModel", "upstream", "trust", "action", "rules", "policyVersion",
            "fallback", "shadowDifference", "findings", "valueFingerprints", "redactions", "degradedDetectors",
            "status", "latencyMillis", "requestBytes", "responseBytes", "event", "detail");

    private final Writer out;
    private final Format format;
    private long count;

    public AuditExport(Writer out, Format format) {
        this.out = java.util.Objects.requireNonNull(out, "out");
        this.format = java.util.Objects.requireNonNull(format, "format");
        if (format == Format.CSV) {
            write(String.join(",", COLUMNS) + "\r\n");
        }
    }

    public long count() {
        return count;
    }

    @Override
    public void accept(AuditEntry e) {
        count++;
        if (format == Format.JSONL) {
            write(json(e).toString() + "\n");
            return;
        }
        AuditRecord r = e.record();
        boolean lifecycle = r.kind() == AuditRecord.Kind.LIFECYCLE;
        List<String> cells = List.of(e.segment(), Long.toString(e.seq()), r.kind().label(), r.time().toString(),
                r.requestId(), r.tenant(), r.endpoint(), r.routing().requestedModel(), r.routing().forwardedModel(),
                r.routing().upstream(), r.routing().trust(), r.verdict().action(), String.join(";", r.verdict().rules()),
                r.verdict().policyVersion(), r.verdict().fallback(), r.verdict().shadowDifference(),
                r.findings().types().stream().map(AuditExport::finding).collect(Collectors.joining(";")),
                r.findings().values().stream().map(ValueFingerprint::toString).collect(Collectors.joining(";")),
                lifecycle ? "" : Integer.toString(r.findings().redactions()),
                String.join(";", r.findings().degradedDetectors()),
                lifecycle ? "" : Integer.toString(r.outcome().status()),
                lifecycle ? "" : Long.toString(r.outcome().latencyMillis()),
                lifecycle ? "" : Long.toString(r.outcome().requestBytes()),
                lifecycle ? "" : Long.toString(r.outcome().responseBytes()),
                lifecycle ? r.lifecycle().event().label() : "", r.lifecycle().detail());
        write(cells.stream().map(AuditExport::cell).collect(Collectors.joining(",")) + "\r\n");
    }

    /** The JSON form of an entry: the record's fields plus segment and seq. */
    public static ObjectNode json(AuditEntry e) {
        ObjectNode o = RecordCodec.JSON.createObjectNode();
        o.put("segment", e.segment());
        o.put("seq", e.seq());
        o.setAll(RecordCodec.toJson(e.record()));
        return o;
    }

    private static String finding(FindingCount f) {
        return f.type() + ":" + f.count() + ":" + String.format(Locale.ROOT, "%.2f", f.maxScore()) + ":" + f.redacted();
    }

    static String cell(String v) {
        // A leading = + - @ would make a spreadsheet run the cell as a formula.
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
