package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Sticky sessions: remembers conversations that were routed to an internal upstream so that later
 * turns stay internal even when they hold nothing sensitive themselves (the model's context does).
 *
 * <p>Sessions are keyed by tenant plus the first available of the client's {@code user}, the
 * session header, or a fingerprint of the conversation's first messages, as the policy's
 * {@code sessions.key_by} says. Keys are hashed before they are stored, so the memory holds no user
 * ids. Entries expire {@code ttl} after the last internal routing and the least recently used go
 * first beyond {@code max_entries}.
 *
 * <p>Thread-safe. Survives policy reloads: {@link #reconfigure} adjusts expiry and size in place,
 * so a reload never forgets which conversations must stay internal.
 */
public final class SessionMemory {

    /** How many leading messages {@link #fingerprint} reads: the system prompt and first user turn. */
    public static final int FINGERPRINT_MESSAGES = 2;

    private final Cache<String, String> internalUpstreams;

    public SessionMemory(SessionSettings settings) {
        this(settings, Ticker.systemTicker());
    }

    /** @param ticker the time source for expiry; tests pass a fake one */
    public SessionMemory(SessionSettings settings, Ticker ticker) {
        requireNonNull(settings, "settings");
        requireNonNull(ticker, "ticker");
        this.internalUpstreams = Caffeine.newBuilder()
                // Eviction and expiry bookkeeping on the calling thread, a little per write, rather
                // than handed to the common pool: on a proxy given one or two cores that hand-off
                // wakes another thread for most requests, which then competes with the event loop.
                .executor(Runnable::run)
                .expireAfterWrite(settings.ttl())
                .maximumSize(settings.maxEntries())
                .ticker(ticker)
                .build();
    }

    /** Applies a reloaded policy's expiry and size without dropping remembered sessions. */
    public void reconfigure(SessionSettings settings) {
        requireNonNull(settings, "settings");
        internalUpstreams.policy().expireAfterWrite().ifPresent(e -> e.setExpiresAfter(settings.ttl()));
        internalUpstreams.policy().eviction().ifPresent(e -> e.setMaximum(settings.maxEntries()));
    }

    /**
     * A stable hash of a conversation's first messages, for clients that send neither {@code user}
     * nor a session header. Every turn of a chat resends its beginning, so the hash stays the same
     * across turns. Pass the texts (role and content) in order; only the first
     * {@value #FINGERPRINT_MESSAGES} are read.
     */
    public static String fingerprint(List<String> firstMessages) {
        requireNonNull(firstMessages, "firstMessages");
        if (firstMessages.isEmpty()) {
            return "";
        }
        MessageDigest sha = sha256();
        for (String m : firstMessages.subList(0, Math.min(FINGERPRINT_MESSAGES, firstMessages.size()))) {
            byte[] bytes = m.getBytes(StandardCharsets.UTF_8);
            sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    }

    /** The session key for a request, or empty if none of the configured sources is present. */
    public static Optional<String> key(RequestFacts facts, SessionSettings settings) {
        for (SessionSettings.KeySource source : settings.keyBy()) {
            String value = switch (source) {
                case USER -> facts.user();
                case HEADER -> facts.headers().getOrDefault(settings.header(), "");
                case FINGERPRINT -> facts.conversationFingerprint();
            };
            if (!value.isEmpty()) {
                MessageDigest sha = sha256();
                sha.update((facts.tenant() + '\0' + source + '\0' + value).getBytes(StandardCharsets.UTF_8));
                return Optional.of(HexFormat.of().formatHex(sha.digest()));
            }
        }
        return Optional.empty();
    }

    /**
     * Applies stickiness to a decision: a routing to an internal upstream is remembered; a
     * decision that would send a remembered conversation outside (allow, redact, external route)
     * becomes a route to the internal upstream it used before. Blocks are left alone.
     *
     * @param remember false to look without recording (shadow evaluation)
     */
    public Decision stick(Decision decision, RequestFacts facts, Policy policy, boolean remember) {
        requireNonNull(decision, "decision");
        requireNonNull(facts, "facts");
        requireNonNull(policy, "policy");
        SessionSettings settings = policy.sessions();
        if (!settings.enabled() || decision.action() == Action.BLOCK) {
            return decision;
        }
        Optional<String> key = key(facts, settings);
        if (key.isEmpty()) {
            return decision;
        }
        Map<String, Trust> upstreams = policy.upstreams();
        if (decision.action() == Action.ROUTE && upstreams.get(decision.upstream()) == Trust.INTERNAL) {
            if (remember) {
                internalUpstreams.put(key.get(), decision.upstream());
            }
            return decision;
        }
        String previous = internalUpstreams.getIfPresent(key.get());
        if (previous == null) {
            return decision;
        }
        List<String> applied = new ArrayList<>(decision.appliedRules());
        applied.add(Policy.SESSION_ID);
        applied.sort(null);
        String upstream = upstreams.get(previous) == Trust.INTERNAL ? previous : firstInternal(upstreams);
        if (upstream == null) {
            // The upstream it used is gone and no internal one is left: refusing is the only way
            // to keep the conversation in.
            return new Decision(Action.BLOCK, "", Policy.SESSION_ID, applied, List.of(),
                    "Blocked by policy: this conversation must stay on an internal model and none is configured.",
                    decision.policyVersion());
        }
        if (remember) {
            internalUpstreams.put(key.get(), upstream);
        }
        return new Decision(Action.ROUTE, upstream, Policy.SESSION_ID, applied, List.of(), "",
                decision.policyVersion(), RedactMode.MASK, decision.fallback());
    }

    private static String firstInternal(Map<String, Trust> upstreams) {
        return new TreeSet<>(upstreams.keySet()).stream()
                .filter(n -> upstreams.get(n) == Trust.INTERNAL).findFirst().orElse(null);
    }

    /** Number of remembered sessions (approximate, as Caffeine counts). */
    public long size() {
        internalUpstreams.cleanUp();
        return internalUpstreams.estimatedSize();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
