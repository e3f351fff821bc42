package dev.veil.proxy.conformance;

import static dev.veil.proxy.conformance.ConformanceStack.EMAIL_TOKEN;
import static dev.veil.proxy.conformance.ConformanceStack.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.proxy.demo.StubUpstream.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official {@code openai} Node SDK (pinned in {@code conformance/node/package.json}) against
 * Veil with stub upstreams. The Node suite ({@code conformance/node/veil.test.mjs}) runs once, with
 * {@code node --test}, against two Veils: one that pseudonymizes e-mail addresses and one with the
 * default policy. It asserts what its client got and appends each observation as a JSON line to a
 * file; this class then asserts the same observations and, since Node cannot see the stubs, what
 * each stub received.
 *
 * <p>Needs {@code node} on the PATH and {@code npm ci --prefix conformance/node}. Without them the
 * tests are skipped on a developer machine and fail where {@code CI=true}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NodeSdkConformanceTest {

    @RegisterExtension
    static final ConformanceStack redacting = ConformanceStack.pseudonymizing();

    @RegisterExtension
    static final ConformanceStack defaults = ConformanceStack.defaultPolicy();

    static final Path SUITE_DIR = Path.of("..", "conformance", "node");
    private static final String SUITE = "veil.test.mjs";
    private static final String EMAIL = "jane.roe@example.org";
    private static final long NODE_TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static int exitCode;
    private static String nodeOutput;
    private static final Map<String, JsonNode> observations = new HashMap<>();
    private static List<Received> external;
    private static List<Received> internal;
    private static List<Received> defaultsExternal;
    private static List<Received> defaultsInternal;

    @BeforeAll
    static void runNodeSuite() throws Exception {
        requireNode();
        work = Files.createTempDirectory("veil-node-conformance");
        Path observed = work.resolve("observations.jsonl");
        Path output = work.resolve("node-output.txt");
        ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-reporter=spec", SUITE)
                .directory(SUITE_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().put("VEIL_BASE_URL", redacting.baseUrl());
        pb.environment().put("VEIL_DEFAULT_POLICY_BASE_URL", defaults.baseUrl());
        pb.environment().put("VEIL_OBSERVATIONS", observed.toAbsolutePath().toString());
        pb.environment().put("VEIL_TEST_EMAIL", EMAIL);
        Process node = pb.start();
        if (!node.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the Node suite did not finish within " + NODE_TIMEOUT_SECONDS + " s:\n" + Files.readString(output));
        }
        exitCode = node.exitValue();
        nodeOutput = Files.readString(output, StandardCharsets.UTF_8);
        if (Files.exists(observed)) {
            for (String line : Files.readAllLines(observed, StandardCharsets.UTF_8)) {
                JsonNode o = JSON.readTree(line);
                observations.put(o.path("scenario").asText(), o);
            }
        }
        external = redacting.openai().drain();
        internal = redacting.local().drain();
        defaultsExternal = defaults.openai().drain();
        defaultsInternal = defaults.local().drain();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (work != null) {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(work);
        }
    }

    /** Fails in CI, skips elsewhere, when the Node runtime or the suite's packages are missing. */
    private static void requireNode() {
        String missing = null;
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                missing = "`node --version` failed";
            }
        } catch (IOException e) {
            missing = "node is not on the PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            missing = "interrupted while looking for node";
        }
        if (missing == null && !Files.isRegularFile(SUITE_DIR.resolve("node_modules/openai/package.json"))) {
            missing = "conformance/node/node_modules is missing; run `npm ci --prefix conformance/node`";
        }
        if (missing == null) {
            return;
        }
        String message = "Node SDK conformance needs Node.js 20+ and its packages: " + missing;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true, so this is a failure, not a skip)");
        }
        Assumptions.abort(message);
    }

    @Test
    void nodeSuite_passes() {
        assertEquals(0, exitCode, () -> "node --test failed:\n" + nodeOutput);
        assertEquals(Set.of("chat", "chat-internal", "chat-stream", "tool-call-round-trip", "tool-call-stream",
                "embeddings-string", "embeddings-array", "embeddings-token-arrays", "responses", "responses-stream",
                "models"),
                observations.keySet(), () -> "scenarios observed; node output:\n" + nodeOutput);
    }

    @Test
    void chat_leavesRedacted_andTheClientGetsTheAddressBack() {
        JsonNode o = observed("chat");
        assertRehydrated(o);
        assertEquals(MODEL, o.path("model").asText());
        Received got = onlyExternal("chat");
        assertEquals("/v1/chat/completions", got.path());
        assertTrue(got.json().at("/messages/0/content").asText()
                .matches("echo: \\[node:chat] Please write to EMAIL_[0-9A-F]{8} about the invoice\\."), got.body());
    }

    @Test
    void chat_underTheDefaultPolicy_staysInternal_withTheRequestedModelName() {
        JsonNode o = observed("chat-internal");
        assertRehydrated(o);
        assertEquals(MODEL, o.path("model").asText());
        List<Received> got = tagged(defaultsInternal, "chat-internal");
        assertEquals(1, got.size(), "requests of chat-internal at the internal upstream");
        assertEquals(ConformanceStack.LOCAL_MODEL, got.get(0).json().path("model").asText());
        assertTrue(got.get(0).body().contains(EMAIL), "routing internally needs no redaction");
        assertTrue(tagged(defaultsExternal, "chat-internal").isEmpty(), "chat-internal reached the external upstream");
    }

    @Test
    void streamingChat_isReassembledFromChunksThatCutTheToken() {
        JsonNode o = observed("chat-stream");
        assertRehydrated(o);
        assertTrue(o.path("chunks").asInt() > 3, o::toString);
        assertEquals("stop", o.path("finishReason").asText());
        assertTrue(onlyExternal("chat-stream").json().path("stream").asBoolean());
    }

    @Test
    void toolCallRoundTrip_argumentsComeBackRehydrated_andTheResultLeavesRedacted() throws IOException {
        JsonNode o = observed("tool-call-round-trip");
        assertRehydrated(o);
        assertEquals("lookup_customer", o.path("toolName").asText());
        assertEquals(JSON.readTree(o.path("expectedArguments").asText()), JSON.readTree(o.path("toolArguments").asText()));
        assertTrue(o.path("toolArguments").asText().contains(EMAIL), o::toString);

        List<Received> got = tagged(external, "tool-call-round-trip");
        assertEquals(2, got.size(), "a tool call, then the answer to its result");
        assertTrue(tagged(internal, "tool-call-round-trip").isEmpty());
        got.forEach(NodeSdkConformanceTest::assertRedacted);
        String token = tokenIn(got.get(0).body());
        JsonNode messages = got.get(1).json().path("messages");
        assertEquals("tool", messages.at("/2/role").asText());
        assertEquals("Record for " + token + ": active customer", messages.at("/2/content").asText());
        assertTrue(messages.at("/1/tool_calls/0/function/arguments").asText().contains(token),
                "the tool call went back out with the same token: " + messages);
    }

    @Test
    void streamingToolCall_argumentsAssembledByTheSdksStreamHelper_holdTheAddress() throws IOException {
        JsonNode o = observed("tool-call-stream");
        assertEquals("lookup_customer", o.path("toolName").asText());
        assertEquals(JSON.readTree(o.path("expectedArguments").asText()), JSON.readTree(o.path("toolArguments").asText()));
        assertTrue(o.path("toolArguments").asText().contains(EMAIL), o::toString);
        assertTrue(onlyExternal("tool-call-stream").json().path("stream").asBoolean());
    }

    @Test
    void embeddings_ofAString_leaveRedacted() {
        assertEquals("[0.1,0.2,0.3]", observed("embeddings-string").path("embedding").toString());
        Received got = onlyExternal("embeddings-string");
        assertEquals("/v1/embeddings", got.path());
        assertTrue(got.json().path("input").asText()
                .matches("\\[node:embeddings-string] Customer EMAIL_[0-9A-F]{8} asked for a refund\\."), got.body());
    }

    @Test
    void embeddings_ofAnArrayOfStrings_redactEveryElementThatNeedsIt() {
        assertEquals("[0.1,0.2,0.3]", observed("embeddings-array").path("embedding").toString());
        JsonNode input = onlyExternal("embeddings-array").json().path("input");
        assertEquals("[node:embeddings-array] A note without personal data.", input.get(0).asText());
        assertTrue(input.get(1).asText().matches("Mail EMAIL_[0-9A-F]{8}"), input::toString);
    }

    @Test
    void embeddings_ofTokenArrays_cannotBeScanned_soTheDefaultPolicyKeepsThemInternal() {
        JsonNode o = observed("embeddings-token-arrays");
        assertEquals("[0.1,0.2,0.3]", o.path("embedding").toString());
        List<Received> got = defaultsInternal.stream().filter(r -> r.path().endsWith("/embeddings")).toList();
        assertEquals(1, got.size(), "the internal upstream got the token arrays");
        assertEquals("[[424242,1917,0],[15339,1070]]", got.get(0).json().path("input").toString());
        assertFalse(got.get(0).headers().containsKey("authorization"));
        assertTrue(defaultsExternal.isEmpty(), () -> "the external upstream got " + defaultsExternal.size() + " request(s)");
    }

    @Test
    void responses_leaveRedacted_andOutputTextComesBackRehydrated() {
        assertRehydrated(observed("responses"));
        Received got = onlyExternal("responses");
        assertEquals("/v1/responses", got.path());
        assertTrue(got.json().path("input").asText().matches(".*Summarize the thread with EMAIL_[0-9A-F]{8}\\."),
                got.body());
    }

    @Test
    void streamingResponses_deltasDoneAndCompletedHoldTheAddress() {
        JsonNode o = observed("responses-stream");
        assertRehydrated(o);
        assertEquals(o.path("expected").asText(), o.path("doneText").asText());
        assertEquals(o.path("expected").asText(), o.path("completedText").asText());
        assertTrue(onlyExternal("responses-stream").json().path("stream").asBoolean());
    }

    @Test
    void models_listIsMergedFromBothUpstreams_eachMarkedWithWhereItRuns() {
        JsonNode models = observed("models").path("models");
        Set<String> marks = new HashSet<>();
        Map<String, String> owners = new HashMap<>();
        for (JsonNode m : models) {
            marks.add(m.path("veil_upstream").asText());
            owners.put(m.path("veil_upstream").asText(), m.path("owned_by").asText());
        }
        assertEquals(Set.of("openai", "local"), marks);
        assertEquals(Map.of("openai", "stand-in for OpenAI", "local", "stand-in for a self-hosted model"), owners);
    }

    /** The scenario's observation, which must say the Node side passed. */
    private static JsonNode observed(String scenario) {
        JsonNode o = observations.get(scenario);
        assertNotNull(o, () -> "the Node suite recorded no observation for '" + scenario + "':\n" + nodeOutput);
        assertEquals("ok", o.path("status").asText(), () -> "the Node scenario failed: " + o);
        return o;
    }

    /** The client got back exactly what it expected, which holds the e-mail address and no token. */
    private static void assertRehydrated(JsonNode o) {
        String expected = o.path("expected").asText();
        assertTrue(expected.contains(EMAIL), o::toString);
        assertEquals(expected, o.path("received").asText());
        assertFalse(EMAIL_TOKEN.matcher(o.toString()).find(), () -> "a token reached the client: " + o);
    }

    /** The one request of the scenario, which reached the external upstream only, redacted. */
    private static Received onlyExternal(String scenario) {
        List<Received> got = tagged(external, scenario);
        assertEquals(1, got.size(), () -> "requests of " + scenario + " at the external upstream");
        assertTrue(tagged(internal, scenario).isEmpty(), () -> scenario + " reached the internal upstream");
        assertRedacted(got.get(0));
        return got.get(0);
    }

    private static List<Received> tagged(List<Received> received, String scenario) {
        String tag = "[node:" + scenario + "]";
        return received.stream().filter(r -> r.body().contains(tag)).toList();
    }

    private static void assertRedacted(Received got) {
        assertFalse(got.body().contains(EMAIL), () -> "the external upstream received the raw address: " + got.body());
        assertTrue(EMAIL_TOKEN.matcher(got.body()).find(), () -> "no pseudonym token in: " + got.body());
    }

    private static String tokenIn(String body) {
        var m = EMAIL_TOKEN.matcher(body);
        assertTrue(m.find(), body);
        return m.group();
    }
}
