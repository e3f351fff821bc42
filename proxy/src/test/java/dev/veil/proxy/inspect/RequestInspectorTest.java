package dev.veil.proxy.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.Scanner;
import dev.veil.proxy.openai.ApiRequest;
import dev.veil.proxy.openai.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RequestInspectorTest {

    /** Finds "secret-word" and counts how many long texts (worth caching) it was asked to scan. */
    private static final class CountingDetector implements Detector {
        final AtomicInteger calls = new AtomicInteger();
        final Pattern p = Pattern.compile("secret-word");

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public List<String> types() {
            return List.of("custom.word");
        }

        @Override
        public List<Finding> detect(String text) {
            if (text.length() >= RequestInspector.MIN_CACHED_LENGTH) {
                calls.incrementAndGet();
            }
            List<Finding> out = new ArrayList<>();
            Matcher m = p.matcher(text);
            while (m.find()) {
                out.add(new Finding("custom.word", m.start(), m.end(), 1.0, id()));
            }
            return out;
        }
    }

    private static ApiRequest chat(String... turns) throws Exception {
        StringBuilder b = new StringBuilder("{\"model\":\"m\",\"messages\":[");
        for (int i = 0; i < turns.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"").append(turns[i]).append("\"}");
        }
        return ApiRequest.parse(Endpoint.CHAT_COMPLETIONS, b.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void inspect_secondTurnRescansOnlyTheNewMessage() throws Exception {
        CountingDetector d = new CountingDetector();
        RequestInspector inspector = new RequestInspector(new Scanner(List.of(d)));
        String t1 = "The first turn is long enough to be worth caching, and it mentions secret-word once.";
        String t2 = "The second turn is also long enough to be worth caching, and has no finding in it.";
        inspector.inspect(chat(t1), "", Map.of());
        assertEquals(1, d.calls.get());
        Inspection second = inspector.inspect(chat(t1, t2), "", Map.of());

        assertEquals(1, second.facts().findings().size(), "the cached finding of turn one still counts");
        assertEquals(1, inspector.cacheStats().hitCount(), "turn one came from the cache");
        assertEquals(2, d.calls.get(), "only the new turn was scanned");
    }

    @Test
    void inspect_withCacheOff_rescansEverything() throws Exception {
        CountingDetector d = new CountingDetector();
        RequestInspector inspector = new RequestInspector(new Scanner(List.of(d)), 0);
        String t1 = "The first turn is long enough to be worth caching, and it mentions secret-word once.";
        inspector.inspect(chat(t1), "", Map.of());
        inspector.inspect(chat(t1), "", Map.of());
        assertEquals(2, d.calls.get());
    }
}
