package dev.veil.policy;

import static dev.veil.policy.TestSupport.UPSTREAMS;
import static dev.veil.policy.TestSupport.facts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.veil.policy.fixture.FixtureRunner;
import dev.veil.policy.fixture.ScanningFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyHolderTest {

    /** Routes personal data internally. */
    static final String ROUTE_PII = """
            version: 1
            default: allow
            on_detector_error: route local
            rules:
              - id: pii-internal
                description: Personal data stays in.
                when: {findings: "pii.*"}
                action: route local
            """;

    /** Blocks personal data. */
    static final String BLOCK_PII = """
            version: 1
            default: allow
            on_detector_error: block
            rules:
              - id: pii-block
                description: Personal data is refused.
                when: {findings: "pii.*"}
                action: block
                message: No personal data, please.
            """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private PolicyHolder holder(Path file) throws PolicyException {
        return PolicyHolder.load(file, UPSTREAMS, FindingTypes.DOCUMENTED);
    }

    @Test
    void reload_validChange_swapsAndCounts() throws Exception {
        Path file = write("p.yaml", ROUTE_PII);
        PolicyHolder holder = holder(file);
        String first = holder.current().version();
        assertEquals(Action.ROUTE, holder.decide(facts("pii.email")).action());

        Files.writeString(file, BLOCK_PII);
        PolicyHolder.ReloadOutcome outcome = holder.reload();

        assertTrue(outcome.swapped());
        assertNotEquals(first, outcome.version());
        assertEquals(Action.BLOCK, holder.decide(facts("pii.email")).action());
        assertEquals(outcome.version(), holder.decide(facts("pii.email")).policyVersion());
        assertEquals(1, holder.reloads());
    }

    @Test
    void reload_unchangedContent_isNoOp() throws Exception {
        PolicyHolder holder = holder(write("p.yaml", ROUTE_PII));
        PolicyHolder.ReloadOutcome outcome = holder.reload();
        assertFalse(outcome.swapped());
        assertFalse(outcome.refused());
        assertEquals(0, holder.reloads());
    }

    @Test
    void reload_invalidFile_keepsLastGoodPolicyAndCountsRefusal() throws Exception {
        Path file = write("p.yaml", ROUTE_PII);
        PolicyHolder holder = holder(file);
        String good = holder.current().version();

        Files.writeString(file, ROUTE_PII.replace("action: route local", "action: route nowhere"));
        PolicyHolder.ReloadOutcome outcome = holder.reload();

        assertTrue(outcome.refused());
        assertEquals(good, holder.current().version());
        assertEquals(Action.ROUTE, holder.decide(facts("pii.email")).action());
        assertEquals(1, holder.refusals());
        PolicyError error = holder.lastRefusal().get(0);
        assertEquals(8, error.line());
        assertEquals(19, error.column());
        assertTrue(error.message().contains("unknown upstream 'nowhere'"), error.message());
    }

    @Test
    void load_invalidFile_refusesStartUp() throws Exception {
        Path file = write("p.yaml", "version: 1\ndefault: allow\n");
        PolicyException e = assertThrows(PolicyException.class, () -> holder(file));
        assertTrue(e.getMessage().contains("missing required key 'on_detector_error'"), e.getMessage());
    }

    @Test
    void reload_failingFixture_isRefused() throws Exception {
        write("p.cases.yaml", """
                cases:
                  - description: personal data stays internal
                    request: {findings: [pii.email]}
                    expect: {action: route, upstream: local}
                """);
        Path file = write("p.yaml", ROUTE_PII + "fixtures: p.cases.yaml\n");
        FixtureRunner runner = new FixtureRunner(new ScanningFacts(dev.veil.detectors.Scanner.standard()), Set.of());
        PolicyHolder holder = PolicyHolder.load(file, UPSTREAMS, FindingTypes.DOCUMENTED, Optional.of(runner),
                Ticker.systemTicker());

        Files.writeString(file, BLOCK_PII + "fixtures: p.cases.yaml\n");
        PolicyHolder.ReloadOutcome outcome = holder.reload();

        assertTrue(outcome.refused());
        assertEquals(2, outcome.errors().get(0).line());
        assertTrue(outcome.errors().get(0).message().contains("action block, expected route"),
                outcome.errors().get(0).message());
        assertEquals(Action.ROUTE, holder.decide(facts("pii.email")).action());
    }

    /**
     * Readers decide without pause while the file flips between two valid policies and an invalid
     * one. Every decision must be exactly what the policy version it names would decide.
     */
    @Test
    void reload_underConcurrentTraffic_neverServesAHalfLoadedPolicy() throws Exception {
        Path file = write("p.yaml", ROUTE_PII);
        PolicyHolder holder = holder(file);
        String routeVersion = holder.current().version();
        String blockVersion = Policy.parse(BLOCK_PII, "b", UPSTREAMS, FindingTypes.DOCUMENTED).version();
        Map<String, Action> expected = Map.of(routeVersion, Action.ROUTE, blockVersion, Action.BLOCK);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong decisions = new AtomicLong();
        Set<String> seenVersions = ConcurrentHashMap.newKeySet();
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(3);
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread reader = new Thread(() -> {
                started.countDown();
                RequestFacts pii = facts("pii.email");
                while (!stop.get()) {
                    Decision d = holder.decide(pii);
                    seenVersions.add(d.policyVersion());
                    Action want = expected.get(d.policyVersion());
                    if (want != d.action()) {
                        problems.add(d.policyVersion() + " decided " + d.action());
                    }
                    decisions.incrementAndGet();
                }
            });
            reader.start();
            readers.add(reader);
        }
        started.await();
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            String content = switch (i % 3) {
                case 0 -> BLOCK_PII;
                case 1 -> "version: 1\ndefault: allow\nrules: [\n";
                default -> ROUTE_PII;
            };
            Files.writeString(file, content);
            if (holder.reload().refused()) {
                refused++;
            }
            Thread.sleep(2);
        }
        stop.set(true);
        for (Thread r : readers) {
            r.join();
        }
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(Set.of(routeVersion, blockVersion), seenVersions);
        assertEquals(20, refused);
        assertEquals(20, holder.refusals());
        assertTrue(decisions.get() > 1000, "too little traffic to mean anything: " + decisions.get());
    }

    @Test
    void watcher_fileChangeOnDisk_reloadsWithoutBeingAsked() throws Exception {
        Path file = write("p.yaml", ROUTE_PII);
        PolicyHolder holder = holder(file);
        try (PolicyFileWatcher ignored = PolicyFileWatcher.start(holder, Duration.ofMillis(50))) {
            Path tmp = write("p.yaml.tmp", BLOCK_PII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (holder.reloads() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(1, holder.reloads());
        assertEquals(Action.BLOCK, holder.decide(facts("pii.email")).action());
    }

    @Test
    void watcher_otherFileInTheDirectoryChanges_doesNotReload() throws Exception {
        Path file = write("p.yaml", ROUTE_PII);
        PolicyHolder holder = holder(file);
        AtomicLong outcomes = new AtomicLong();
        try (PolicyFileWatcher ignored = PolicyFileWatcher.start(holder, Duration.ofMillis(50),
                outcome -> outcomes.incrementAndGet())) {
            // A log file next to the policy, appended to like a request log.
            Path log = dir.resolve("veil.log");
            for (int i = 0; i < 20; i++) {
                Files.writeString(log, "line " + i + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
                Thread.sleep(10);
            }
            Thread.sleep(300);
            assertEquals(0, outcomes.get(), "a write to another file re-read the policy");
            // The policy itself still reloads.
            Files.writeString(file, BLOCK_PII);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (holder.reloads() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(1, holder.reloads());
        assertEquals(Action.BLOCK, holder.decide(facts("pii.email")).action());
    }

    @Test
    void shadow_candidateDisagrees_isCountedButNeverEnforced() throws Exception {
        PolicyHolder holder = holder(write("p.yaml", ROUTE_PII));
        holder.shadow(write("candidate.yaml", BLOCK_PII));

        PolicyHolder.Evaluation pii = holder.evaluate(facts("pii.email"));
        PolicyHolder.Evaluation clean = holder.evaluate(facts());

        assertEquals(Action.ROUTE, pii.decision().action());
        assertEquals(Action.BLOCK, pii.shadow().orElseThrow().action());
        assertTrue(pii.differs());
        assertFalse(clean.differs());
        assertEquals(2, holder.shadowEvaluations());
        assertEquals(1, holder.shadowDifferences());

        holder.clearShadow();
        assertTrue(holder.evaluate(facts("pii.email")).shadow().isEmpty());
    }
}
