import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak driver: holds a steady open-loop load of mixed requests against a running Veil for a fixed
 * time, samples the Veil process's memory, and at the end says whether the run was clean: no
 * unexpected answer, and memory flat after warm-up.
 *
 * <p>The mix, per 20 requests: 9 clean chat completions, 4 clean streams, 2 with an e-mail address
 * (pseudonymized by the soak policy, re-hydrated on the way back; one streamed), 2 with a US SSN
 * (routed to the internal upstream), and 3 bad ones (truncated JSON and a wrong type, 400; an
 * unknown path, 404). Each kind has one expected status and, where it matters, expected decision
 * headers; anything else, a transport error or a timeout is an unexpected error. Clean bodies come
 * from the benchmark harness ({@code LoadGen.body}) with a fresh stamp each, so the scan cache
 * does not answer for the detectors.
 *
 * <p>Memory: resident set size of the Veil process every {@code --sample-seconds} (from /proc), and
 * the heap in use after a full GC ({@code jcmd PID GC.run}, then {@code GC.heap_info}) at the end
 * of each third of the run. The first third is warm-up. Flat means: mean RSS over the last third at
 * most {@code --rss-bound} (default 10 %) above the mean of the middle third, and heap after GC at
 * the end at most 16 MB above the heap after GC at the end of warm-up.
 *
 * <p>Run by {@code bench/soak/run.sh}, which compiles it with the harness's {@code LoadGen.java}.
 */
public final class Soak {

    record Kind(String name, int expectedStatus, String upstream, String decisionPrefix, boolean stream) {
    }

    static final Kind CHAT = new Kind("chat", 200, "openai", null, false);
    static final Kind STREAM = new Kind("stream", 200, "openai", null, true);
    static final Kind EMAIL = new Kind("email", 200, "openai", "redact", false);
    static final Kind EMAIL_STREAM = new Kind("email-stream", 200, "openai", "redact", true);
    static final Kind SSN = new Kind("ssn", 200, "local", "route", false);
    static final Kind TRUNCATED = new Kind("truncated-json", 400, null, null, false);
    static final Kind WRONG_TYPE = new Kind("wrong-type", 400, null, null, false);
    static final Kind UNKNOWN_PATH = new Kind("unknown-path", 404, null, null, false);

    static final Kind[] CYCLE = {CHAT, STREAM, CHAT, EMAIL, CHAT, TRUNCATED, STREAM, CHAT, SSN, CHAT,
        STREAM, CHAT, EMAIL_STREAM, WRONG_TYPE, CHAT, SSN, STREAM, CHAT, UNKNOWN_PATH, CHAT};

    final URI base;
    final long pid;
    final double rate;
    final long seconds;
    final int sampleSeconds;
    final double rssBound;
    final Path out;
    final HttpClient http;
    final LoadGen.Probe probe;
    final byte[] clean;
    final byte[] cleanStream;
    final int stampAt;
    final AtomicLong sequence = new AtomicLong();
    final AtomicInteger inFlight = new AtomicInteger();
    final LongAdder sent = new LongAdder();
    final LongAdder ok = new LongAdder();
    final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();
    final List<long[]> rss = new ArrayList<>(); // {second, kB, inFlight, ok}
    final List<String> heap = new ArrayList<>();
    final long[] heapAfterGcKb = new long[3];

    Soak(URI base, long pid, double rate, long seconds, int sampleSeconds, double rssBound, Path out) {
        this.base = base;
        this.pid = pid;
        this.rate = rate;
        this.seconds = seconds;
        this.sampleSeconds = sampleSeconds;
        this.rssBound = rssBound;
        this.out = out;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        this.probe = new LoadGen.Probe(List.of(pid));
        this.clean = LoadGen.body(new LoadGen.Workload("soak", 1024, 300, false));
        this.cleanStream = LoadGen.body(new LoadGen.Workload("soak-stream", 1024, 300, true));
        this.stampAt = LoadGen.stampOffset(clean);
    }

