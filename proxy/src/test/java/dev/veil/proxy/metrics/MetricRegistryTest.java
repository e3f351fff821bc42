package dev.veil.proxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {

    @Test
    void scrape_writesCounterWithLabelsInTextFormat() {
        MetricRegistry r = new MetricRegistry();
        Counter c = r.counter("app_requests_total", "Requests served.", "method", "status");
        c.labels("POST", "200").inc(3);
        c.labels("GET", "404").inc();

        assertEquals("""
                # HELP app_requests_total Requests served.
                # TYPE app_requests_total counter
                app_requests_total{method="GET",status="404"} 1
                app_requests_total{method="POST",status="200"} 3
                """, r.scrape());
    }

    @Test
    void scrape_writesUnlabelledCounterAsZeroBeforeFirstIncrement() {
        MetricRegistry r = new MetricRegistry();
        r.counter("app_failures_total", "Failures.");

        assertEquals("""
                # HELP app_failures_total Failures.
                # TYPE app_failures_total counter
                app_failures_total 0
                """, r.scrape());
    }

    @Test
    void scrape_writesCumulativeHistogramBuckets() {
        MetricRegistry r = new MetricRegistry();
        Histogram h = r.histogram("app_latency_seconds", "Latency.", new double[] {0.01, 0.1, 1}, "stage");
        Histogram.Child scan = h.labels("scan");
        scan.observe(0.005);
        scan.observe(0.1); // a value on a bound belongs to that bucket
        scan.observe(0.5);
        scan.observe(7);

        assertEquals("""
                # HELP app_latency_seconds Latency.
                # TYPE app_latency_seconds histogram
                app_latency_seconds_bucket{stage="scan",le="0.01"} 1
                app_latency_seconds_bucket{stage="scan",le="0.1"} 2
                app_latency_seconds_bucket{stage="scan",le="1"} 3
                app_latency_seconds_bucket{stage="scan",le="+Inf"} 4
                app_latency_seconds_sum{stage="scan"} 7.605
                app_latency_seconds_count{stage="scan"} 4
                """, r.scrape());
    }

    @Test
    void observeNanos_recordsSeconds() {
        Histogram h = new MetricRegistry().histogram("t_seconds", "T.", new double[] {1, 2});
        Histogram.Child c = h.labels();
        c.observeNanos(1_500_000_000L);
        assertEquals(1.5, c.sum());
        assertEquals(1, c.count());
    }

    @Test
    void scrape_escapesHelpAndLabelValues() {
        MetricRegistry r = new MetricRegistry();
        Gauge g = r.gauge("app_things", "Line one\nback\\slash", "name");
        g.labels("a\"b\\c\nd").set(-2);

        assertEquals("""
                # HELP app_things Line one\\nback\\\\slash
                # TYPE app_things gauge
                app_things{name="a\\"b\\\\c\\nd"} -2
                """, r.scrape());
    }

    @Test
    void callbackGauge_readsSupplierAtScrapeAndSurvivesItsFailure() {
        MetricRegistry r = new MetricRegistry();
        double[] value = {0.25};
        r.gauge("app_lag_seconds", "Lag.", () -> value[0]);
        r.gauge("app_broken", "Broken.", () -> {
            throw new IllegalStateException("boom");
        });
        assertTrue(r.scrape().contains("app_lag_seconds 0.25\n"));
        value[0] = 3;
        String text = r.scrape();
        assertTrue(text.contains("app_lag_seconds 3\n"), text);
        assertTrue(text.contains("app_broken NaN\n"), text);
    }

    @Test
    void register_rejectsBadDefinitions() {
        MetricRegistry r = new MetricRegistry();
        r.histogram("app_size", "Size.", new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> r.counter("app_count", "Count."), "no _total");
        assertThrows(IllegalArgumentException.class, () -> r.gauge("app-size", "Bad name."));
        assertThrows(IllegalArgumentException.class, () -> r.gauge("app_size", "Duplicate."));
        assertThrows(IllegalArgumentException.class, () -> r.gauge("app_size_count", "Clashes with histogram."));
        assertThrows(IllegalArgumentException.class, () -> r.gauge("app_x", " "), "blank help");
        assertThrows(IllegalArgumentException.class, () -> r.gauge("app_y", "Y.", "__reserved"));
        assertThrows(IllegalArgumentException.class, () -> r.histogram("app_z", "Z.", new double[] {1}, "le"));
        assertThrows(IllegalArgumentException.class, () -> r.histogram("app_w", "W.", new double[] {2, 1}));
        assertThrows(IllegalArgumentException.class, () -> r.histogram("app_v", "V.", new double[] {}));
    }

    @Test
    void labels_rejectsWrongArityAndNullValues() {
        Counter c = new MetricRegistry().counter("app_total", "A.", "a", "b");
        assertThrows(IllegalArgumentException.class, () -> c.labels("only-one"));
        assertThrows(NullPointerException.class, () -> c.labels("x", null));
        assertThrows(IllegalArgumentException.class, () -> c.labels("x", "y").inc(-1));
    }

    @Test
    void labels_pastTheCapAreCountedTogetherAsOverflow() {
        MetricRegistry r = new MetricRegistry(3);
        Counter c = r.counter("app_total", "A.", "k");
        for (int i = 0; i < 10; i++) {
            c.labels("v" + i).inc();
        }
        String text = r.scrape();
        assertTrue(text.contains("app_total{k=\"v0\"} 1"), text);
        assertTrue(text.contains("app_total{k=\"v2\"} 1"), text);
        assertTrue(text.contains("app_total{k=\"_overflow\"} 7"), text);
        assertEquals(4, text.lines().filter(l -> l.startsWith("app_total{")).count(), text);
    }

    @Test
    void recording_fromManyThreadsLosesNothing() throws Exception {
        MetricRegistry r = new MetricRegistry();
        Counter c = r.counter("app_total", "A.", "k");
        Histogram h = r.histogram("app_seconds", "S.", new double[] {0.5});
        Gauge g = r.gauge("app_open", "Open.");
        int threads = 8;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        c.labels(id % 2 == 0 ? "even" : "odd").inc();
                        h.observe(i % 2 == 0 ? 0.1 : 1.0);
                        g.inc();
                        g.dec();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long total = (long) threads * perThread;
        assertEquals(total / 2, c.labels("even").value());
        assertEquals(total / 2, c.labels("odd").value());
        assertEquals(total, h.labels().count());
        assertEquals(0, g.labels().value());
        assertTrue(r.scrape().contains("app_seconds_bucket{le=\"0.5\"} " + total / 2 + "\n"));
    }
}
