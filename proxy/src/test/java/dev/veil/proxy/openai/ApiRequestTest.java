package dev.veil.proxy.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static ApiRequest parse(Endpoint e, String body) throws ApiException {
        return ApiRequest.parse(e, body.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiError refused(Endpoint e, String body) {
        return assertThrows(ApiException.class, () -> parse(e, body)).error();
    }

    private static ApiError refused(Endpoint e, byte[] body) {
        return assertThrows(ApiException.class, () -> ApiRequest.parse(e, body)).error();
    }

    @Test
    void parse_chatRequest_readsModelAndStream() throws Exception {
        ApiRequest r = parse(Endpoint.CHAT_COMPLETIONS,
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals(Endpoint.CHAT_COMPLETIONS, r.endpoint());
        assertEquals("gpt-4o-mini", r.model());
        assertTrue(r.stream());
        assertEquals("hi", r.body().at("/messages/0/content").asText());
    }

    @Test
    void parse_streamAbsentOrNull_isNotStreaming() throws Exception {
        assertFalse(parse(Endpoint.CHAT_COMPLETIONS, CHAT).stream());
        assertFalse(parse(Endpoint.CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"stream\":null,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").stream());
    }

    @Test
    void toBytes_isTheParsedBodyAgain_withFieldsVeilDoesNotKnowKept() throws Exception {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi \\u00e9\"}],"
                + "\"response_format\":{\"type\":\"json_object\"},\"seed\":7,\"logit_bias\":{\"50256\":-100}}";
        ApiRequest r = parse(Endpoint.CHAT_COMPLETIONS, body);

        assertEquals(JSON.readTree(body), JSON.readTree(r.toBytes()));
    }

    @Test
    void mapModel_changesWhatIsSent_butNotWhatWasRequested() throws Exception {
        ApiRequest r = parse(Endpoint.CHAT_COMPLETIONS, CHAT);

        r.mapModel("llama3.1");

        assertEquals("gpt-4o-mini", r.model());
        assertEquals("llama3.1", JSON.readTree(r.toBytes()).path("model").asText());
    }

    @Test
    void parse_missingRequiredFields_nameTheParameter() {
        ApiError e = refused(Endpoint.CHAT_COMPLETIONS, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("model", e.param());

        assertEquals("messages", refused(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\"}").param());
        assertEquals("messages", refused(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":null}").param());
        assertEquals("prompt", refused(Endpoint.COMPLETIONS, "{\"model\":\"m\"}").param());
        assertEquals("input", refused(Endpoint.EMBEDDINGS, "{\"model\":\"m\"}").param());
        assertEquals("model", refused(Endpoint.RESPONSES, "{\"input\":\"hi\"}").param());
    }

    @Test
    void parse_wrongTypes_nameTheParameter() {
        assertEquals("model", refused(Endpoint.CHAT_COMPLETIONS,
                "{\"model\":{\"name\":\"m\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").param());
        assertEquals("messages", refused(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":{}}").param());
        assertEquals("messages", refused(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[]}").param());
        assertEquals("messages[1]", refused(Endpoint.CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},42]}").param());
        ApiError stream = refused(Endpoint.CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"stream\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals("stream", stream.param());
        assertEquals("'stream' must be a boolean.", stream.message());
    }

    @Test
    void parse_otherEndpoints_acceptTheirOwnShapes() throws Exception {
        assertEquals("m", parse(Endpoint.COMPLETIONS, "{\"model\":\"m\",\"prompt\":\"Once upon\"}").model());
        assertEquals("m", parse(Endpoint.EMBEDDINGS, "{\"model\":\"m\",\"input\":[\"a\",\"b\"]}").model());
        assertEquals("m", parse(Endpoint.RESPONSES, "{\"model\":\"m\",\"input\":\"hi\"}").model());
    }

    @Test
    void parse_bodyThatIsNotAnObject_isRefused() {
        assertEquals(ErrorKind.INVALID_REQUEST, refused(Endpoint.CHAT_COMPLETIONS, "[]").kind());
        assertEquals(ErrorKind.INVALID_REQUEST, refused(Endpoint.CHAT_COMPLETIONS, "\"hello\"").kind());
        assertEquals(ErrorKind.INVALID_JSON, refused(Endpoint.CHAT_COMPLETIONS, "").kind());
        assertEquals(ErrorKind.INVALID_JSON, refused(Endpoint.CHAT_COMPLETIONS, "   ").kind());
    }

    @Test
    void parse_malformedJson_isInvalidJson_locatedButNeverQuoted() {
        ApiError e = refused(Endpoint.CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"my SSN is 123-45-6789\"}}");

        assertEquals(ErrorKind.INVALID_JSON, e.kind());
        assertTrue(e.message().contains("line 1, column"), e.message());
        assertFalse(e.message().contains("123-45-6789"), e.message());
        assertFalse(new String(e.toJson(), StandardCharsets.UTF_8).contains("123-45-6789"));
    }

    @Test
    void parse_unquotedValueInTheError_isNotEchoed() {
        ApiError e = refused(Endpoint.CHAT_COMPLETIONS, "{\"model\":jane.roe@example.org}");

        assertEquals(ErrorKind.INVALID_JSON, e.kind());
        assertFalse(e.message().contains("jane"), e.message());
    }

    @Test
    void parse_duplicateField_isRefused_withoutNamingIt() {
        ApiError e = refused(Endpoint.CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"jane.roe@example.org\":1,\"jane.roe@example.org\":2,\"messages\":[{}]}");

        assertEquals(ErrorKind.INVALID_JSON, e.kind());
        assertTrue(e.message().contains("a field appears twice"), e.message());
        assertFalse(e.message().contains("jane"), e.message());
    }

    @Test
    void parse_duplicateModel_isRefused_soTheScannedAndForwardedModelCannotDiffer() {
        assertEquals(ErrorKind.INVALID_JSON, refused(Endpoint.CHAT_COMPLETIONS,
                "{\"model\":\"a\",\"model\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").kind());
    }

    @Test
    void parse_trailingContent_isRefused() {
        assertEquals(ErrorKind.INVALID_JSON, refused(Endpoint.CHAT_COMPLETIONS, CHAT + " {}").kind());
    }

    @Test
    void parse_nonNumericNumbers_areRefused() {
        assertEquals(ErrorKind.INVALID_JSON, refused(Endpoint.CHAT_COMPLETIONS,
                "{\"model\":\"m\",\"temperature\":NaN,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").kind());
    }

    @Test
    void parse_nestingBeyondTheLimit_isRefused_andJustBelowItIsAccepted() throws Exception {
        int depth = ApiRequest.MAX_NESTING_DEPTH;
        String ok = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x\":"
                + "[".repeat(depth - 2) + "]".repeat(depth - 2) + "}";
        String deep = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x\":"
                + "[".repeat(depth * 4) + "]".repeat(depth * 4) + "}";

        parse(Endpoint.CHAT_COMPLETIONS, ok);
        ApiError e = refused(Endpoint.CHAT_COMPLETIONS, deep);
        assertEquals(ErrorKind.INVALID_JSON, e.kind());
        assertTrue(e.message().contains("nesting deeper than " + depth), e.message());
    }

    @Test
    void parse_invalidUtf8_isRefused() {
        byte[] bytes = CHAT.getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[bytes.length + 2];
        int at = CHAT.indexOf("hi");
        System.arraycopy(bytes, 0, broken, 0, at);
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        System.arraycopy(bytes, at, broken, at + 2, bytes.length - at);

        ApiError e = refused(Endpoint.CHAT_COMPLETIONS, broken);
        assertEquals(ErrorKind.INVALID_JSON, e.kind());
        assertEquals("The request body is not valid UTF-8.", e.message());
    }

    @Test
    void parse_loneSurrogateEscape_isRefusedOrForwardable() throws Exception {
        // JSON allows the escape, but no UTF-8 encoding of it exists: Veil must refuse it with a
        // 400 or be able to serialize it for the upstream, never fail later.
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\ud800b\"}]}";
        ApiRequest r;
        try {
            r = parse(Endpoint.CHAT_COMPLETIONS, body);
        } catch (ApiException refused) {
            assertEquals(400, refused.error().kind().status().code());
            return;
        }
        byte[] out = r.toBytes();
        assertTrue(out.length > 0);
    }

    @Test
    void errorJson_hasOpenAisShape() throws Exception {
        ApiError e = refused(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\"}");

        JsonNode error = JSON.readTree(e.toJson()).path("error");
        assertEquals("invalid_request_error", error.path("type").asText());
        assertEquals("invalid_request", error.path("code").asText());
        assertEquals("messages", error.path("param").asText());
        assertEquals("Missing required parameter: 'messages'.", error.path("message").asText());
    }
}
