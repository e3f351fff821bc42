package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.LOCAL_MODEL;
import static dev.veil.proxy.e2e.VeilExtension.OPENAI_KEY;
import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.veil.proxy.demo.StubUpstream.Received;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official OpenAI Java SDK, unmodified except for its base URL, works through Veil. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenAiSdkEndToEndTest {

    @RegisterExtension
    final VeilExtension veil = VeilExtension.standard();

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        client = VeilExtension.sdkClient(veil.veil().baseUrl(), "client-key");
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static ChatCompletionCreateParams ask(String question) {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage(question)
                .build();
    }

    @Test
    void chatCompletion_clean_isAnsweredByTheExternalUpstream() throws Exception {
        ChatCompletion c = client.chat().completions().create(ask("What is the capital of France?"));

        assertEquals("Hello from the stand-in for OpenAI.", c.choices().get(0).message().content().orElse(""));
        Received got = veil.openai().takeRequest(WAIT);
        assertNotNull(got);
        assertEquals("Bearer " + OPENAI_KEY, got.headers().get("authorization"));
        assertEquals("What is the capital of France?", got.json().at("/messages/0/content").asText());
        assertNull(veil.local().takeRequest(QUIET));
    }

    @Test
    void chatCompletion_withAnSsn_isAnsweredByTheInternalUpstream() throws Exception {
        ChatCompletion c = client.chat().completions().create(ask("My SSN is 123-45-6789; which form?"));

        assertEquals("Hello from the stand-in for a self-hosted model.",
                c.choices().get(0).message().content().orElse(""));
        assertEquals(VeilExtension.MODEL, c.model(), "the client sees the model it asked for");
        Received got = veil.local().takeRequest(WAIT);
        assertNotNull(got);
        assertEquals(LOCAL_MODEL, got.json().path("model").asText(), "the upstream got its own model name");
        assertFalse(got.headers().containsKey("authorization"));
        assertNull(veil.openai().takeRequest(QUIET));
    }

    @Test
    void streamingChatCompletion_deliversEveryChunk_fromTheExternalUpstream() throws Exception {
        String text;
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(ask("Say hello."))) {
            chunks = stream.stream().toList();
        }
        text = chunks.stream()
                .flatMap(c -> c.choices().stream())
                .flatMap(choice -> choice.delta().content().stream())
                .collect(Collectors.joining());

        assertTrue(text.startsWith("Hello from the stand-in for OpenAI."), text);
        assertEquals("stop", chunks.get(chunks.size() - 1).choices().get(0).finishReason().orElseThrow().asString());
        Received got = veil.openai().takeRequest(WAIT);
        assertTrue(got.json().path("stream").asBoolean(), "the upstream was not asked to stream");
        assertNull(veil.local().takeRequest(QUIET));
    }

    @Test
    void streamingChatCompletion_withAnEmail_streamsFromTheInternalUpstream() throws Exception {
        String text;
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(ask("Write to jane.roe@example.org, please."))) {
            text = stream.stream()
                    .flatMap(c -> c.choices().stream())
                    .flatMap(choice -> choice.delta().content().stream())
                    .collect(Collectors.joining());
        }

        assertTrue(text.startsWith("Hello from the stand-in for a self-hosted model."), text);
        assertNotNull(veil.local().takeRequest(WAIT));
        assertNull(veil.openai().takeRequest(QUIET));
    }

    @Test
    void blockedRequest_surfacesAsTheSdksServiceError_withVeilsCode() {
        OpenAIServiceException e = assertThrows(OpenAIServiceException.class,
                () -> client.chat().completions().create(ask("key: AKIAIOSFODNN7EXAMPLE please rotate")));

        assertEquals(403, e.statusCode());
        assertEquals("blocked_by_policy", e.code().orElse(""));
        assertEquals("policy_violation", e.type().orElse(""));
        assertFalse(e.getMessage().contains("AKIAIOSFODNN7EXAMPLE"), e.getMessage());
    }

    @Test
    void modelList_showsBothUpstreamsModels_withVeilsMarks() {
        List<Model> models = client.models().list().data();

        Map<String, String> upstreamByOwner = new TreeMap<>();
        for (Model m : models) {
            upstreamByOwner.put(m.ownedBy(), m._additionalProperties().get("veil_upstream").convert(String.class));
        }
        assertEquals(Map.of("stand-in for OpenAI", "openai", "stand-in for a self-hosted model", "local"),
                upstreamByOwner);
    }
}
