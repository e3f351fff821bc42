package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.audit.AuditRecord;
import dev.veil.detectors.Detector;
import dev.veil.detectors.custom.RegexDetector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.Scanner;
import dev.veil.proxy.config.VeilConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A detector that throws or does not finish in time makes the request sensitive: the default
 * policy's {@code on_detector_error: route local} keeps it internal. It never goes out as clean.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DetectorFailureEndToEndTest {

    /** Throws on any text holding its trigger word, finds nothing otherwise. */
    static final class ThrowingDetector implements Detector {
        @Override
        public String id() {
            return "throwing";
        }

        @Override
        public List<String> types() {
            return List.of("custom.throwing");
        }

        @Override
        public List<Finding> detect(String text) {
            if (text.contains("KABOOM")) {
                throw new IllegalStateException("detector bug");
            }
            return List.of();
        }
    }

    /** Blocks on any text holding its trigger word until released (at most ten seconds). */
    static final class StuckDetector implements Detector {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public String id() {
            return "stuck";
        }

        @Override
        public List<String> types() {
            return List.of("custom.stuck");
        }

        @Override
        public List<Finding> detect(String text) {
            if (text.contains("TARPIT")) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of();
        }
    }

    static Scanner standardPlus(Detector extra) {
        List<Detector> all = new ArrayList<>(Scanner.standard().detectors());
        all.add(extra);
        return new Scanner(all);
    }

    @Nested
    class Throwing {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .scanner(() -> standardPlus(new ThrowingDetector()))
                .recordingAudit()
                .build();

        @Test
        void requestADetectorThrowsOn_isRoutedInternal_neverExternal() throws Exception {
            HttpResponse<String> r = veil.chat("What is the capital of France? KABOOM");

            assertEquals(200, r.statusCode(), r.body());
            assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
            assertTrue(r.headers().firstValue("x-veil-decision").orElse("").startsWith("route;"));
            assertNotNull(veil.local().takeRequest(WAIT));
            assertNull(veil.openai().takeRequest(QUIET), "a request with a failed scan went out as clean");

            AuditRecord record = veil.records().take(WAIT);
            assertNotNull(record);
            assertEquals(List.of("throwing"), record.findings().degradedDetectors());
            assertEquals("local", record.routing().upstream());
            assertTrue(record.verdict().rules().contains("on_detector_error"), record.verdict().toString());
        }

        @Test
        void requestTheDetectorHandles_isStillClean() throws Exception {
            HttpResponse<String> r = veil.chat("What is the capital of France?");

            assertEquals(200, r.statusCode(), r.body());
            assertEquals("openai", r.headers().firstValue("x-veil-upstream").orElse(""));
        }

        @Test
        void failureInAnyField_counts_notOnlyTheLastMessage() throws Exception {
            String body = "{\"model\":\"gpt-4o-mini\",\"messages\":["
                    + "{\"role\":\"system\",\"content\":\"KABOOM\"},"
                    + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";

            HttpResponse<String> r = veil.send("/v1/chat/completions", body);

            assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""), r.body());
            assertNull(veil.openai().takeRequest(QUIET));
        }
    }

    @Nested
    class TooSlow {

        static final Duration SCAN_TIMEOUT = Duration.ofMillis(300);
        final StuckDetector stuck = new StuckDetector();

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .scanner(() -> standardPlus(stuck))
                .configure(c -> new VeilConfig(c.host(), c.port(), c.maxBodyBytes(), c.upstreams(),
                        c.defaultUpstream(), c.policyFile(), c.audit(), SCAN_TIMEOUT, c.workerThreads()).withServer(c.server()))
                .recordingAudit()
                .build();

        @AfterEach
        void releaseTheScanThread() {
            stuck.release.countDown();
        }

        @Test
        void requestWhoseScanTimesOut_isRoutedInternal_neverExternal() throws Exception {
            HttpResponse<String> r = veil.chat("What is the capital of France? TARPIT");

            assertTrue(stuck.entered.await(0, TimeUnit.SECONDS), "the slow detector never ran");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
            assertTrue(r.headers().firstValue("x-veil-decision").orElse("").startsWith("route;"));
            assertNotNull(veil.local().takeRequest(WAIT));

            // Let the scan finish late: its result must not send the request anywhere again.
            stuck.release.countDown();
            assertNull(veil.openai().takeRequest(QUIET), "a request with a timed-out scan went out as clean");
            assertNull(veil.local().takeRequest(QUIET), "the request was forwarded twice");

            AuditRecord record = veil.records().take(WAIT);
            assertNotNull(record);
            assertEquals(List.of("scan-timeout"), record.findings().degradedDetectors());
            assertTrue(record.verdict().rules().contains("on_detector_error"), record.verdict().toString());
        }
    }

    /**
     * A custom expression from the configuration that backtracks without bound on one request:
     * Veil's own detectors would scan this small body on the network thread, but with a custom
     * expression every scan goes to a scan thread, so the scan time limit still decides.
     */
    @Nested
    class RunawayCustomExpression {

        static final Duration SCAN_TIMEOUT = Duration.ofMillis(50);

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .scanner(() -> standardPlus(new RegexDetector("runaway", "((a+)+)+b", 0.9, List.of())))
                .configure(c -> new VeilConfig(c.host(), c.port(), c.maxBodyBytes(), c.upstreams(),
                        c.defaultUpstream(), c.policyFile(), c.audit(), SCAN_TIMEOUT, c.workerThreads()).withServer(c.server()))
                .recordingAudit()
                .build();

        @Test
        void smallRequestThatMakesItBacktrack_timesOutAndIsRoutedInternal() throws Exception {
            // Nested repetition over a run of 24 letters: one to five seconds of backtracking
            // (measured), far beyond the 50 ms limit, and the thread comes free again in the end.
            HttpResponse<String> r = veil.chat("Please repeat: " + "a".repeat(24) + "! Thanks, bye");

            assertEquals(200, r.statusCode(), r.body());
            assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
            assertNull(veil.openai().takeRequest(QUIET), "a request whose scan never ended went out as clean");
            AuditRecord record = veil.records().take(WAIT);
            assertNotNull(record);
            assertEquals(List.of("scan-timeout"), record.findings().degradedDetectors());
        }
    }
}