    /** The next request body of a kind; every one carries text Veil has not scanned before. */
    byte[] body(Kind k) {
        byte[] b = (k.stream() ? cleanStream : clean).clone();
        long n = sequence.incrementAndGet();
        LoadGen.stamp(b, k.stream() ? LoadGen.stampOffset(b) : stampAt, n);
        String s = new String(b, StandardCharsets.UTF_8);
        if (k == EMAIL || k == EMAIL_STREAM) {
            s = s.replace(LoadGen.STAMP_PREFIX, LoadGen.STAMP_PREFIX + "Please reply to jane.doe" + (n % 1000)
                    + "@example.com about it. ");
        } else if (k == SSN) {
            s = s.replace(LoadGen.STAMP_PREFIX, LoadGen.STAMP_PREFIX + "My SSN is 123-45-6789, which form applies? ");
        } else if (k == TRUNCATED) {
            s = s.substring(0, s.length() / 2);
        } else if (k == WRONG_TYPE) {
            s = "{\"model\":\"gpt-4o-mini\",\"messages\":\"" + n + "\"}";
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    void fire(Kind k) {
        if (inFlight.get() > 2000) {
            unexpected.computeIfAbsent(k.name() + ": client backlog over 2000", x -> new LongAdder()).increment();
            return;
        }
        String path = k == UNKNOWN_PATH ? "/v1/chat/complete" : "/v1/chat/completions";
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer sk-soak-client")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(k))).build();
        inFlight.incrementAndGet();
        sent.increment();
        http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            inFlight.decrementAndGet();
            String problem = e != null ? "transport: " + e.getClass().getSimpleName() : check(k, r);
            if (problem == null) {
                ok.increment();
            } else {
                unexpected.computeIfAbsent(k.name() + ": " + problem, x -> new LongAdder()).increment();
            }
        });
    }

    static String check(Kind k, HttpResponse<String> r) {
        if (r.statusCode() != k.expectedStatus()) {
            return "status " + r.statusCode();
        }
        if (k.upstream() != null && !k.upstream().equals(r.headers().firstValue("x-veil-upstream").orElse(""))) {
            return "upstream " + r.headers().firstValue("x-veil-upstream").orElse("none");
        }
        if (k.decisionPrefix() != null
                && !r.headers().firstValue("x-veil-decision").orElse("").startsWith(k.decisionPrefix())) {
            return "decision " + r.headers().firstValue("x-veil-decision").orElse("none");
        }
        if (k.stream() && !r.body().endsWith("data: [DONE]\n\n")) {
            return "stream not ended with [DONE]";
        }
        if (k.expectedStatus() >= 400 && !r.body().contains("\"error\"")) {
            return "error not in OpenAI's shape";
        }
        return null;
    }

    void run() throws Exception {
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime();
        long periodNanos = (long) (1e9 / rate);
        AtomicLong issued = new AtomicLong();
        clock.scheduleAtFixedRate(() -> {
            long due = (System.nanoTime() - start) / periodNanos;
            while (issued.get() <= due) {
                long i = issued.getAndIncrement();
                fire(CYCLE[(int) (i % CYCLE.length)]);
            }
        }, 0, 2, TimeUnit.MILLISECONDS);
        long third = seconds / 3;
        for (long s = sampleSeconds; s <= seconds; s += sampleSeconds) {
            sleepUntil(start, s);
            long kb = probe.rssKb();
            synchronized (rss) {
                rss.add(new long[] {s, kb, inFlight.get(), ok.sum()});
            }
            System.err.printf(Locale.ROOT, "[soak] %4ds rss=%d MB in-flight=%d ok=%d unexpected=%d%n", s, kb / 1024,
                    inFlight.get(), ok.sum(), unexpectedCount());
            for (int t = 1; t <= 3; t++) {
                if (s < third * t && s + sampleSeconds >= third * t) {
                    heapAfterGcKb[t - 1] = heapAfterGc();
                    heap.add((third * t) + "s: " + heapAfterGcKb[t - 1] / 1024 + " MB");
                }
            }
        }
        clock.shutdownNow();
        for (int i = 0; i < 300 && inFlight.get() > 0; i++) {
            Thread.sleep(100);
        }
        if (inFlight.get() > 0) {
            unexpected.computeIfAbsent("unanswered at the end", x -> new LongAdder()).add(inFlight.get());
        }
    }

