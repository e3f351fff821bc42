package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * Sticky sessions, as set in a policy file's {@code sessions:} block: once a conversation was
 * routed to an internal upstream, later requests of the same conversation stay internal.
 *
 * @param enabled whether requests are tied to sessions at all
 * @param header the request header that carries a session id (lower case)
 * @param keyBy which identifiers key a session, tried in this order
 * @param ttl how long a session is remembered after its last internal routing
 * @param maxEntries how many sessions are remembered at most (least recently used go first)
 */
public record SessionSettings(boolean enabled, String header, List<KeySource> keyBy, Duration ttl, long maxEntries) {

    /** Where a session key comes from. */
    public enum KeySource {
        /** The client's {@code user} field. */
        USER,
        /** The configured session header. */
        HEADER,
        /** A hash of the conversation's first messages. */
        FINGERPRINT
    }

    /** Sessions on, keyed by user, then the {@code x-veil-session} header, then fingerprint; one day; 100,000 sessions. */
    public static final SessionSettings DEFAULT = new SessionSettings(true, "x-veil-session",
            List.of(KeySource.USER, KeySource.HEADER, KeySource.FINGERPRINT), Duration.ofDays(1), 100_000);

    public SessionSettings {
        requireNonNull(header, "header");
        keyBy = List.copyOf(keyBy);
        requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
    }
}
