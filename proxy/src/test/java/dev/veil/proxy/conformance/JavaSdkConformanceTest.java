package dev.veil.proxy.conformance;

import static dev.veil.proxy.conformance.ConformanceStack.EMAIL_TOKEN;
import static dev.veil.proxy.conformance.ConformanceStack.LOCAL_MODEL;
import static dev.veil.proxy.conformance.ConformanceStack.MODEL;
import static dev.veil.proxy.conformance.ConformanceStack.OPENAI_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import dev.veil.proxy.e2e.VeilExtension;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.veil.proxy.demo.StubUpstream.Received;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official OpenAI Java SDK, configured only with Veil's base URL, against Veil with stub
 * upstreams. With the pseudonymizing policy the external stub sees tokens, never the e-mail
 * address or phone number, and the client sees the values again: in content, in streamed content
 * assembled from chunks, in tool-call arguments, in legacy completions, in Responses API output and
 * events, also with concurrent streams. With the default policy, personal data and token ids go to
 * the internal stub only, and the client still sees the model name it asked for.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaSdkConformanceTest {

    @RegisterExtension
    static final ConformanceStack redacting = ConformanceStack.pseudonymizing();

    @RegisterExtension
    static final ConformanceStack defaults = ConformanceStack.defaultPolicy();

    private static final String EMAIL = "jane.roe@example.org";
    private static final String OTHER_EMAIL = "max.mustermann@example.net";
    private static final String PHONE = "+44 20 7946 0958";

    private static OpenAIClient client;
    private static OpenAIClient defaultsClient;

    @BeforeAll
    static void connect() {
        client = sdk(redacting.baseUrl());
        defaultsClient = sdk(defaults.baseUrl());
    }

    @AfterAll
    static void disconnect() {
        client.close();
        defaultsClient.close();
    }

    private static OpenAIClient sdk(String baseUrl) {
        return VeilExtension.sdkClient(baseUrl, "client-key-conformance");
    }

    private static ChatCompletionCreateParams ask(String question) {
        return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage(question).build();
    }

    @Test
    void chat_withAnEmail_leavesAsATokenAndComesBackAsTheAddress() throws Exception {
        String said = "Please write to " + EMAIL + " about the invoice.";

        ChatCompletion c = client.chat().completions().create(ask("echo: " + said));

        assertEquals(said, c.choices().get(0).message().content().orElseThrow());
        assertEquals(MODEL, c.model());
        Received got = redacting.onlyExternal();
        assertEquals("/v1/chat/completions", got.path());
        assertEquals("Bearer " + OPENAI_KEY, got.headers().get("authorization"));
        String sent = got.json().at("/messages/0/content").asText();
        assertRedacted(got, EMAIL);
        assertTrue(sent.matches("echo: Please write to EMAIL_[0-9A-F]{8} about the invoice\\."), sent);
    }

    @Test
    void chat_withAnEmail_getsTheSameTokenInEveryRequest() throws Exception {
        client.chat().completions().create(ask("echo: first note for " + EMAIL));
        client.chat().completions().create(ask("echo: second note for " + EMAIL + " and " + OTHER_EMAIL));

        List<String> first = tokens(redacting.openai().takeRequest(ConformanceStack.WAIT).body());
        List<String> second = tokens(redacting.openai().takeRequest(ConformanceStack.WAIT).body());
        assertEquals(1, first.size(), first::toString);
        assertEquals(2, second.size(), second::toString);
        assertEquals(first.get(0), second.get(0), "one address, one token, across requests");
        assertNotEquals(second.get(0), second.get(1), "two addresses, two tokens");
    }

    @Test
    void streamingChat_withAnEmail_isReassembledFromChunksThatCutTheToken() throws Exception {
        String said = "Forward it to " + EMAIL + ", then call back.";

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(ask("echo: " + said))) {
            chunks = stream.stream().toList();
        }

        List<String> pieces = chunks.stream().flatMap(c -> c.choices().stream())
                .flatMap(choice -> choice.delta().content().stream()).toList();
        assertEquals(said, String.join("", pieces));
        assertTrue(pieces.size() > 3, "the answer should arrive in several chunks: " + pieces);
        assertTrue(pieces.stream().noneMatch(p -> p.contains("EMAIL_")), () -> "a token reached the client: " + pieces);
        assertEquals("stop", chunks.get(chunks.size() - 1).choices().get(0).finishReason().orElseThrow().asString());
        Received got = redacting.onlyExternal();
        assertTrue(got.json().path("stream").asBoolean());
        assertRedacted(got, EMAIL);
    }

    @Test
    void concurrentStreams_eachClientGetsItsOwnValuesBack() throws Exception {
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String said = "Ticket " + i + " belongs to client" + i + ".owner@example.com, no one else.";
                answers.add(pool.submit(() -> {
                    try (StreamResponse<ChatCompletionChunk> stream =
                            client.chat().completions().createStreaming(ask("echo: " + said))) {
                        return stream.stream().flatMap(c -> c.choices().stream())
                                .flatMap(choice -> choice.delta().content().stream())
                                .collect(Collectors.joining());
                    }
                }));
            }
            for (int i = 0; i < clients; i++) {
                assertEquals("Ticket " + i + " belongs to client" + i + ".owner@example.com, no one else.",
                        answers.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<Received> got = redacting.openai().drain();
        assertEquals(clients, got.size());
        got.forEach(r -> assertFalse(r.body().contains("@example.com"), r::body));
    }

    @Test
    void toolCallRoundTrip_argumentsComeBackRehydrated_andTheResultLeavesRedacted() throws Exception {
        ChatCompletionCreateParams first = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addTool(lookupTool())
                .addUserMessage("Look up the customer " + EMAIL)
                .build();

        ChatCompletion c = client.chat().completions().create(first);

        ChatCompletionMessage assistant = c.choices().get(0).message();
        ChatCompletionMessageFunctionToolCall call = assistant.toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("lookup_customer", call.function().name());
        assertEquals("{\"text\":\"Look up the customer " + EMAIL + "\"}", call.function().arguments());
        assertEquals("tool_calls", c.choices().get(0).finishReason().asString());
        Received asked = redacting.onlyExternal();
        assertRedacted(asked, EMAIL);
        String token = tokens(asked.body()).get(0);

        ChatCompletionCreateParams second = first.toBuilder()
                .addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(call.id())
                        .content("Record for " + EMAIL + ": active customer")
                        .build())
                .build();
        ChatCompletion answer = client.chat().completions().create(second);

        assertEquals("Tool said: Record for " + EMAIL + ": active customer",
                answer.choices().get(0).message().content().orElseThrow());
        Received result = redacting.onlyExternal();
        assertRedacted(result, EMAIL);
        JsonNode messages = result.json().path("messages");
        assertEquals("{\"text\":\"Look up the customer " + token + "\"}",
                messages.at("/1/tool_calls/0/function/arguments").asText(),
                "the tool call's arguments went back out with the same token");
        assertEquals("Record for " + token + ": active customer", messages.at("/2/content").asText());
    }

    @Test
    void streamingToolCall_argumentsAssembledFromDeltas_holdTheAddress() throws Exception {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addTool(lookupTool())
                .addUserMessage("Find orders of " + EMAIL + " please")
                .build();

        StringBuilder arguments = new StringBuilder();
        String name = null;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                    for (ChatCompletionChunk.Choice.Delta.ToolCall tc : choice.delta().toolCalls().orElse(List.of())) {
                        if (tc.function().flatMap(f -> f.name()).isPresent()) {
                            name = tc.function().get().name().get();
                        }
                        tc.function().flatMap(f -> f.arguments()).ifPresent(arguments::append);
                    }
                }
            }
        }

        assertEquals("lookup_customer", name);
        assertEquals("{\"text\":\"Find orders of " + EMAIL + " please\"}", arguments.toString());
        assertRedacted(redacting.onlyExternal(), EMAIL);
    }

    @Test
    void embeddings_ofAString_leaveRedacted() throws Exception {
        CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small")
                .input("Customer " + EMAIL + " asked for a refund.")
                .build());

        assertEquals(List.of(0.1f, 0.2f, 0.3f), r.data().get(0).embedding());
        Received got = redacting.onlyExternal();
        assertEquals("/v1/embeddings", got.path());
        assertRedacted(got, EMAIL);
        assertTrue(got.json().path("input").asText().matches("Customer EMAIL_[0-9A-F]{8} asked for a refund\\."),
                got.body());
    }

    @Test
    void embeddings_ofAnArrayOfStrings_redactEveryElement() throws Exception {
        client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small")
                .inputOfArrayOfStrings(List.of("A note without personal data.", "Mail " + EMAIL,
                        "Also " + OTHER_EMAIL))
                .build());

        Received got = redacting.onlyExternal();
        assertRedacted(got, EMAIL);
        assertRedacted(got, OTHER_EMAIL);
        JsonNode input = got.json().path("input");
        assertEquals(3, input.size());
        assertEquals("A note without personal data.", input.get(0).asText());
        assertTrue(input.get(1).asText().matches("Mail EMAIL_[0-9A-F]{8}"), input.toString());
        assertTrue(input.get(2).asText().matches("Also EMAIL_[0-9A-F]{8}"), input.toString());
    }

    @Test
    void embeddings_ofTokenArrays_cannotBeScanned_soTheDefaultPolicyKeepsThemInternal() throws Exception {
        CreateEmbeddingResponse r = defaultsClient.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small")
                .inputOfArrayOfTokenArrays(List.of(List.of(9906L, 1917L, 0L), List.of(15339L, 1070L)))
                .build());

        assertEquals(List.of(0.1f, 0.2f, 0.3f), r.data().get(0).embedding());
        Received got = defaults.onlyInternal();
        assertEquals("/v1/embeddings", got.path());
        assertEquals("[[9906,1917,0],[15339,1070]]", got.json().path("input").toString(),
                "token ids are forwarded unchanged");
        assertFalse(got.headers().containsKey("authorization"), "the OpenAI key never goes to the internal upstream");
    }

    @Test
    void chat_withAnEmail_underTheDefaultPolicy_isAnsweredInternally_withTheRequestedModelName() throws Exception {
        String said = "Remind " + EMAIL + " of the meeting.";

        ChatCompletion c = defaultsClient.chat().completions().create(ask("echo: " + said));

        assertEquals(said, c.choices().get(0).message().content().orElseThrow());
        assertEquals(MODEL, c.model(), "the client sees the model it asked for");
        Received got = defaults.onlyInternal();
        assertEquals(LOCAL_MODEL, got.json().path("model").asText());
        assertEquals("echo: " + said, got.json().at("/messages/0/content").asText(),
                "routing internally needs no redaction");
    }

    @Test
    void responses_withAnEmail_leaveRedacted_andTheOutputTextComesBackRehydrated() throws Exception {
        String said = "Summarize the thread with " + EMAIL + ".";

        Response r = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .input("echo: " + said)
                .build());

        String text = r.output().get(0).asMessage().content().get(0).asOutputText().text();
        assertEquals(said, text);
        Received got = redacting.onlyExternal();
        assertEquals("/v1/responses", got.path());
        assertRedacted(got, EMAIL);
    }

    @Test
    void streamingResponses_withAnEmail_deltasDoneAndCompletedHoldTheAddress() throws Exception {
        String said = "Draft a reply to " + EMAIL + " today.";

        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model(MODEL).input("echo: " + said).build())) {
            events = stream.stream().toList();
        }

        String deltas = events.stream().flatMap(e -> e.outputTextDelta().stream())
                .map(d -> d.delta()).collect(Collectors.joining());
        assertEquals(said, deltas);
        assertEquals(List.of(said), events.stream().flatMap(e -> e.outputTextDone().stream())
                .map(d -> d.text()).toList());
        Response completed = events.stream().flatMap(e -> e.completed().stream()).findFirst().orElseThrow()
                .response();
        assertEquals(said, completed.output().get(0).asMessage().content().get(0).asOutputText().text());
        assertTrue(events.get(0).created().isPresent(), "the stream starts with response.created");
        Received got = redacting.onlyExternal();
        assertTrue(got.json().path("stream").asBoolean());
        assertRedacted(got, EMAIL);
    }

    @Test
    void responses_withInputItemsAndInstructions_redactBoth_andRehydrateEveryType() throws Exception {
        String said = "Call " + PHONE + " or write to " + EMAIL + ".";

        Response r = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .instructions("You answer on behalf of " + OTHER_EMAIL + ".")
                .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                        .role(EasyInputMessage.Role.USER)
                        .content("echo: " + said)
                        .build())))
                .build());

        assertEquals(said, r.output().get(0).asMessage().content().get(0).asOutputText().text());
        Received got = redacting.onlyExternal();
        assertRedacted(got, EMAIL);
        assertRedacted(got, OTHER_EMAIL);
        assertFalse(got.body().contains("7946"), () -> "the phone number left unredacted: " + got.body());
        assertTrue(got.json().path("instructions").asText().matches("You answer on behalf of EMAIL_[0-9A-F]{8}\\."),
                got.body());
        assertTrue(got.json().at("/input/0/content").asText()
                .matches("echo: Call PHONE_[0-9A-F]{8} or write to EMAIL_[0-9A-F]{8}\\."), got.body());
    }

    @Test
    void completions_withAnEmail_leaveRedacted_andTheTextComesBackRehydrated() throws Exception {
        String said = "Dear " + EMAIL + ", thank you.";

        Completion c = client.completions().create(CompletionCreateParams.builder()
                .model("gpt-3.5-turbo-instruct")
                .prompt("echo: " + said)
                .build());

        assertEquals(said, c.choices().get(0).text());
        Received got = redacting.onlyExternal();
        assertEquals("/v1/completions", got.path());
        assertRedacted(got, EMAIL);
    }

    @Test
    void streamingChat_underTheDefaultPolicy_everyChunkNamesTheRequestedModel() throws Exception {
        String said = "Invite " + EMAIL + " to the review.";

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream =
                defaultsClient.chat().completions().createStreaming(ask("echo: " + said))) {
            chunks = stream.stream().toList();
        }

        assertEquals(said, chunks.stream().flatMap(c -> c.choices().stream())
                .flatMap(choice -> choice.delta().content().stream()).collect(Collectors.joining()));
        assertEquals(Set.of(MODEL), chunks.stream().map(ChatCompletionChunk::model).collect(Collectors.toSet()),
                "the client sees the model it asked for in every chunk");
        assertEquals(LOCAL_MODEL, defaults.onlyInternal().json().path("model").asText());
    }

    @Test
    void streamingResponses_underTheDefaultPolicy_nameTheRequestedModel() throws Exception {
        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = defaultsClient.responses().createStreaming(
                ResponseCreateParams.builder().model(MODEL).input("echo: Plan a call with " + EMAIL).build())) {
            events = stream.stream().toList();
        }

        Response created = events.stream().flatMap(e -> e.created().stream()).findFirst().orElseThrow().response();
        Response completed = events.stream().flatMap(e -> e.completed().stream()).findFirst().orElseThrow().response();
        assertEquals(MODEL, modelName(created));
        assertEquals(MODEL, modelName(completed));
        assertEquals(LOCAL_MODEL, defaults.onlyInternal().json().path("model").asText());
    }

    @Test
    void models_listIsMergedFromBothUpstreams_eachMarkedWithWhereItRuns() throws Exception {
        List<Model> models = client.models().list().data();

        Map<String, String> upstreamByOwner = new TreeMap<>();
        for (Model m : models) {
            upstreamByOwner.put(m.ownedBy(), m._additionalProperties().get("veil_upstream").convert(String.class));
        }
        assertEquals(Map.of("stand-in for OpenAI", "openai", "stand-in for a self-hosted model", "local"),
                upstreamByOwner);
        assertEquals("/v1/models", redacting.openai().takeRequest(ConformanceStack.WAIT).path());
        assertEquals("/v1/models", redacting.local().takeRequest(ConformanceStack.WAIT).path());
    }

    private static ChatCompletionFunctionTool lookupTool() {
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("lookup_customer")
                        .description("Finds a customer record.")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties",
                                        JsonValue.from(Map.of("text", Map.of("type", "string"))))
                                .build())
                        .build())
                .build();
    }

    /** The SDK reads a known model name as a {@link ChatModel}, any other as a string. */
    private static String modelName(Response r) {
        return r.model().string().or(() -> r.model().chat().map(ChatModel::asString)).orElseThrow();
    }

    /** The body holds a pseudonym token and never the raw value. */
    private static void assertRedacted(Received got, String value) {
        assertFalse(got.body().contains(value), () -> "the upstream received the raw value: " + got.body());
        assertTrue(EMAIL_TOKEN.matcher(got.body()).find(), () -> "no pseudonym token in: " + got.body());
    }

    private static List<String> tokens(String body) {
        List<String> out = new ArrayList<>();
        Matcher m = EMAIL_TOKEN.matcher(body);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