    long unexpectedCount() {
        return unexpected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Heap in use after a full GC, in kB, from jcmd; -1 if jcmd fails. */
    long heapAfterGc() {
        try {
            jcmd("GC.run");
            Matcher m = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return text;
    }

    static void sleepUntil(long start, long second) throws InterruptedException {
        long wait = start + second * 1_000_000_000L - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Prints and writes the result; returns whether the run passed. */
    boolean report() throws IOException {
        long third = seconds / 3;
        double middle = meanRss(third, 2 * third);
        double last = meanRss(2 * third, seconds + 1);
        boolean rssFlat = last <= middle * (1 + rssBound);
        boolean heapFlat = heapAfterGcKb[0] > 0 && heapAfterGcKb[2] > 0 && heapAfterGcKb[2] <= heapAfterGcKb[0] + 16 * 1024;
        boolean clean = unexpectedCount() == 0 && ok.sum() > 0;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "duration_s: %d%nrate_rps: %.1f%nrequests_sent: %d%nanswered_as_expected: %d%n",
                seconds, rate, sent.sum(), ok.sum()));
        b.append("unexpected_errors: ").append(unexpectedCount()).append('\n');
        new TreeMap<>(unexpected).forEach((k, v) -> b.append("  ").append(k).append(": ").append(v.sum()).append('\n'));
        b.append(String.format(Locale.ROOT, "rss_mean_middle_third_mb: %.1f%nrss_mean_last_third_mb: %.1f%n"
                + "rss_last_vs_middle: %+.1f %% (bound +%.0f %%)%n", middle / 1024, last / 1024,
                (last / middle - 1) * 100, rssBound * 100));
        b.append("heap_after_full_gc: ").append(String.join(", ", heap)).append(" (bound: end <= end of warm-up + 16 MB)\n");
        b.append("result: ").append(clean && rssFlat && heapFlat ? "PASS" : "FAIL").append(clean ? "" : " (unexpected errors)")
                .append(rssFlat ? "" : " (RSS grew)").append(heapFlat ? "" : " (heap after GC grew or unknown)").append('\n');
        System.out.print(b);
        Files.writeString(out.resolve("summary.txt"), b.toString());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("samples.csv")))) {
            w.println("second,rss_kb,in_flight,answered_ok");
            for (long[] s : rss) {
                w.println(s[0] + "," + s[1] + "," + s[2] + "," + s[3]);
            }
        }
        return clean && rssFlat && heapFlat;
    }

    double meanRss(long fromSecond, long toSecond) {
        return rss.stream().filter(s -> s[0] > fromSecond && s[0] <= toSecond).mapToLong(s -> s[1]).average().orElse(0);
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        long pid = -1;
        double rate = 20;
        long seconds = 300;
        int sample = 5;
        double bound = 0.10;
        Path out = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--pid" -> pid = Long.parseLong(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--sample-seconds" -> sample = Integer.parseInt(args[++i]);
                case "--rss-bound" -> bound = Double.parseDouble(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (url == null || pid < 0) {
            System.err.println("usage: Soak --url http://127.0.0.1:PORT --pid VEIL_PID [--rate RPS] [--seconds S] "
                    + "[--sample-seconds S] [--rss-bound 0.10] [--out DIR]");
            System.exit(2);
        }
        Soak soak = new Soak(URI.create(url), pid, rate, seconds, sample, bound, out);
        soak.run();
        System.exit(soak.report() ? 0 : 1);
    }
}
