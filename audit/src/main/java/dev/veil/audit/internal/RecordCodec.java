package dev.veil.audit.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.audit.AuditRecord;
import dev.veil.audit.AuditRecord.Event;
import dev.veil.audit.AuditRecord.FindingCount;
import dev.veil.audit.AuditRecord.Findings;
import dev.veil.audit.AuditRecord.Kind;
import dev.veil.audit.AuditRecord.Lifecycle;
import dev.veil.audit.AuditRecord.Outcome;
import dev.veil.audit.AuditRecord.Routing;
import dev.veil.audit.AuditRecord.Verdict;
import dev.veil.audit.ValueFingerprint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of an {@link AuditRecord}: the plaintext that is encrypted into a record line, and
 * what {@code veil audit show} and {@code export} print. Field names are part of the file format.
 * Thread-safe.
 */
public final class RecordCodec {

    public static final ObjectMapper JSON = new ObjectMapper();

    private RecordCodec() {
    }

    /** The record as a JSON tree (for export); same fields as {@link #toBytes}. */
    public static ObjectNode toJson(AuditRecord r) {
        try {
            return (ObjectNode) JSON.readTree(toBytes(r));
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-read an audit record", e);
        }
    }

    /** The record's JSON, written with a streaming generator because this runs for every record. */
    public static byte[] toBytes(AuditRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            write(g, r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize an audit record", e);
        }
        return out.toByteArray();
    }

    /**
     * Serializes records one after another with one generator and buffer, for the writer thread,
     * where creating a generator per record was a fifth of the cost. Not thread-safe.
     */
    public static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        private final JsonGenerator g;

        public Encoder() {
            try {
                g = JSON.getFactory().createGenerator(out);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a JSON generator", e);
            }
            g.setRootValueSeparator(null);
        }

        /** The JSON of {@code r}; {@code time} is {@code r.time().toString()}, already computed. */
        public byte[] encode(AuditRecord r, String time) {
            out.reset();
            try {
                write(g, r, time);
                g.flush();
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialize an audit record", e);
            }
            return out.toByteArray();
        }
    }

    private static void write(JsonGenerator g, AuditRecord r) throws IOException {
        write(g, r, r.time().toString());
    }

    private static void write(JsonGenerator g, AuditRecord r, String time) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", r.kind().label());
        g.writeStringField("time", time);
        if (r.kind() == Kind.LIFECYCLE) {
            g.writeStringField("event", r.lifecycle().event().label());
            g.writeStringField("detail", r.lifecycle().detail());
            g.writeEndObject();
            return;
        }
        g.writeStringField("requestId", r.requestId());
        g.writeStringField("tenant", r.tenant());
        g.writeStringField("endpoint", r.endpoint());
        g.writeStringField("requestedModel", r.routing().requestedModel());
        g.writeStringField("forwardedModel", r.routing().forwardedModel());
        g.writeStringField("upstream", r.routing().upstream());
        g.writeStringField("trust", r.routing().trust());
        g.writeStringField("action", r.verdict().action());
        strings(g, "rules", r.verdict().rules());
        g.writeStringField("policyVersion", r.verdict().policyVersion());
        g.writeStringField("fallback", r.verdict().fallback());
        g.writeStringField("shadowDifference", r.verdict().shadowDifference());
        g.writeArrayFieldStart("findings");
        for (FindingCount f : r.findings().types()) {
            g.writeStartObject();
            g.writeStringField("type", f.type());
            g.writeNumberField("count", f.count());
            g.writeNumberField("maxScore", f.maxScore());
            g.writeNumberField("redacted", f.redacted());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("valueFingerprints");
        for (ValueFingerprint v : r.findings().values()) {
            g.writeString(v.toString());
        }
        g.writeEndArray();
        g.writeNumberField("redactions", r.findings().redactions());
        strings(g, "degradedDetectors", r.findings().degradedDetectors());
        g.writeNumberField("status", r.outcome().status());
        g.writeNumberField("latencyMillis", r.outcome().latencyMillis());
        g.writeNumberField("requestBytes", r.outcome().requestBytes());
        g.writeNumberField("responseBytes", r.outcome().responseBytes());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    public static AuditRecord fromBytes(byte[] json) throws IOException {
        return fromJson(JSON.readTree(json));
    }

    public static AuditRecord fromJson(JsonNode o) {
        Instant time = Instant.parse(o.path("time").asText());
        if (Kind.LIFECYCLE.label().equals(o.path("kind").asText())) {
            return AuditRecord.lifecycle(Event.fromLabel(o.path("event").asText()), time,
                    o.path("detail").asText());
        }
        List<FindingCount> types = new ArrayList<>();
        for (JsonNode f : o.path("findings")) {
            types.add(new FindingCount(f.path("type").asText(), f.path("count").asInt(),
                    f.path("maxScore").asDouble(), f.path("redacted").asInt()));
        }
        List<ValueFingerprint> values = new ArrayList<>();
        for (JsonNode v : o.path("valueFingerprints")) {
            values.add(ValueFingerprint.parse(v.asText()));
        }
        return new AuditRecord(Kind.REQUEST, o.path("requestId").asText(), time, o.path("tenant").asText(),
                o.path("endpoint").asText(),
                new Routing(o.path("requestedModel").asText(), o.path("forwardedModel").asText(),
                        o.path("upstream").asText(), o.path("trust").asText()),
                new Verdict(o.path("action").asText(), strings(o.path("rules")), o.path("policyVersion").asText(),
                        o.path("fallback").asText(), o.path("shadowDifference").asText()),
                new Findings(types, values, o.path("redactions").asInt(), strings(o.path("degradedDetectors"))),
                new Outcome(o.path("status").asInt(), o.path("latencyMillis").asLong(),
                        o.path("requestBytes").asLong(), o.path("responseBytes").asLong()),
                Lifecycle.NONE);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
