package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.CircuitBreakerEndToEndTest.CLEAN;
import static dev.veil.proxy.e2e.UpstreamFailureEndToEndTest.SSN_QUESTION;
import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.veil.proxy.demo.StubUpstream.Behavior;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 429 and 5xx answers of an upstream reach the official OpenAI Java SDK as they left the upstream:
 * status, OpenAI error body, {@code Retry-After} and the {@code x-ratelimit-*} headers, so the SDK's
 * own retry logic sees what OpenAI said. Veil itself sends such a request once: its bytes reached
 * the upstream, and a model call is not idempotent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpstreamStatusSdkEndToEndTest {

    static final String RATE_LIMITED = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests "
            + "per min (RPM): Limit 3, Used 3, Requested 1.\",\"type\":\"requests\",\"param\":null,"
            + "\"code\":\"rate_limit_exceeded\"}}";
    static final Map<String, String> RATE_HEADERS = Map.of(
            "Retry-After", "20",
            "x-ratelimit-limit-requests", "3",
            "x-ratelimit-remaining-requests", "0",
            "x-ratelimit-reset-requests", "20s",
            "x-ratelimit-limit-tokens", "40000",
            "x-ratelimit-remaining-tokens", "39950",
            "x-ratelimit-reset-tokens", "75ms");

    @RegisterExtension
    final VeilExtension veil = VeilExtension.standard();

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        // No retries in the SDK: each call below is exactly one request to Veil.
        client = VeilExtension.sdkClient(veil.veil().baseUrl(), "client-key");
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static ChatCompletionCreateParams ask(String question) {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(question).build();
    }

    @Test
    void rateLimit_reachesTheSdkWithRetryAfterAndRateLimitHeaders_andIsSentUpstreamOnce() throws Exception {
        veil.openai().enqueue(new Behavior.Status(429, RATE_LIMITED, RATE_HEADERS));

        RateLimitException e = assertThrows(RateLimitException.class, () -> client.chat().completions().create(ask(CLEAN)));

        assertEquals(429, e.statusCode());
        RATE_HEADERS.forEach((name, value) -> assertEquals(List.of(value), e.headers().values(name), name));
        assertEquals("rate_limit_exceeded", e.code().orElse(""));
        assertEquals(1, veil.openai().drain().size(), "requests the upstream received");
    }

    @Test
    void serverError_reachesTheSdkWithItsBodyAndRetryAfter_andIsSentUpstreamOnce() throws Exception {
        String body = "{\"error\":{\"message\":\"The model is overloaded.\",\"type\":\"server_error\",\"param\":null,"
                + "\"code\":\"overloaded\"}}";
        veil.local().enqueue(new Behavior.Status(503, body, Map.of("Retry-After", "5")));

        InternalServerException e = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(ask(SSN_QUESTION)));

        assertEquals(503, e.statusCode());
        assertEquals(List.of("5"), e.headers().values("retry-after"));
        assertEquals("overloaded", e.code().orElse(""));
        assertEquals(1, veil.local().drain().size(), "requests the upstream received");
        assertNull(veil.openai().takeRequest(QUIET), "a failed sensitive request went to the external upstream");
    }
}
