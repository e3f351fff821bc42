package dev.veil.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

    public static ObjectNode toJson(AuditRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", r.kind().label());
        o.put("time", r.time().toString());
        if (r.kind() == Kind.LIFECYCLE) {
            o.put("event", r.lifecycle().event().label());
            o.put("detail", r.lifecycle().detail());
            return o;
        }
        o.put("requestId", r.requestId());
        o.put("tenant", r.tenant());
        o.put("endpoint", r.endpoint());
        o.put("requestedModel", r.routing().requestedModel());
        o.put("forwardedModel", r.routing().forwardedModel());
        o.put("upstream", r.routing().upstream());
        o.put("trust", r.routing().trust());
        o.put("action", r.verdict().action());
        strings(o.putArray("rules"), r.verdict().rules());
        o.put("policyVersion", r.verdict().policyVersion());
        o.put("fallback", r.verdict().fallback());
        o.put("shadowDifference", r.verdict().shadowDifference());
        ArrayNode types = o.putArray("findings");
        for (FindingCount f : r.findings().types()) {
            types.addObject().put("type", f.type()).put("count", f.count()).put("maxScore", f.maxScore())
                    .put("redacted", f.redacted());
        }
        ArrayNode values = o.putArray("valueFingerprints");
        r.findings().values().forEach(v -> values.add(v.toString()));
        o.put("redactions", r.findings().redactions());
        strings(o.putArray("degradedDetectors"), r.findings().degradedDetectors());
        o.put("status", r.outcome().status());
        o.put("latencyMillis", r.outcome().latencyMillis());
        o.put("requestBytes", r.outcome().requestBytes());
        o.put("responseBytes", r.outcome().responseBytes());
        return o;
    }

    public static byte[] toBytes(AuditRecord r) {
        try {
            return JSON.writeValueAsBytes(toJson(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an audit record", e);
        }
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

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
