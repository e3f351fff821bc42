package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pseudonymization round trip: values leave as tokens, and the client gets them back as
 * themselves, in whole bodies, in streams where a token is cut across chunks, and in tool-call
 * arguments. The stub upstream echoes what it received ({@code echo:} messages, tool calls).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PseudonymizeEndToEndTest {

    static final String EMAIL = "jane.roe@example.org";
    static final Pattern TOKEN = Pattern.compile("EMAIL_[0-9A-F]{8}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final VeilExtension veil = VeilExtension.builder().policy("""
            version: 1
            default: allow
            on_detector_error: route local
            rules:
              - id: emails-pseudonymized
                description: E-mail addresses travel as tokens and come back as themselves.
                when: {findings: "pii.email"}
                action: redact
                redact: {types: [pii.email], mode: pseudonymize}
            """).build();

    /** The token the external upstream received in place of the e-mail address. */
    private String tokenSentUpstream() throws InterruptedException {
        String body = veil.openai().takeRequest(WAIT).body();
        assertFalse(body.contains(EMAIL), "the value left Veil: " + body);
        Matcher m = TOKEN.matcher(body);
        assertTrue(m.find(), "no token in what the upstream received: " + body);
        return m.group();
    }

    @Test
    void wholeBody_valueLeavesAsAToken_andComesBackAsItself() throws Exception {
        HttpResponse<String> r = veil.chat("echo: Please write to " + EMAIL + " today.");

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("redact; rule=emails-pseudonymized", r.headers().firstValue("x-veil-decision").orElse(""));
        assertEquals("Please write to " + EMAIL + " today.", json(r.body()).at("/choices/0/message/content").asText());
        assertFalse(TOKEN.matcher(r.body()).find(), r.body());
        tokenSentUpstream();
        assertNull(veil.local().takeRequest(QUIET));
    }

    @Test
    void stream_tokenCutAcrossChunks_isReassembled() throws Exception {
        HttpResponse<String> r = veil.send("/v1/chat/completions",
                VeilExtension.chatBody("echo: Please write to " + EMAIL + " today.", true));

        assertEquals(200, r.statusCode(), r.body());
        StringBuilder text = new StringBuilder();
        List<String> data = StreamingEndToEndTest.dataLines(r.body());
        for (String d : data.subList(0, data.size() - 1)) {
            text.append(json(d).at("/choices/0/delta/content").asText(""));
        }
        assertEquals("Please write to " + EMAIL + " today.", text.toString());
        assertEquals("[DONE]", data.get(data.size() - 1));
        assertFalse(TOKEN.matcher(r.body()).find(), "a token reached the client: " + r.body());
        tokenSentUpstream();
    }

    @Test
    void sameValue_getsTheSameToken_acrossRequests_andAnotherValueAnother() throws Exception {
        veil.chat("echo: write to " + EMAIL);
        String first = tokenSentUpstream();
        veil.chat("echo: and again to " + EMAIL);
        String second = tokenSentUpstream();
        veil.chat("echo: now to john.doe@example.net");
        String other = veil.openai().takeRequest(WAIT).body();

        assertEquals(first, second);
        assertFalse(other.contains(first), other);
        Matcher m = TOKEN.matcher(other);
        assertTrue(m.find(), other);
        assertNotEquals(first, m.group());
    }

    @Test
    void toolCallArguments_areRehydrated_asValidJson() throws Exception {
        HttpResponse<String> r = veil.send("/v1/chat/completions", toolRequest("Send \"hi\" to " + EMAIL, false));

        assertEquals(200, r.statusCode(), r.body());
        String args = json(r.body()).at("/choices/0/message/tool_calls/0/function/arguments").asText();
        assertEquals("Send \"hi\" to " + EMAIL, json(args).path("text").asText(), args);
        tokenSentUpstream();
    }

    @Test
    void streamedToolCallArguments_areRehydrated() throws Exception {
        HttpResponse<String> r = veil.send("/v1/chat/completions", toolRequest("Send it to " + EMAIL, true));

        assertEquals(200, r.statusCode(), r.body());
        StringBuilder args = new StringBuilder();
        for (String d : StreamingEndToEndTest.dataLines(r.body())) {
            if (!d.equals("[DONE]")) {
                args.append(json(d).at("/choices/0/delta/tool_calls/0/function/arguments").asText(""));
            }
        }
        assertEquals("Send it to " + EMAIL, json(args.toString()).path("text").asText(), args.toString());
        tokenSentUpstream();
    }

    @Test
    void tokenLookingTextThatIsNotTheRequestsOwn_isLeftAlone() throws Exception {
        HttpResponse<String> r = veil.chat("echo: " + EMAIL + " is not EMAIL_0000ABCD");

        assertEquals(EMAIL + " is not EMAIL_0000ABCD", json(r.body()).at("/choices/0/message/content").asText());
    }

    private static String toolRequest(String userText, boolean stream) {
        ObjectNode root = JSON.createObjectNode().put("model", VeilExtension.MODEL).put("stream", stream);
        root.putArray("messages").addObject().put("role", "user").put("content", userText);
        ObjectNode fn = root.putArray("tools").addObject().put("type", "function").putObject("function")
                .put("name", "send_message").put("description", "Sends a message.");
        ObjectNode params = fn.putObject("parameters").put("type", "object");
        params.putObject("properties").putObject("text").put("type", "string");
        return root.toString();
    }
}
