package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.proxy.demo.StubUpstream.Received;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Client keys, the admin port: what an operator turns on in veil.yaml, seen from outside. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerOptionsEndToEndTest {

    static final String CLIENT_KEY = "vk.ci.5qKq0vV8n1x3Jd7p2Zr4Lw9sT6yB0cE1";

    static Path keysFile() {
        try {
            Path dir = Files.createTempDirectory("veil-keys");
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CLIENT_KEY.getBytes(StandardCharsets.UTF_8)));
            Path f = dir.resolve("clients.yaml");
            Files.writeString(f, "keys:\n  - {id: ci, tenant: acme, team: data, hash: \"sha256:" + hex + "\"}\n");
            return f;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class WithClientKeys {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> c.withServer(c.server().withAuthKeysFile(keysFile())))
                .build();

        @Test
        void requestWithoutAKey_gets401_andReachesNobody() throws Exception {
            HttpResponse<String> r = veil.send("/v1/chat/completions", chatBody("What is 2 + 2?", false));

            assertEquals(401, r.statusCode(), r.body());
            assertEquals("invalid_api_key", VeilExtension.json(r.body()).at("/error/code").asText());
            assertNull(veil.openai().takeRequest(VeilExtension.QUIET));
            assertNull(veil.local().takeRequest(VeilExtension.QUIET));
        }

        @Test
        void requestWithAWrongKey_gets401() throws Exception {
            HttpResponse<String> r = veil.http().send(veil.post("/v1/chat/completions",
                            chatBody("What is 2 + 2?", false).getBytes(StandardCharsets.UTF_8))
                    .setHeader("Authorization", "Bearer " + CLIENT_KEY + "x").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(401, r.statusCode(), r.body());
            assertFalse(r.body().contains(CLIENT_KEY), "the key is not echoed");
        }

        @Test
        void requestWithItsKey_isServed_andTheKeyIsNotForwarded() throws Exception {
            HttpResponse<String> r = veil.http().send(veil.post("/v1/chat/completions",
                            chatBody("What is 2 + 2?", false).getBytes(StandardCharsets.UTF_8))
                    .setHeader("Authorization", "Bearer " + CLIENT_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, r.statusCode(), r.body());
            Received got = veil.openai().takeRequest(WAIT);
            assertNotNull(got);
            assertFalse(got.headers().getOrDefault("authorization", "").contains(CLIENT_KEY));
        }
    }

    @Nested
    class AdminPort {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.standard();

        @Test
        void metricsAndReadiness_areServedOnTheAdminPort() throws Exception {
            veil.chat("What is the capital of France?");
            HttpClient http = HttpClient.newHttpClient();
            String admin = "http://127.0.0.1:" + veil.veil().adminPort();

            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(admin + "/readyz"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());

            // The request is counted when its response has ended; poll briefly for it.
            String metrics = "";
            for (int i = 0; i < 50 && !metrics.contains("upstream=\"openai\""); i++) {
                metrics = http.send(HttpRequest.newBuilder(URI.create(admin + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Thread.sleep(50);
            }
            assertTrue(java.util.regex.Pattern.compile(
                    "(?m)^veil_requests_total\\{action=\"allow\",upstream=\"openai\",status=\"200\"\\} 1(\\.0)?$")
                    .matcher(metrics).find(), metrics);
            assertFalse(metrics.contains("France"), "no request text in metrics");
        }
    }
}
