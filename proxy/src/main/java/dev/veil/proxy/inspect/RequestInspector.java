package dev.veil.proxy.inspect;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanResult;
import dev.veil.detectors.Scanner;
import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.RequestFacts;
import dev.veil.policy.SessionMemory;
import dev.veil.proxy.openai.ApiRequest;
import dev.veil.proxy.openai.TextFields;
import dev.veil.proxy.openai.TextSegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed request into an {@link Inspection}: extracts every text field, scans each, and
 * gathers the facts the policy needs. CPU-bound: call it off the event loop.
 *
 * <p>Thread-safe.
 */
public final class RequestInspector {

    /** Shorter texts are rescanned: hashing them costs about as much as scanning. */
    static final int MIN_CACHED_LENGTH = 64;
    private static final long DEFAULT_CACHE_ENTRIES = 100_000;

    private final Scanner scanner;
    /**
     * Scan results by SHA-256 of the text: a conversation resends its history every turn, and only
     * the new turn needs scanning. Keys are hashes, so the cache keeps no request text; results with
     * failed detectors are never cached.
     */
    private final Cache<ScanKey, ScanResult> cache;

    public RequestInspector(Scanner scanner) {
        this(scanner, DEFAULT_CACHE_ENTRIES);
    }

    /** @param cacheEntries how many scanned segments to remember; 0 turns the cache off */
    public RequestInspector(Scanner scanner, long cacheEntries) {
        this.scanner = requireNonNull(scanner, "scanner");
        this.cache = Caffeine.newBuilder()
                // Eviction and expiry bookkeeping on the calling thread, a little per write, rather
                // than handed to the common pool: on a proxy given one or two cores that hand-off
                // wakes another thread for most requests, which then competes with the event loop.
                .executor(Runnable::run)
                .maximumSize(cacheEntries)
                .expireAfterAccess(Duration.ofMinutes(30))
                .recordStats()
                .build();
    }

    /** Hit and miss counts of the scan cache. */
    public CacheStats cacheStats() {
        return cache.stats();
    }

    public Scanner scanner() {
        return scanner;
    }

    public Inspection inspect(ApiRequest request, String tenant, Map<String, String> headers) {
        return inspect(request, tenant, "", "", headers);
    }

    /**
     * Inspects a request of an authenticated client.
     *
     * @param apiKey the id of the client's Veil key (never the key itself), or empty
     * @param team the client's team, or empty
     */
    public Inspection inspect(ApiRequest request, String tenant, String apiKey, String team,
            Map<String, String> headers) {
        requireNonNull(request, "request");
        long start = System.nanoTime();
        int[] hitsAndMisses = new int[2];
        TextFields fields = TextFields.of(request.body());
        Map<String, List<Finding>> byField = new LinkedHashMap<>();
        List<Finding> all = new ArrayList<>();
        Set<String> failed = new LinkedHashSet<>();
        for (TextSegment s : fields.segments()) {
            ScanResult r = scan(s.text(), hitsAndMisses);
            failed.addAll(r.failedDetectors());
            if (!r.findings().isEmpty()) {
                byField.computeIfAbsent(s.path(), k -> new ArrayList<>()).addAll(r.findings());
                all.addAll(r.findings());
            }
        }
        RequestFacts.Builder facts = RequestFacts.builder()
                .endpoint(request.endpoint().path())
                .model(request.model())
                .tenant(tenant)
                .apiKey(apiKey)
                .team(team)
                .user(request.body().path("user").asText(""))
                .findings(all)
                .unscannableContent(fields.unscannable())
                .conversationFingerprint(conversationFingerprint(request));
        headers.forEach(facts::header);
        failed.forEach(facts::failedDetector);
        return new Inspection(request, fields.segments(), byField, facts.build(), hitsAndMisses[0],
                hitsAndMisses[1], System.nanoTime() - start);
    }

    private ScanResult scan(String text, int[] hitsAndMisses) {
        if (text.length() < MIN_CACHED_LENGTH) {
            return scanner.scan(text);
        }
        ScanKey key = ScanKey.of(text);
        ScanResult cached = cache.getIfPresent(key);
        if (cached != null) {
            hitsAndMisses[0]++;
            return cached;
        }
        hitsAndMisses[1]++;
        ScanResult r = scanner.scan(text);
        if (!r.degraded()) {
            cache.put(key, r);
        }
        return r;
    }

    /** A 256-bit digest of a text; equal texts, equal keys. */
    private record ScanKey(long a, long b, long c, long d) {
        static ScanKey of(String text) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                ByteBuffer bb = ByteBuffer.wrap(h);
                return new ScanKey(bb.getLong(), bb.getLong(), bb.getLong(), bb.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
    }

    /**
     * Identifies a conversation without a session id: every turn resends the conversation's first
     * messages, so a hash of them stays the same from turn to turn.
     */
    static String conversationFingerprint(ApiRequest request) {
        JsonNode items = request.body().path("messages");
        if (!items.isArray()) {
            items = request.body().path("input");
        }
        if (!items.isArray()) {
            return "";
        }
        List<String> first = new ArrayList<>();
        for (JsonNode m : items) {
            if (first.size() == SessionMemory.FINGERPRINT_MESSAGES) {
                break;
            }
            first.add(m.path("role").asText("") + ":" + m.path("content").toString());
        }
        return SessionMemory.fingerprint(first);
    }
}
