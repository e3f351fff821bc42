package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.veil.proxy.demo.StubUpstream.Received;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariant 2 seen from outside: an SSN hidden in any text field of any endpoint keeps the request
 * internal, and content Veil cannot read does too. The external upstream receives none of them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EveryFieldEndToEndTest {

    static final String SSN = "123-45-6789";
    static final String HI = "{\"role\":\"user\",\"content\":\"hi\"}";

    @RegisterExtension
    final VeilExtension veil = VeilExtension.builder().recordingAudit().build();

    static Stream<Arguments> hidingPlaces() {
        return Stream.of(
                Arguments.of("system prompt", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Customer SSN "
                                + SSN + "\"}," + HI + "]}"),
                Arguments.of("an earlier turn of the history", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"SSN " + SSN
                                + "\"},{\"role\":\"assistant\",\"content\":\"Noted.\"}," + HI + "]}"),
                Arguments.of("a text content part", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                                + "\"text\":\"SSN " + SSN + "\"}]}]}"),
                Arguments.of("tool-call arguments", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[" + HI + ",{\"role\":\"assistant\",\"content\":null,"
                                + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
                                + "\"lookup\",\"arguments\":\"{\\\"ssn\\\":\\\"" + SSN + "\\\"}\"}}]}]}"),
                Arguments.of("a tool result", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[" + HI + ",{\"role\":\"tool\",\"tool_call_id\":"
                                + "\"call_1\",\"content\":\"ssn=" + SSN + "\"}]}"),
                Arguments.of("a tool definition", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[" + HI + "],\"tools\":[{\"type\":\"function\","
                                + "\"function\":{\"name\":\"lookup\",\"description\":\"Default person: SSN " + SSN
                                + "\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]}"),
                Arguments.of("the user field", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"user\":\"" + SSN + "\",\"messages\":[" + HI + "]}"),
                Arguments.of("a metadata value", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"metadata\":{\"customer\":\"" + SSN + "\"},\"messages\":[" + HI
                                + "]}"),
                Arguments.of("a metadata key", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"metadata\":{\"" + SSN + "\":\"x\"},\"messages\":[" + HI + "]}"),
                Arguments.of("a field Veil does not know", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[" + HI + "],\"x_future\":{\"note\":\"SSN " + SSN
                                + "\"}}"),
                Arguments.of("the completions prompt", "/v1/completions",
                        "{\"model\":\"gpt-4o-mini\",\"prompt\":\"SSN " + SSN + "\"}"),
                Arguments.of("a prompt list item", "/v1/completions",
                        "{\"model\":\"gpt-4o-mini\",\"prompt\":[\"hello\",\"SSN " + SSN + "\"]}"),
                Arguments.of("embeddings input", "/v1/embeddings",
                        "{\"model\":\"gpt-4o-mini\",\"input\":[\"SSN " + SSN + "\"]}"),
                Arguments.of("responses input", "/v1/responses",
                        "{\"model\":\"gpt-4o-mini\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":"
                                + "\"input_text\",\"text\":\"SSN " + SSN + "\"}]}]}"),
                Arguments.of("responses instructions", "/v1/responses",
                        "{\"model\":\"gpt-4o-mini\",\"instructions\":\"Customer SSN " + SSN + "\",\"input\":\"hi\"}"),
                Arguments.of("an image part (cannot be scanned)", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                                + "\"image_url\":{\"url\":\"https://example.com/id-card.png\"}}]}]}"),
                Arguments.of("a token-id prompt (cannot be scanned)", "/v1/completions",
                        "{\"model\":\"gpt-4o-mini\",\"prompt\":[16, 4061, 15, 1315, 12, 3388]}"),
                Arguments.of("an SSN split by a zero-width space", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"SSN 123-45\\u200b-6789\"}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hidingPlaces")
    void sensitiveContentAnywhere_staysInternal(String where, String path, String body) throws Exception {
        HttpResponse<String> r = veil.send(path, body);

        assertEquals(200, r.statusCode(), where + ": " + r.body());
        assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""), where);
        Received got = veil.local().takeRequest(WAIT);
        assertNotNull(got, where);
        assertEquals(path, got.path(), where);
        assertNull(veil.openai().takeRequest(QUIET), where + ": reached the external upstream");
    }
}
