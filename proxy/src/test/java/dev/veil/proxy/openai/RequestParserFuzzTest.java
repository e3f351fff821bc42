package dev.veil.proxy.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.detectors.Finding;
import dev.veil.policy.RequestFacts;
import dev.veil.proxy.fuzz.Fuzz;
import dev.veil.proxy.fuzz.RequestBodies;
import dev.veil.proxy.inspect.Inspection;
import dev.veil.proxy.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes request parsing and text extraction with random, mostly damaged, bodies (see
 * {@link RequestBodies}). For every body: either a parsed request, or the documented 400 error in
 * OpenAI's shape, never another exception; for a parsed request, every string the body holds
 * reaches the scanner (or the request is flagged unscannable), each text has a field path of its
 * own, and redacting every text leaves no original string in what would go upstream.
 *
 * <p>Runs with {@link Fuzz}: {@code -Dveil.fuzz.iterations}, {@code -Dveil.fuzz.seconds},
 * {@code -Dveil.fuzz.seed} make it longer or replay a failure.
 */
class RequestParserFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The markers {@link dev.veil.proxy.fuzz.RandomText#marker} writes into string values. */
    private static final Pattern MARKER = Pattern.compile("m[0-9a-z]{6,}-[0-9]{1,3}");
    private static final String MASK = "[FUZZ_ALL]";

    @Test
    void everyBody_isParsedOrRefusedWith400_andEveryTextIsScanned() {
        Fuzz.Summary s = Fuzz.run(RequestParserFuzzTest.class, 1000, RequestParserFuzzTest::oneCase);
        assertTrue(s.cases() > 0);
    }

    static void oneCase(Random r) throws Exception {
        String path = RequestBodies.PATHS.get(r.nextInt(RequestBodies.PATHS.size()));
        Endpoint endpoint = Endpoint.forPath(path).orElseThrow();
        byte[] body = RequestBodies.next(r, path);
        ApiRequest request;
        try {
            request = ApiRequest.parse(endpoint, body);
        } catch (ApiException e) {
            assertDocumented400(e.error(), body);
            return;
        }
        byte[] forwarded = request.toBytes();
        TextFields fields = TextFields.of(request.body());

        Set<String> paths = new HashSet<>();
        for (TextSegment seg : fields.segments()) {
            assertTrue(paths.add(seg.path()), "two texts share the field path " + seg.path());
        }
        Set<String> scanned = new HashSet<>();
        fields.segments().forEach(seg -> scanned.add(seg.text()));
        List<String> values = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        strings(JSON.readTree(forwarded), values, keys);
        for (String v : values) {
            assertTrue(scanned.contains(v) || fields.unscannable(), "a string value was not scanned (length "
                    + v.length() + ")");
        }
        for (String k : keys) {
            assertTrue(!userKey(k) || scanned.contains(k) || fields.unscannable(), "an object key was not scanned: " + k);
        }

        // Redact every text as Veil redacts findings: findings by field path, then Redactor.
        Map<String, List<Finding>> byField = new LinkedHashMap<>();
        for (TextSegment seg : fields.segments()) {
            byField.computeIfAbsent(seg.path(), p -> new ArrayList<>())
                    .add(new Finding("fuzz.all", 0, seg.text().length(), 1.0, "fuzz"));
        }
        Redactor.mask(new Inspection(request, fields.segments(), byField, RequestFacts.builder().build()), t -> true);
        List<String> left = new ArrayList<>();
        List<String> leftKeys = new ArrayList<>();
        strings(JSON.readTree(request.toBytes()), left, leftKeys);
        for (String v : left) {
            assertTrue(v.equals(MASK) || fields.unscannable(), "a value survived redaction (length " + v.length() + ")");
        }
        for (String k : leftKeys) {
            assertTrue(!userKey(k) || k.equals(MASK) || fields.unscannable(), "a key survived redaction: " + k);
        }
    }

    /** A key a client chose (not one of the protocol's all-letter field names), long enough to scan. */
    private static boolean userKey(String k) {
        return k.length() >= 3 && !k.matches("[A-Za-z_]+");
    }

    private static void strings(JsonNode n, List<String> values, List<String> keys) {
        if (n.isTextual()) {
            if (!n.textValue().isEmpty()) {
                values.add(n.textValue());
            }
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                keys.add(e.getKey());
                strings(e.getValue(), values, keys);
            });
        } else if (n.isArray()) {
            n.elements().forEachRemaining(c -> strings(c, values, keys));
        }
    }

    private static void assertDocumented400(ApiError error, byte[] body) throws Exception {
        assertEquals(400, error.kind().status().code(), error.toString());
        assertTrue(error.kind() == ErrorKind.INVALID_JSON || error.kind() == ErrorKind.INVALID_REQUEST, error.toString());
        JsonNode json = JSON.readTree(error.toJson()).path("error");
        assertEquals("invalid_request_error", json.path("type").asText());
        assertTrue(json.has("param") && json.has("code") && !json.path("message").asText().isBlank(), json.toString());
        Matcher m = MARKER.matcher(new String(body, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            assertFalse(error.message().contains(m.group()), "the error quotes the body: " + error.message());
        }
    }
}
