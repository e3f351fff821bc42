package dev.veil.proxy.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode body(String json) throws Exception {
        return JSON.readTree(json);
    }

    /** Value segments by path (object keys left out). */
    private static Map<String, String> values(TextFields f) {
        Map<String, String> m = new LinkedHashMap<>();
        for (TextSegment s : f.segments()) {
            if (!s.path().endsWith("{key}")) {
                m.put(s.path(), s.text());
            }
        }
        return m;
    }

    private static Map<String, String> keys(TextFields f) {
        Map<String, String> m = new LinkedHashMap<>();
        for (TextSegment s : f.segments()) {
            if (s.path().endsWith("{key}")) {
                m.put(s.path(), s.text());
            }
        }
        return m;
    }

    private static final String CHAT = """
            {
              "model": "gpt-4o-mini",
              "user": "user-42",
              "metadata": {"ticket": "T-9", "customer_note": "call back after 5"},
              "temperature": 0.2, "stream": false, "n": 1,
              "messages": [
                {"role": "system", "content": "You are terse."},
                {"role": "developer", "content": "Answer in French."},
                {"role": "user", "name": "alice", "content": [{"type": "text", "text": "What is in this file?"}]},
                {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                  "function": {"name": "lookup", "arguments": "{\\"ssn\\":\\"123-45-6789\\"}"}}]},
                {"role": "tool", "tool_call_id": "call_1", "content": "Lives at 1 Main St"}
              ],
              "tools": [{"type": "function", "function": {"name": "lookup", "description": "Looks a person up",
                "parameters": {"type": "object", "properties": {"home_address": {"type": "string",
                  "description": "where they live"}}}}}]
            }
            """;

    @Test
    void of_chatRequest_yieldsEveryStringFieldWithItsPath() throws Exception {
        TextFields f = TextFields.of(body(CHAT));
        Map<String, String> v = values(f);

        assertEquals("gpt-4o-mini", v.get("model"));
        assertEquals("user-42", v.get("user"));
        assertEquals("T-9", v.get("metadata.ticket"));
        assertEquals("call back after 5", v.get("metadata.customer_note"));
        assertEquals("You are terse.", v.get("messages[0].content"));
        assertEquals("Answer in French.", v.get("messages[1].content"));
        assertEquals("alice", v.get("messages[2].name"));
        assertEquals("What is in this file?", v.get("messages[2].content[0].text"));
        assertEquals("lookup", v.get("messages[3].tool_calls[0].function.name"));
        assertEquals("{\"ssn\":\"123-45-6789\"}", v.get("messages[3].tool_calls[0].function.arguments"));
        assertEquals("Lives at 1 Main St", v.get("messages[4].content"));
        assertEquals("Looks a person up", v.get("tools[0].function.description"));
        assertEquals("where they live", v.get("tools[0].function.parameters.properties.home_address.description"));
        assertFalse(v.containsKey("temperature"));
        assertFalse(v.containsKey("stream"));
        assertFalse(v.containsKey("messages[3].content"), "null is not text");
        assertFalse(f.unscannable());
    }

    @Test
    void of_objectKeys_areScannedToo_exceptVeryShortOnes() throws Exception {
        TextFields f = TextFields.of(body(CHAT));
        Map<String, String> k = keys(f);

        assertEquals("customer_note", k.get("metadata.customer_note{key}"));
        assertEquals("home_address", k.get("tools[0].function.parameters.properties.home_address{key}"));
        assertFalse(k.containsKey("n{key}"));
        assertFalse(k.containsKey("messages[3].tool_calls[0].id{key}"));
    }

    @Test
    void of_fieldsVeilDoesNotKnow_areScannedAtAnyDepth() throws Exception {
        TextFields f = TextFields.of(body("""
                {"model": "m", "messages": [], "future_field": {"deeper": [{"note": "Call 555-0100"}]}}
                """));

        assertEquals("Call 555-0100", values(f).get("future_field.deeper[0].note"));
        assertEquals("future_field", keys(f).get("future_field{key}"));
    }

    @Test
    void of_paths_followTheOrderOfTheBody() throws Exception {
        TextFields f = TextFields.of(body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

        // The protocol's own field names are not scanned as keys; every value is.
        assertEquals(java.util.List.of("model", "messages[0].role", "messages[0].content"), f.paths());
    }

    @Test
    void of_imagePart_isFlaggedUnscannable_andItsUrlIsNotScanned() throws Exception {
        TextFields f = TextFields.of(body("""
                {"model": "m", "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "Describe this"},
                  {"type": "image_url", "image_url": {"url": "https://example.com/scan-of-passport.png"}}]}]}
                """));

        assertTrue(f.unscannable());
        assertEquals("Describe this", values(f).get("messages[0].content[0].text"));
        assertFalse(values(f).containsValue("https://example.com/scan-of-passport.png"));
    }

    @Test
    void of_audioAndFileParts_areFlaggedUnscannable() throws Exception {
        assertTrue(TextFields.of(body("""
                {"model": "m", "messages": [{"role": "user", "content": [
                  {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}]}]}
                """)).unscannable());
        assertTrue(TextFields.of(body("""
                {"model": "m", "input": [{"role": "user", "content": [
                  {"type": "input_file", "filename": "a.pdf", "file_data": "JVBERi0xLjQK"}]}]}
                """)).unscannable());
    }

    @Test
    void of_base64DataUrlAnywhere_isFlaggedUnscannable_andNotScannedAsText() throws Exception {
        TextFields f = TextFields.of(body("""
                {"model": "m", "input": [{"role": "user", "content": [
                  {"type": "input_image", "image": "data:image/png;base64,iVBORw0KGgo="}]}]}
                """));

        assertTrue(f.unscannable());
        assertFalse(values(f).containsValue("data:image/png;base64,iVBORw0KGgo="));
    }

    @Test
    void of_nullImage_isNotUnscannable() throws Exception {
        assertFalse(TextFields.of(body("{\"model\":\"m\",\"messages\":[],\"image_url\":null}")).unscannable());
    }

    @Test
    void of_tokenArrays_areFlaggedUnscannable() throws Exception {
        assertTrue(TextFields.of(body("{\"model\":\"m\",\"prompt\":[1212, 318, 257]}")).unscannable());
        assertTrue(TextFields.of(body("{\"model\":\"m\",\"prompt\":[[1212, 318], [257]]}")).unscannable());
        assertTrue(TextFields.of(body("{\"model\":\"m\",\"input\":[9906, 1917]}")).unscannable());
    }

    @Test
    void of_textArrays_areScannedItemByItem() throws Exception {
        TextFields f = TextFields.of(body("{\"model\":\"m\",\"input\":[\"first text\", \"second text\"]}"));

        assertFalse(f.unscannable());
        assertEquals("first text", values(f).get("input[0]"));
        assertEquals("second text", values(f).get("input[1]"));
    }

    @Test
    void of_responsesApi_inputAndInstructions_areScanned() throws Exception {
        TextFields f = TextFields.of(body("""
                {"model": "m", "instructions": "Be brief.",
                 "input": [{"role": "user", "content": [{"type": "input_text", "text": "Summarize my notes"}]}]}
                """));

        assertEquals("Be brief.", values(f).get("instructions"));
        assertEquals("Summarize my notes", values(f).get("input[0].content[0].text"));
        assertFalse(f.unscannable());
    }

    @Test
    void of_emptyStrings_areNotSegments() throws Exception {
        TextFields f = TextFields.of(body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}"));

        assertFalse(values(f).containsKey("messages[0].content"));
    }

    @Test
    void replace_valueAndKey_changeTheBody() throws Exception {
        JsonNode body = body(CHAT);
        TextFields f = TextFields.of(body);

        for (TextSegment s : f.segments()) {
            if (s.path().equals("messages[3].tool_calls[0].function.arguments")) {
                s.replace("{\"ssn\":\"[GOV_ID_US_SSN]\"}");
            }
        }
        for (TextSegment s : f.segments()) {
            if (s.path().equals("tools[0].function.parameters.properties.home_address{key}")) {
                s.replace("address");
            }
        }

        assertEquals("{\"ssn\":\"[GOV_ID_US_SSN]\"}", body.at("/messages/3/tool_calls/0/function/arguments").asText());
        JsonNode props = body.at("/tools/0/function/parameters/properties");
        assertFalse(props.has("home_address"));
        assertEquals("where they live", props.at("/address/description").asText());
    }
}
