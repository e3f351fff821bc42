package dev.veil.policy;

import static dev.veil.policy.TestSupport.UPSTREAMS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.veil.detectors.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionMemoryTest {

    private final AtomicLong nanos = new AtomicLong();
    private PolicyHolder holder;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, PolicyHolderTest.ROUTE_PII + """
                sessions:
                  header: x-conversation
                  key_by: [user, header, fingerprint]
                  ttl: 30m
                """);
        holder = PolicyHolder.load(file, UPSTREAMS, FindingTypes.DOCUMENTED, Optional.empty(), nanos::get);
    }

    private static RequestFacts.Builder request(boolean personal) {
        RequestFacts.Builder b = RequestFacts.builder().tenant("acme");
        if (personal) {
            b.finding(new Finding("pii.email", 0, 5, 0.99, "email"));
        }
        return b;
    }

    @Test
    void decide_laterCleanTurnOfInternalConversation_staysInternal() {
        assertEquals("local", holder.decide(request(true).user("u1").build()).upstream());

        Decision next = holder.decide(request(false).user("u1").build());

        assertEquals(Action.ROUTE, next.action());
        assertEquals("local", next.upstream());
        assertEquals(Policy.SESSION_ID, next.decidingRule());
        assertEquals(List.of("default", "session"), next.appliedRules());
    }

    @Test
    void decide_otherUserOrTenant_isNotAffected() {
        holder.decide(request(true).user("u1").build());
        assertEquals(Action.ALLOW, holder.decide(request(false).user("u2").build()).action());
        assertEquals(Action.ALLOW, holder.decide(request(false).user("u1").tenant("other").build()).action());
    }

    @Test
    void decide_sessionHeaderAndFingerprint_keySessionsWithoutUser() {
        holder.decide(request(true).header("X-Conversation", "c-1").build());
        assertEquals("session", holder.decide(request(false).header("x-conversation", "c-1").build()).decidingRule());

        String fp = SessionMemory.fingerprint(List.of("system:be brief", "user:hello"));
        holder.decide(request(true).conversationFingerprint(fp).build());
        assertEquals("session", holder.decide(request(false).conversationFingerprint(fp).build()).decidingRule());
    }

    @Test
    void decide_afterTtl_conversationMayLeaveAgain() {
        holder.decide(request(true).user("u1").build());
        nanos.addAndGet(Duration.ofMinutes(29).toNanos());
        assertEquals("session", holder.decide(request(false).user("u1").build()).decidingRule());
        // The sticky routing above counted as a new internal routing: the 30 minutes restart.
        nanos.addAndGet(Duration.ofMinutes(31).toNanos());
        assertEquals(Action.ALLOW, holder.decide(request(false).user("u1").build()).action());
    }

    @Test
    void fingerprint_dependsOnFirstMessagesOnly() {
        String a = SessionMemory.fingerprint(List.of("system:s", "user:hi", "assistant:hello"));
        String b = SessionMemory.fingerprint(List.of("system:s", "user:hi", "assistant:something else"));
        assertEquals(a, b);
        assertNotEquals(a, SessionMemory.fingerprint(List.of("system:s", "user:hi!")));
        // Length-prefixed, so moving text across the boundary changes the hash.
        assertNotEquals(SessionMemory.fingerprint(List.of("ab", "c")), SessionMemory.fingerprint(List.of("a", "bc")));
    }

    @Test
    void decide_sessionsDisabled_noStickiness(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.yaml");
        Files.writeString(file, PolicyHolderTest.ROUTE_PII + "sessions: {enabled: false}\n");
        PolicyHolder h = PolicyHolder.load(file, UPSTREAMS, FindingTypes.DOCUMENTED);
        h.decide(request(true).user("u1").build());
        assertEquals(Action.ALLOW, h.decide(request(false).user("u1").build()).action());
    }
}
