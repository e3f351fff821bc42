package dev.veil.proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.policy.Action;
import dev.veil.proxy.metrics.VeilMetrics.Stage;
import dev.veil.proxy.upstream.UpstreamFailure;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VeilMetricsTest {

    private final VeilMetrics metrics = new VeilMetrics(Set.of("pii.email", "secret.jwt"), Set.of("openai", "local"));

    private String scrape() {
        return metrics.registry().scrape();
    }

    @Test
    void requestFinished_countsByActionUpstreamAndStatus() {
        metrics.requestFinished(Action.ROUTE, "local", 200);
        metrics.requestFinished(Action.ROUTE, "local", 200);
        metrics.requestFinished(Action.BLOCK, VeilMetrics.NONE, 403);
        metrics.requestRejected(401);

        String text = scrape();
        assertTrue(text.contains("veil_requests_total{action=\"route\",upstream=\"local\",status=\"200\"} 2\n"), text);
        assertTrue(text.contains("veil_requests_total{action=\"block\",upstream=\"none\",status=\"403\"} 1\n"), text);
        assertTrue(text.contains("veil_requests_total{action=\"none\",upstream=\"none\",status=\"401\"} 1\n"), text);
    }

    @Test
    void labels_neverCarryValuesThatAreNotKnownIdentifiers() {
        String email = "jane.doe@example.com";
        String sentence = "my card is 4111 1111 1111 1111";
        metrics.findings(email, 1);
        metrics.findings("pii.email", 2);
        metrics.requestFinished(Action.ALLOW, email, 200);
        metrics.ruleApplied(sentence);
        metrics.ruleApplied("block-secrets");
        metrics.detectorFailed(email);
        metrics.upstreamError("openai", sentence);

        String text = scrape();
        assertFalse(text.contains("jane"), text);
        assertFalse(text.contains("4111"), text);
        assertTrue(text.contains("veil_findings_total{type=\"pii.email\"} 2\n"), text);
        assertTrue(text.contains("veil_findings_total{type=\"other\"} 1\n"), text);
        assertTrue(text.contains("veil_requests_total{action=\"allow\",upstream=\"other\",status=\"200\"} 1\n"), text);
        assertTrue(text.contains("veil_policy_rule_matches_total{rule=\"block-secrets\"} 1\n"), text);
        assertTrue(text.contains("veil_policy_rule_matches_total{rule=\"other\"} 1\n"), text);
        assertTrue(text.contains("veil_upstream_errors_total{upstream=\"openai\",kind=\"other\"} 1\n"), text);
    }

    @Test
    void stage_recordsEachStageInItsOwnSeries() {
        metrics.stage(Stage.SCAN, 2_000_000);          // 2 ms
        metrics.stage(Stage.UPSTREAM_FIRST_BYTE, 300_000_000);

        String text = scrape();
        assertTrue(text.contains("veil_stage_duration_seconds_bucket{stage=\"scan\",le=\"0.001\"} 0\n"), text);
        assertTrue(text.contains("veil_stage_duration_seconds_bucket{stage=\"scan\",le=\"0.0025\"} 1\n"), text);
        assertTrue(text.contains("veil_stage_duration_seconds_count{stage=\"upstream_first_byte\"} 1\n"), text);
        assertTrue(text.contains("veil_stage_duration_seconds_sum{stage=\"upstream_first_byte\"} 0.3\n"), text);
        assertTrue(text.contains("veil_stage_duration_seconds_count{stage=\"decide\"} 0\n"), text);
    }

    @Test
    void upstreamError_namesTheFailureKind() {
        metrics.upstreamError("openai", UpstreamFailure.IDLE_TIMEOUT);
        metrics.upstreamError("local", "status_5xx");
        String text = scrape();
        assertTrue(text.contains("veil_upstream_errors_total{upstream=\"openai\",kind=\"idle_timeout\"} 1\n"), text);
        assertTrue(text.contains("veil_upstream_errors_total{upstream=\"local\",kind=\"status_5xx\"} 1\n"), text);
    }

    @Test
    void policyReload_refusedSetsStatusGaugeToZeroUntilNextApplied() {
        assertTrue(scrape().contains("veil_policy_last_reload_ok 1\n"));
        metrics.policyReload(false);
        String text = scrape();
        assertTrue(text.contains("veil_policy_last_reload_ok 0\n"), text);
        assertTrue(text.contains("veil_policy_reloads_total{outcome=\"refused\"} 1\n"), text);
        metrics.policyReload(true);
        assertTrue(scrape().contains("veil_policy_last_reload_ok 1\n"));
    }

    @Test
    void connectionsAndStreams_goUpAndDown() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed();
        metrics.streamStarted();
        String text = scrape();
        assertTrue(text.contains("veil_open_connections 1\n"), text);
        assertTrue(text.contains("veil_active_streams 1\n"), text);
        metrics.streamEnded();
        assertTrue(scrape().contains("veil_active_streams 0\n"));
    }

    @Test
    void bindAudit_gaugesReadTheBoundSuppliers() {
        assertTrue(scrape().contains("veil_audit_queue_records 0\n"));
        long[] queued = {12};
        metrics.bindAudit(() -> queued[0], () -> 0.75);
        metrics.auditWriteFailure();
        String text = scrape();
        assertTrue(text.contains("veil_audit_queue_records 12\n"), text);
        assertTrue(text.contains("veil_audit_lag_seconds 0.75\n"), text);
        assertTrue(text.contains("veil_audit_write_failures_total 1\n"), text);
    }

    @Test
    void scanCache_countsHitsAndMisses() {
        metrics.scanCacheHit();
        metrics.scanCache(3, 2);
        String text = scrape();
        assertTrue(text.contains("veil_scan_cache_requests_total{result=\"hit\"} 4\n"), text);
        assertTrue(text.contains("veil_scan_cache_requests_total{result=\"miss\"} 2\n"), text);
    }

    @Test
    void everyMetric_isDefinedOnceWithHelp() {
        assertEquals(metrics.registry().metrics().size(),
                metrics.registry().metrics().stream().map(Metric::name).distinct().count());
        metrics.registry().metrics().forEach(m -> assertTrue(m.name().startsWith("veil_"), m.name()));
    }
}
