package dev.veil.proxy.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.veil.detectors.Finding;
import dev.veil.policy.RequestFacts;
import dev.veil.proxy.inspect.Inspection;
import dev.veil.proxy.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Field paths identify one text each, however a client spells its keys: findings are looked up by
 * path, so two texts on one path would get each other's findings. Found by
 * {@link RequestParserFuzzTest}.
 */
class FieldPathTest {

    @Test
    void keysThatLookLikePaths_getAPathEach() throws Exception {
        String body = "{\"model\":\"m\",\"input\":\"hi\",\"metadata\":{\"a.b\":\"one\",\"a\":{\"b\":\"two\"},"
                + "\"abc{key}\":\"three\",\"abc\":\"four\",\"x[0]\":\"five\",\"x\":[\"six\"],\"\":\"seven\"}}";
        TextFields f = TextFields.of(ApiRequest.parse(Endpoint.RESPONSES, body.getBytes(StandardCharsets.UTF_8)).body());

        List<String> paths = f.paths();
        assertEquals(paths.size(), new HashSet<>(paths).size(), "paths shared: " + paths);
    }

    @Test
    void valueUnderAKeyEndingLikeAKeyPath_isRedacted() throws Exception {
        // The value's path used to end in "{key}", so it was redacted after its own key had been
        // renamed, and the original value stayed in the body under the new key.
        String body = "{\"model\":\"m\",\"input\":\"hi\",\"metadata\":{\"note{key}\":\"jane.doe@example.com\"}}";
        ApiRequest request = ApiRequest.parse(Endpoint.RESPONSES, body.getBytes(StandardCharsets.UTF_8));
        TextFields f = TextFields.of(request.body());
        Map<String, List<Finding>> byField = new LinkedHashMap<>();
        for (TextSegment s : f.segments()) {
            byField.computeIfAbsent(s.path(), p -> new ArrayList<>())
                    .add(new Finding("pii.email", 0, s.text().length(), 1.0, "test"));
        }

        Redactor.mask(new Inspection(request, f.segments(), byField, RequestFacts.builder().build()), t -> true);

        String forwarded = new String(request.toBytes(), StandardCharsets.UTF_8);
        assertFalse(forwarded.contains("jane.doe@example.com"), forwarded);
        assertFalse(forwarded.contains("note{key}"), forwarded);
    }
}
