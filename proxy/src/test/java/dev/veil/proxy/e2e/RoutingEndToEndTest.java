package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.CLIENT_KEY;
import static dev.veil.proxy.e2e.VeilExtension.LOCAL_MODEL;
import static dev.veil.proxy.e2e.VeilExtension.MODEL;
import static dev.veil.proxy.e2e.VeilExtension.OPENAI_KEY;
import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.proxy.demo.StubUpstream.Received;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Where requests go under the default policy, and what each upstream receives. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RoutingEndToEndTest {

    static final String PRIVATE_KEY = "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
            + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
            + "-----END RSA PRIVATE KEY-----";

    @RegisterExtension
    final VeilExtension veil = VeilExtension.standard();

    @Test
    void cleanRequest_reachesExternalOnly_withVeilsKeyNotTheClients() throws Exception {
        HttpResponse<String> r = veil.chat("What is the capital of France?");

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("openai", r.headers().firstValue("x-veil-upstream").orElse(""));
        assertTrue(r.headers().firstValue("x-request-id").orElse("").startsWith("req_"));
        assertEquals("Hello from the stand-in for OpenAI.",
                json(r.body()).at("/choices/0/message/content").asText());

        Received got = veil.openai().takeRequest(WAIT);
        assertNotNull(got, "the external upstream received nothing");
        assertEquals("POST", got.method());
        assertEquals("/v1/chat/completions", got.path());
        assertEquals("Bearer " + OPENAI_KEY, got.headers().get("authorization"));
        assertNoHeaderContains(got, CLIENT_KEY);
        assertEquals(MODEL, got.json().path("model").asText());
        assertEquals("What is the capital of France?", got.json().at("/messages/0/content").asText());

        assertNull(veil.local().takeRequest(QUIET), "the internal upstream received a clean request");
        assertTrue(veil.openai().drain().isEmpty(), "the request was sent twice");
    }

    @Test
    void ssnRequest_reachesInternalOnly_withTheModelMappedAndNoKey() throws Exception {
        HttpResponse<String> r = veil.chat("My SSN is 123-45-6789. Which tax form do I need?");

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
        assertEquals("route; rule=government-ids-internal", r.headers().firstValue("x-veil-decision").orElse(""));
        assertEquals("gov_id.us_ssn=1", r.headers().firstValue("x-veil-findings").orElse(""));
        assertEquals("Hello from the stand-in for a self-hosted model.",
                json(r.body()).at("/choices/0/message/content").asText());

        Received got = veil.local().takeRequest(WAIT);
        assertNotNull(got, "the internal upstream received nothing");
        assertEquals("/v1/chat/completions", got.path());
        assertEquals(LOCAL_MODEL, got.json().path("model").asText(), "model not mapped by the upstream's models map");
        assertFalse(got.headers().containsKey("authorization"),
                "the internal upstream received an Authorization header: " + got.headers().keySet());
        assertNoHeaderContains(got, OPENAI_KEY);
        assertNoHeaderContains(got, CLIENT_KEY);

        assertNull(veil.openai().takeRequest(QUIET), "a sensitive request reached the external upstream");
    }

    @Test
    void emailAndCardRequests_stayInternal() throws Exception {
        HttpResponse<String> email = veil.chat("Draft a reply to jane.roe@example.org about the invoice.");
        HttpResponse<String> card = veil.chat("Charge 4111 1111 1111 1111 for the renewal.");

        assertEquals("local", email.headers().firstValue("x-veil-upstream").orElse(""), email.body());
        assertEquals("local", card.headers().firstValue("x-veil-upstream").orElse(""), card.body());
        assertEquals(200, email.statusCode());
        assertEquals(200, card.statusCode());
        assertNotNull(veil.local().takeRequest(WAIT));
        assertNotNull(veil.local().takeRequest(WAIT));
        assertNull(veil.openai().takeRequest(QUIET), "a sensitive request reached the external upstream");
    }

    @Test
    void privateKeyRequest_isBlockedWith403_andReachesNobody() throws Exception {
        HttpResponse<String> r = veil.chat("Why does this fail?\n" + PRIVATE_KEY);

        assertEquals(403, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode error = json(r.body()).path("error");
        assertEquals(List.of("message", "type", "param", "code"), fieldNames(error), r.body());
        assertEquals("policy_violation", error.path("type").asText());
        assertEquals("blocked_by_policy", error.path("code").asText());
        assertTrue(error.path("param").isNull());
        String message = error.path("message").asText();
        assertTrue(message.contains("secrets-block"), "the message does not name the rule: " + message);
        assertTrue(message.contains("secret.private_key"), "the message does not name the finding type: " + message);
        for (String line : PRIVATE_KEY.split("\n")) {
            assertFalse(r.body().contains(line), "the error body holds part of the key: " + line);
        }
        assertEquals("block; rule=secrets-block", r.headers().firstValue("x-veil-decision").orElse(""));
        assertFalse(r.headers().firstValue("x-veil-upstream").isPresent());

        assertNull(veil.openai().takeRequest(QUIET), "a blocked request reached the external upstream");
        assertNull(veil.local().takeRequest(QUIET), "a blocked request reached the internal upstream");
    }

    @Test
    void modelList_mergesBothUpstreams_markedWithTheirUpstreamAndTrust() throws Exception {
        HttpResponse<String> r = veil.get("/v1/models");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode list = json(r.body());
        assertEquals("list", list.path("object").asText());
        Map<String, String> trustByUpstream = new java.util.TreeMap<>();
        for (JsonNode m : list.path("data")) {
            assertEquals("stub-model", m.path("id").asText());
            trustByUpstream.put(m.path("veil_upstream").asText(), m.path("veil_trust").asText());
        }
        assertEquals(Map.of("openai", "external", "local", "internal"), trustByUpstream);
        assertEquals(2, list.path("data").size());

        Received external = veil.openai().takeRequest(WAIT);
        Received internal = veil.local().takeRequest(WAIT);
        assertEquals("GET /v1/models", external.method() + " " + external.path());
        assertEquals("GET /v1/models", internal.method() + " " + internal.path());
        assertEquals("Bearer " + OPENAI_KEY, external.headers().get("authorization"));
        assertFalse(internal.headers().containsKey("authorization"));
    }

    @Test
    void modelList_withOneUpstreamFailing_listsTheOther() throws Exception {
        veil.local().enqueue(new dev.veil.proxy.demo.StubUpstream.Behavior.Status(500,
                "{\"error\":{\"message\":\"down\",\"type\":\"server_error\",\"param\":null,\"code\":null}}", Map.of()));

        HttpResponse<String> r = veil.get("/v1/models");

        assertEquals(200, r.statusCode(), r.body());
        JsonNode data = json(r.body()).path("data");
        assertEquals(1, data.size(), r.body());
        assertEquals("openai", data.get(0).path("veil_upstream").asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void assertNoHeaderContains(Received got, String secret) {
        got.headers().forEach((name, value) ->
                assertFalse(value.contains(secret), "upstream header " + name + " carries a key it must not get"));
    }
}
