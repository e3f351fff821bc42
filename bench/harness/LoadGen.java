import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Load generator for the side-by-side benchmark. One process measures one path (the stub directly,
 * nginx, Veil or Portkey) through a whole plan, and prints one JSON line per measurement.
 *
 * <p>Open loop: {@code rate} and {@code sweep} send at a fixed rate whatever the server does, and a
 * request's latency runs from the time it was due to be sent (as wrk2 does), so a server that falls
 * behind is charged for the queue it causes. Closed loop is used only where the figure asks for it
 * (latency at concurrency 1) or to estimate the peak that a sweep then steps towards.
 *
 * <p>All network work runs on one Netty event loop thread, so the generator's own cost is one core
 * at most; the harness pins it to the core that the proxy under test does not use.
 *
 * <p>Run: {@code java -cp proxy/target/veil.jar bench/harness/LoadGen.java --url URL --stub URL
 * --label NAME --plan full|quick [--pids PID,PID] [--header Name:Value]...}
 */
public final class LoadGen {

    static final long MS = 1_000_000L;
    static final long SEC = 1_000_000_000L;
    /** The streaming workload: 64 chunks 20 ms apart. */
    static final int STREAM_CHUNKS = 64;
    static final int STREAM_GAP_MS = 20;

    // ---------------------------------------------------------------- workloads

    /** A request shape and the answer shape the stub is told to produce for it. */
    record Workload(String name, int promptBytes, int answerBytes, boolean stream) {
    }

    static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("small", new Workload("small", 200, 300, false));
        WORKLOADS.put("typical", new Workload("typical", 1024, 10240, false));
        WORKLOADS.put("long", new Workload("long", 16384, 1024, false));
        WORKLOADS.put("stream", new Workload("stream", 1024, 0, true));
    }

    private static final String[] SENTENCES = {
        "Can you help me rewrite this paragraph so that it sounds more formal?",
        "What is the difference between a process and a thread, in two sentences?",
        "Summarise the main risks of the plan below for a non-technical reader.",
        "Here is the error I get when the build runs on the server, any idea?",
        "Please turn these notes into a short status update for the team.",
        "Why does the query below get slower when the table grows past a million rows?",
        "Translate the following into plain English and keep the bullet points.",
        "I need three options for a subject line, friendly but not too casual.",
        "The tests pass locally but fail in CI with a timeout after ten minutes.",
        "Give me a checklist for reviewing a pull request that changes the database schema.",
        "```sql\\nSELECT customer_id, count(*) FROM orders\\nWHERE created_at > now() - interval '7 days'\\n"
                + "GROUP BY customer_id ORDER BY 2 DESC LIMIT 20;\\n```",
        "```java\\nfor (Order order : orders) {\\n    total = total.add(order.amount());\\n}\\n```",
    };

    /** Sixteen five-letter words: a request number written with them is plain, unremarkable text. */
    private static final String[] DIGIT_WORDS = {"apple", "river", "stone", "cloud", "table", "chair", "plant",
        "bread", "green", "light", "water", "paper", "glass", "music", "train", "field"};
    static final int STAMP_WORDS = 6;
    static final String STAMP_PREFIX = "\"content\":\"ref ";

    /**
     * Writes request number n into the body's stamp (six words at the start of the user message).
     * Every request then carries text Veil has not seen before: its scan cache (keyed by a hash of
     * each text) would otherwise answer every repeat of one body, and the detectors would not run.
     */
    static void stamp(byte[] body, int offset, long n) {
        for (int i = 0; i < STAMP_WORDS; i++) {
            String word = DIGIT_WORDS[(int) (n & 15)];
            n >>>= 4;
            for (int j = 0; j < 5; j++) {
                body[offset + i * 6 + j] = (byte) word.charAt(j);
            }
        }
    }

    /** Where the stamp starts in a body made by {@link #body}. */
    static int stampOffset(byte[] body) {
        String s = new String(body, StandardCharsets.ISO_8859_1);
        int user = s.indexOf("\"role\":\"user\"");
        return s.indexOf(STAMP_PREFIX, user) + STAMP_PREFIX.length();
    }

    /** A chat request body of exactly {@code bytes} bytes of clean text (nothing a detector should flag). */
    static byte[] body(Workload w) {
        StringBuilder stampText = new StringBuilder();
        for (int i = 0; i < STAMP_WORDS; i++) {
            stampText.append(DIGIT_WORDS[0]).append(i == STAMP_WORDS - 1 ? ". " : " ");
        }
        String head = "{\"model\":\"gpt-4o-mini\"," + (w.stream() ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
                + "{\"role\":\"user\"," + STAMP_PREFIX + stampText;
        String tail = "\"}]}";
        int room = w.promptBytes() - head.length() - tail.length();
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < room; i++) {
            text.append(SENTENCES[i % SENTENCES.length]).append(' ');
        }
        text.setLength(Math.max(0, room));
        // Never end inside an escape sequence.
        while (text.length() > 0 && text.charAt(text.length() - 1) == '\\') {
            text.setCharAt(text.length() - 1, ' ');
        }
        return (head + text + tail).getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- samples

    /** A growable list of nanosecond samples. Event-loop confined. */
    static final class Samples {
        long[] v = new long[1024];
        int n;

        void add(long x) {
            if (n == v.length) {
                v = Arrays.copyOf(v, n * 2);
            }
            v[n++] = x;
        }

        /** Percentile in ms (nearest rank), or -1 without samples. */
        double pct(double p) {
            if (n == 0) {
                return -1;
            }
            long[] s = Arrays.copyOf(v, n);
            Arrays.sort(s);
            int idx = (int) Math.ceil(p / 100.0 * n) - 1;
            return s[Math.max(0, Math.min(n - 1, idx))] / 1e6;
        }

        double mean() {
            if (n == 0) {
                return -1;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += v[i];
            }
            return sum / n / 1e6;
        }
    }

    // ---------------------------------------------------------------- process probes

    /** CPU ticks (utime + stime) and resident memory of the processes under test, from /proc. */
    static final class Probe {
        final List<Long> pids;
        final long ticksPerSecond;
        volatile long rssMaxKb;
        private volatile boolean sampling;

        Probe(List<Long> pids) {
            this.pids = pids;
            this.ticksPerSecond = 100; // USER_HZ on Linux x86-64
        }

        long cpuTicks() {
            long sum = 0;
            for (long pid : pids) {
                try {
                    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException e) {
                    // The process is gone; it contributes nothing.
                }
            }
            return sum;
        }

        long rssKb() {
            long sum = 0;
            for (long pid : pids) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                        if (line.startsWith("VmRSS:")) {
                            sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // gone
                }
            }
            return sum;
        }

        void startSampling() {
            if (pids.isEmpty()) {
                return;
            }
            sampling = true;
            Thread t = new Thread(() -> {
                while (sampling) {
                    rssMaxKb = Math.max(rssMaxKb, rssKb());
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            t.setDaemon(true);
            t.start();
        }
    }

    // ---------------------------------------------------------------- connections

    /** One keep-alive connection; at most one request in flight. Event-loop confined. */
    static final class Conn extends SimpleChannelInboundHandler<HttpObject> {
        final LoadGen gen;
        Channel ch;
        Phase phase;
        boolean busy;
        long intended;
        long sent;
        int status;
        /** The server said it closes the connection after this response: never reuse it. */
        boolean closing;
        boolean stream;
        boolean prevNl;
        int events;
        long firstEvent;
        long lastEvent;
        long maxGap;
        long idleSince;

        Conn(LoadGen gen) {
            this.gen = gen;
        }

        void send(Phase p, long intendedNanos) {
            phase = p;
            busy = true;
            intended = intendedNanos;
            sent = System.nanoTime();
            status = 0;
            closing = false;
            stream = p.workload.stream();
            prevNl = false;
            events = 0;
            firstEvent = 0;
            lastEvent = 0;
            maxGap = 0;
            ch.writeAndFlush(p.nextRequest());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!busy) {
                return;
            }
            if (msg instanceof HttpResponse r) {
                status = r.status().code();
                closing = !io.netty.handler.codec.http.HttpUtil.isKeepAlive(r);
            }
            if (msg instanceof HttpContent c) {
                if (stream) {
                    scan(c.content());
                }
                if (msg instanceof LastHttpContent) {
                    busy = false;
                    if (closing) {
                        // Closed before anyone can pick it: a request sent into it would fail.
                        ch.close();
                    }
                    phase.done(this, status >= 200 && status < 300);
                }
            }
        }

        /** Counts SSE events (blank-line terminated) and times the reads that complete them. */
        private void scan(ByteBuf buf) {
            int completed = 0;
            for (int i = buf.readerIndex(), end = buf.writerIndex(); i < end; i++) {
                byte b = buf.getByte(i);
                if (b == '\n') {
                    if (prevNl) {
                        completed++;
                    }
                    prevNl = true;
                } else if (b != '\r') {
                    prevNl = false;
                }
            }
            if (completed > 0) {
                long now = System.nanoTime();
                if (events == 0) {
                    firstEvent = now;
                } else {
                    maxGap = Math.max(maxGap, now - lastEvent);
                    phase.gap(now - lastEvent);
                }
                lastEvent = now;
                events += completed;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            gen.open--;
            gen.idle.remove(this);
            if (busy) {
                busy = false;
                phase.done(this, false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    // ---------------------------------------------------------------- phases

    /** One measurement. Its callbacks run on the event loop. */
    abstract static class Phase {
        final LoadGen gen;
        final Workload workload;
        final FullHttpRequest request;
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        final Samples latency = new Samples();
        final Samples ttft = new Samples();
        final Samples gaps = new Samples();
        long measureFrom;
        long measureTo;
        long completed;
        /** Successful responses over the whole phase, warm-up included (for CPU per request). */
        long completedAll;
        long errors;
        long stalls;
        long timeouts;

        final byte[] template;
        final int stampAt;

        Phase(LoadGen gen, Workload workload) {
            this.gen = gen;
            this.workload = workload;
            this.request = gen.request(workload);
            this.template = body(workload);
            this.stampAt = stampOffset(template);
        }

        /** The workload's request with the next request number stamped in. */
        FullHttpRequest nextRequest() {
            byte[] b = template.clone();
            stamp(b, stampAt, gen.sequence++);
            return request.replace(Unpooled.wrappedBuffer(b));
        }

        boolean counts(Conn c) {
            return c.intended >= measureFrom && c.intended < measureTo;
        }

        void gap(long nanos) {
        }

        void record(Conn c, boolean ok, long now) {
            if (ok) {
                completedAll++;
            }
            if (!counts(c)) {
                return;
            }
            if (!ok) {
                errors++;
                return;
            }
            completed++;
            latency.add(now - c.intended);
            if (c.stream) {
                if (c.events == 0) {
                    errors++;
                    return;
                }
                long first = c.firstEvent - c.sent;
                ttft.add(first);
                if (c.maxGap > SEC || first > SEC) {
                    stalls++;
                }
            }
        }

        abstract void start();

        abstract void done(Conn c, boolean ok);

        /** Ends the phase: requests still unanswered count as timeouts, and their connections are dropped. */
        void abandonOutstanding(List<Conn> inFlight) {
            long now = System.nanoTime();
            for (Conn c : new ArrayList<>(inFlight)) {
                if (c.busy && c.phase == this) {
                    if (counts(c)) {
                        timeouts++;
                        errors++;
                        latency.add(now - c.intended);
                    }
                    c.busy = false;
                    c.ch.close();
                }
            }
        }
    }

    /** N connections, each sending its next request as soon as the previous one ends. */
    static final class ClosedLoop extends Phase {
        final int concurrency;
        final long warmNanos;
        final long runNanos;
        final long spreadNanos;
        final List<Conn> mine = new ArrayList<>();
        int active;
        boolean stopped;

        ClosedLoop(LoadGen gen, Workload w, int concurrency, double warmSeconds, double seconds) {
            this(gen, w, concurrency, warmSeconds, seconds, 0);
        }

        /**
         * With {@code spreadSeconds > 0} the connections start evenly over that time instead of in
         * waves: N streams that each last that long then keep arriving one every spread/N, as
         * independent users do, instead of all at the same instant every round. Time to first
         * token measured on synchronized arrivals is the queue of one burst, not the cost of the hop.
         */
        ClosedLoop(LoadGen gen, Workload w, int concurrency, double warmSeconds, double seconds, double spreadSeconds) {
            super(gen, w);
            this.concurrency = concurrency;
            this.warmNanos = (long) (warmSeconds * SEC);
            this.runNanos = (long) (seconds * SEC);
            this.spreadNanos = (long) (spreadSeconds * SEC);
        }

        @Override
        void gap(long nanos) {
            gaps.add(nanos);
        }

        @Override
        void start() {
            long now = System.nanoTime();
            measureFrom = now + warmNanos;
            measureTo = measureFrom + runNanos;
            // Open connections in waves so that a thousand streams do not arrive as one SYN burst.
            int wave = 50;
            for (int i = 0; i < concurrency; i++) {
                long delay = spreadNanos > 0 ? spreadNanos * i / concurrency : (i / wave) * 20L * 1_000_000L;
                gen.loop.schedule(() -> gen.acquire(this::begin, this::connectFailed), delay, TimeUnit.NANOSECONDS);
            }
            gen.loop.schedule(this::stop, measureTo - now + 30 * SEC, TimeUnit.NANOSECONDS);
        }

        private void begin(Conn c) {
            if (stopped || System.nanoTime() >= measureTo) {
                gen.release(c);
                if (active == 0 && !stopped) {
                    stop();
                }
                return;
            }
            mine.add(c);
            active++;
            c.send(this, System.nanoTime());
        }

        private void connectFailed() {
            errors++;
            if (active == 0 && System.nanoTime() > measureTo) {
                stop();
            }
        }

        @Override
        void done(Conn c, boolean ok) {
            long now = System.nanoTime();
            record(c, ok, now);
            if (!stopped && now < measureTo && c.ch.isActive() && !c.closing) {
                c.send(this, now);
                return;
            }
            active--;
            mine.remove(c);
            gen.release(c);
            if (active == 0 && now >= measureTo) {
                stop();
            } else if (!stopped && now < measureTo && (!c.ch.isActive() || c.closing)) {
                // Replace a connection the server closed.
                gen.acquire(this::begin, this::connectFailed);
            }
        }

        void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            abandonOutstanding(mine);
            finished.complete(null);
        }
    }

    /** Sends at a fixed rate whatever happens; latency counts from each request's due time. */
    static final class OpenLoop extends Phase {
        final double rate;
        final long warmNanos;
        final long runNanos;
        final int maxConns;
        final ArrayDeque<Long> backlog = new ArrayDeque<>();
        final List<Conn> inFlight = new ArrayList<>();
        long start;
        long issued;
        long total;
        int pendingConnects;
        ScheduledFuture<?> ticker;
        boolean stopped;

        OpenLoop(LoadGen gen, Workload w, double rate, double warmSeconds, double seconds, int maxConns) {
            super(gen, w);
            this.rate = rate;
            this.warmNanos = (long) (warmSeconds * SEC);
            this.runNanos = (long) (seconds * SEC);
            this.maxConns = maxConns;
        }

        @Override
        void start() {
            start = System.nanoTime();
            measureFrom = start + warmNanos;
            measureTo = measureFrom + runNanos;
            total = (long) Math.floor((warmNanos + runNanos) / 1e9 * rate);
            ticker = gen.loop.scheduleAtFixedRate(this::tick, 0, 250, TimeUnit.MICROSECONDS);
            gen.loop.schedule(this::stop, measureTo - start + 10 * SEC, TimeUnit.NANOSECONDS);
        }

        private void tick() {
            long now = System.nanoTime();
            long due = Math.min(total, (long) Math.floor((now - start) / 1e9 * rate));
            while (issued < due) {
                long intended = start + (long) (issued * 1e9 / rate);
                issued++;
                dispatch(intended);
            }
            if (issued >= total) {
                ticker.cancel(false);
                maybeFinish();
            }
        }

        private void dispatch(long intended) {
            Conn c = gen.takeIdle();
            if (c != null) {
                sendOn(c, intended);
                return;
            }
            backlog.addLast(intended);
            if (gen.open + pendingConnects < maxConns && pendingConnects < backlog.size()) {
                pendingConnects++;
                gen.connect(conn -> {
                    pendingConnects--;
                    next(conn);
                }, () -> {
                    pendingConnects--;
                    if (!backlog.isEmpty()) {
                        long due = backlog.pollFirst();
                        if (due >= measureFrom && due < measureTo) {
                            errors++;
                        }
                    }
                    maybeFinish();
                });
            }
        }

        private void sendOn(Conn c, long intended) {
            inFlight.add(c);
            c.send(this, intended);
        }

        private void next(Conn c) {
            if (!backlog.isEmpty() && !stopped) {
                sendOn(c, backlog.pollFirst());
            } else {
                gen.release(c);
                maybeFinish();
            }
        }

        @Override
        void done(Conn c, boolean ok) {
            inFlight.remove(c);
            record(c, ok, System.nanoTime());
            if (c.ch.isActive() && !c.closing) {
                next(c);
            } else {
                maybeFinish();
            }
        }

        private void maybeFinish() {
            if (!stopped && issued >= total && inFlight.isEmpty() && backlog.isEmpty()) {
                stop();
            }
        }

        void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            ticker.cancel(false);
            long now = System.nanoTime();
            for (long due : backlog) {
                if (due >= measureFrom && due < measureTo) {
                    timeouts++;
                    errors++;
                    latency.add(now - due);
                }
            }
            backlog.clear();
            abandonOutstanding(inFlight);
            inFlight.clear();
            finished.complete(null);
        }
    }

    // ---------------------------------------------------------------- the generator

    final URI target;
    final Map<String, String> headers;
    final String label;
    final EventLoop loop;
    final Bootstrap bootstrap;
    final ArrayDeque<Conn> idle = new ArrayDeque<>();
    int open;
    /** Request number, stamped into every request body so that no two bodies are equal. */
    long sequence;
    final HttpClient control = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final URI stub;
    final Probe probe;
    final PrintStream out;

    LoadGen(URI target, URI stub, Map<String, String> headers, String label, List<Long> pids, PrintStream out) {
        this.target = target;
        this.stub = stub;
        this.headers = headers;
        this.label = label;
        this.probe = new Probe(pids);
        this.out = out;
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.loop = group.next();
        LoadGen self = this;
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(4096, 16384, 1 << 20), new Conn(self));
                    }
                });
    }

    FullHttpRequest request(Workload w) {
        byte[] b = body(w);
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target.getRawPath(),
                Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(b)));
        r.headers().set(HttpHeaderNames.HOST, target.getHost() + ":" + target.getPort());
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        r.headers().set(HttpHeaderNames.ACCEPT, w.stream() ? "text/event-stream" : "application/json");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, b.length);
        headers.forEach((k, v) -> r.headers().set(k, v));
        return r;
    }

    /** Opens a new connection and hands it to {@code ready} on the event loop. */
    void connect(java.util.function.Consumer<Conn> ready, Runnable failed) {
        bootstrap.connect(target.getHost(), target.getPort()).addListener(f -> {
            if (f.isSuccess()) {
                Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                Conn c = ch.pipeline().get(Conn.class);
                c.ch = ch;
                open++;
                ready.accept(c);
            } else {
                failed.run();
            }
        });
    }

    /** An idle connection if there is one, else a new one. */
    void acquire(java.util.function.Consumer<Conn> ready, Runnable failed) {
        Conn c = takeIdle();
        if (c != null) {
            ready.accept(c);
        } else {
            connect(ready, failed);
        }
    }

    void release(Conn c) {
        if (c.ch.isActive() && !c.busy && !c.closing) {
            c.idleSince = System.nanoTime();
            idle.addLast(c);
        }
    }

    /**
     * The most recently used idle connection. Connections idle for over 2 s are closed instead:
     * servers with a short keep-alive timeout (Node's is 5 s) may be closing them, and a request
     * sent into that race would fail for a reason that is not the server's capacity.
     */
    Conn takeIdle() {
        long now = System.nanoTime();
        Conn c;
        while ((c = idle.pollLast()) != null) {
            if (c.ch.isActive() && now - c.idleSince < 2 * SEC) {
                return c;
            }
            c.ch.close();
        }
        return null;
    }

    void shape(int answerBytes, int delayMs, int chunks, int gapMs) throws Exception {
        URI u = stub.resolve("/control?answer_bytes=" + answerBytes + "&delay_ms=" + delayMs + "&chunks=" + chunks
                + "&gap_ms=" + gapMs);
        var res = control.send(HttpRequest.newBuilder(u).POST(HttpRequest.BodyPublishers.noBody()).build(),
                BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("stub control failed: " + res.statusCode());
        }
    }

    void shapeFor(Workload w, int delayMs) throws Exception {
        shape(Math.max(w.answerBytes(), 300), delayMs, 64, 20);
    }

    /** Runs a phase to its end and returns it. */
    <P extends Phase> P run(P p) throws Exception {
        loop.execute(p::start);
        p.finished.get(120, TimeUnit.SECONDS);
        return p;
    }

    // ---------------------------------------------------------------- measurements

    static final class Json {
        final StringBuilder sb = new StringBuilder("{");

        Json put(String k, Object v) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(k).append("\":");
            if (v instanceof String s) {
                sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (v instanceof Double d) {
                sb.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null");
            } else {
                sb.append(v);
            }
            return this;
        }

        @Override
        public String toString() {
            return sb + "}";
        }
    }

    Json base(String kind, Workload w, int delayMs) {
        return new Json().put("target", label).put("kind", kind).put("workload", w.name()).put("delay_ms", delayMs);
    }

    void emit(Json j) {
        out.println(j);
        out.flush();
    }

    void latencyAtOne(Workload w, int delayMs, double seconds) throws Exception {
        shapeFor(w, delayMs);
        ClosedLoop p = run(new ClosedLoop(this, w, 1, 0.3, seconds));
        emit(base("latency_c1", w, delayMs).put("n", p.completed).put("errors", p.errors)
                .put("p50_ms", p.latency.pct(50)).put("p99_ms", p.latency.pct(99)).put("mean_ms", p.latency.mean()));
    }

    double peak(Workload w, int delayMs, int conns, double seconds) throws Exception {
        shapeFor(w, delayMs);
        ClosedLoop p = run(new ClosedLoop(this, w, conns, 0.3, seconds));
        double rps = p.completed / seconds;
        emit(base("peak_closed", w, delayMs).put("conns", conns).put("rps", rps).put("errors", p.errors)
                .put("p99_ms", p.latency.pct(99)));
        return rps;
    }

    record Step(double rate, double achieved, double p50, double p99, double max, long errors, double cpuUsPerReq) {
        boolean clean(double limitMs) {
            return p99 >= 0 && p99 <= limitMs && errors == 0 && achieved >= 0.95 * rate;
        }
    }

    Step openStep(Workload w, int delayMs, double rate, double warm, double seconds, String kind) throws Exception {
        long t0 = probe.cpuTicks();
        long w0 = System.nanoTime();
        OpenLoop p = run(new OpenLoop(this, w, rate, warm, seconds, 1024));
        long t1 = probe.cpuTicks();
        long wall = System.nanoTime() - w0;
        // CPU over the whole step (warm-up included) per request answered in the whole step.
        long sent = p.completedAll;
        double cpuUs = probe.pids.isEmpty() || sent == 0 ? -1 : (t1 - t0) * 1e6 / probe.ticksPerSecond / sent;
        Step s = new Step(rate, p.completed / seconds, p.latency.pct(50), p.latency.pct(99), p.latency.pct(100),
                p.errors, cpuUs);
        emit(base(kind, w, delayMs).put("rate", rate).put("achieved", s.achieved()).put("p50_ms", s.p50())
                .put("p99_ms", s.p99()).put("max_ms", s.max()).put("errors", s.errors()).put("timeouts", p.timeouts)
                .put("cpu_us_per_req", cpuUs).put("cpu_util", probe.pids.isEmpty() ? -1.0
                        : (t1 - t0) * 1e9 / probe.ticksPerSecond / wall)
                .put("rss_mb", probe.rssKb() / 1024.0));
        return s;
    }

    /**
     * Throughput at fixed p99 limits: estimate the closed-loop peak, then step an open-loop rate up
     * from a fraction of it until p99 passes the largest limit (or errors appear). For each limit,
     * the figure is the highest step rate that held it with no errors.
     */
    final Map<String, Double> peaks = new LinkedHashMap<>();

    void sweep(Workload w, int delayMs, double[] limits, double stepWarm, double stepSeconds, int peakConns)
            throws Exception {
        double peak = peak(w, delayMs, peakConns, Math.max(1.0, stepSeconds));
        peaks.put(w.name() + "/" + delayMs, peak);
        double[] fractions = {0.2, 0.4, 0.6, 0.75, 0.9, 1.0, 1.1, 1.25, 1.4};
        double[] best = new double[limits.length];
        double top = 0;
        int misses = 0;
        for (double l : limits) {
            top = Math.max(top, l + delayMs);
        }
        for (double f : fractions) {
            double rate = Math.max(20, Math.round(peak * f / 10.0) * 10.0);
            Step s = openStep(w, delayMs, rate, stepWarm, stepSeconds, "sweep_step");
            for (int i = 0; i < limits.length; i++) {
                if (s.clean(limits[i] + delayMs)) {
                    best[i] = Math.max(best[i], rate);
                }
            }
            // One step over the limit on a shared machine may be a hiccup; stop when the path is
            // clearly past its capacity (rate not achieved, errors) or two steps running miss.
            if (!s.clean(top)) {
                misses++;
                if (misses >= 2 || s.errors() > 0 || s.achieved() < 0.95 * rate) {
                    break;
                }
            } else {
                misses = 0;
            }
        }
        for (int i = 0; i < limits.length; i++) {
            emit(base("throughput", w, delayMs).put("p99_limit_ms", limits[i] + delayMs).put("rps", best[i])
                    .put("peak_closed_rps", peak));
        }
    }

    void streams(int concurrency, double seconds, double warmSeconds, String kind) throws Exception {
        Workload w = WORKLOADS.get("stream");
        shape(300, 0, STREAM_CHUNKS, STREAM_GAP_MS);
        // The low-load figure (time to first token) starts its streams spread over one stream's
        // length, so they arrive one by one; the concurrency figures open theirs in waves, a storm
        // on purpose.
        double spread = kind.equals("streams_low") ? STREAM_CHUNKS * STREAM_GAP_MS / 1000.0 : 0;
        long t0 = probe.cpuTicks();
        ClosedLoop p = run(new ClosedLoop(this, w, concurrency, warmSeconds, seconds, spread));
        long t1 = probe.cpuTicks();
        emit(base(kind, w, 0).put("concurrency", concurrency).put("streams", p.completed).put("errors", p.errors)
                .put("timeouts", p.timeouts).put("stalls", p.stalls)
                .put("ttft_p50_ms", p.ttft.pct(50)).put("ttft_p99_ms", p.ttft.pct(99)).put("ttft_max_ms", p.ttft.pct(100))
                .put("gap_p50_ms", p.gaps.pct(50)).put("gap_p99_ms", p.gaps.pct(99)).put("gap_max_ms", p.gaps.pct(100))
                .put("cpu_s", probe.pids.isEmpty() ? -1.0 : (t1 - t0) / (double) probe.ticksPerSecond)
                .put("rss_mb", probe.rssKb() / 1024.0));
    }

    /**
     * Warm-up: JIT-compile every path (ours and the server's) before anything is recorded. A JVM
     * path needs tens of seconds of traffic, more on one core, before its compilers settle, and a
     * compiler thread still at work shares the core with the requests: it inflates CPU per request
     * and puts milliseconds into the latency tail. So rounds of the mixed workload run until the
     * proxy's CPU per request stops falling (two rounds in a row within 10% of the round before),
     * for at least three rounds and at most {@code maxSeconds}; a path whose CPU this generator
     * cannot see (the direct path) runs the three rounds. The rounds are reported.
     */
    void warmUp(Workload small, Workload typical, Workload longCtx, double maxSeconds) throws Exception {
        long start = System.nanoTime();
        List<Double> perRound = new ArrayList<>();
        int settled = 0;
        for (int round = 0; ; round++) {
            long t0 = probe.cpuTicks();
            long n = 0;
            for (Workload w : List.of(small, typical, longCtx)) {
                shapeFor(w, 0);
                n += run(new ClosedLoop(this, w, 4, 0.0, w == typical ? 3.0 : 1.0)).completedAll;
            }
            shape(300, 0, STREAM_CHUNKS, STREAM_GAP_MS);
            run(new ClosedLoop(this, WORKLOADS.get("stream"), 20, 0.0, 1.0));
            double us = probe.pids.isEmpty() || n == 0 ? -1 : (probe.cpuTicks() - t0) * 1e6 / probe.ticksPerSecond / n;
            if (round > 0 && us > 0 && us >= 0.9 * perRound.get(round - 1)) {
                settled++;
            } else {
                settled = 0;
            }
            perRound.add(us);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (round >= 2 && (us < 0 || settled >= 2) || elapsed + 6.5 > maxSeconds) {
                emit(new Json().put("target", label).put("kind", "warmup").put("rounds", perRound.size())
                        .put("seconds", elapsed).put("settled", us < 0 || settled >= 2)
                        .put("cpu_us_per_req_by_round", perRound.toString()));
                return;
            }
        }
    }

    void plan(String plan) throws Exception {
        if (plan.startsWith("soak:")) {
            // soak:SECONDS:WORKLOAD:CONNS[:DELAY_MS], closed loop, for profiling a path under steady load.
            String[] a = plan.split(":");
            Workload w = WORKLOADS.get(a[2]);
            int delay = a.length > 4 ? Integer.parseInt(a[4]) : 0;
            if (w.stream()) {
                shape(300, delay, 64, 20);
            } else {
                shapeFor(w, delay);
            }
            double seconds = Double.parseDouble(a[1]);
            ClosedLoop p = run(new ClosedLoop(this, w, Integer.parseInt(a[3]), 0, seconds));
            emit(base("soak", w, 0).put("rps", p.completed / seconds).put("errors", p.errors)
                    .put("p50_ms", p.latency.pct(50)).put("p99_ms", p.latency.pct(99)));
            return;
        }
        if (plan.equals("warmup")) {
            warmUp(WORKLOADS.get("small"), WORKLOADS.get("typical"), WORKLOADS.get("long"), 120);
            return;
        }
        if (plan.startsWith("streams:")) {
            // streams:SECONDS:CONCURRENCY, time to first token and gaps, as the plans measure them.
            String[] a = plan.split(":");
            streams(Integer.parseInt(a[2]), Double.parseDouble(a[1]), 1.5, "streams_low");
            return;
        }
        if (plan.startsWith("rate:") || plan.startsWith("c1:")) {
            // rate:SECONDS:WORKLOAD:RPS (open loop at a fixed rate, with CPU per request) and
            // c1:SECONDS:WORKLOAD (one request at a time): single figures for side experiments.
            String[] a = plan.split(":");
            Workload w = WORKLOADS.get(a[2]);
            double seconds = Double.parseDouble(a[1]);
            if (plan.startsWith("c1:")) {
                latencyAtOne(w, 0, seconds);
            } else {
                shapeFor(w, 0);
                openStep(w, 0, Double.parseDouble(a[3]), 0.5, seconds, "fixed_rate");
            }
            return;
        }
        boolean quick = plan.equals("quick");
        Workload small = WORKLOADS.get("small");
        Workload typical = WORKLOADS.get("typical");
        Workload longCtx = WORKLOADS.get("long");
        List<Workload> plain = quick ? List.of(typical) : List.of(small, typical, longCtx);

        emit(new Json().put("target", label).put("kind", "rss_idle").put("rss_mb", probe.rssKb() / 1024.0));
        probe.startSampling();

        warmUp(small, typical, longCtx, quick ? 60 : 120);

        for (int delay : new int[] {0, 20}) {
            for (Workload w : plain) {
                latencyAtOne(w, delay, quick ? 1.2 : 2.5);
            }
        }
        double[] limits = {50, 200};
        double stepSeconds = quick ? 0.8 : 1.2;
        double stepWarm = quick ? 0.3 : 0.4;
        for (Workload w : plain) {
            sweep(w, 0, limits, stepWarm, stepSeconds, 16);
        }
        if (!quick) {
            sweep(typical, 20, limits, stepWarm, stepSeconds, 256);
        }
        for (Workload w : plain) {
            shapeFor(w, 0);
            // 500 requests/s, or half the path's peak if it cannot take that: CPU per request is
            // measured below saturation, where it does not depend on the rate.
            double rate = Math.min(500, Math.max(20, Math.round(peaks.getOrDefault(w.name() + "/0", 1000.0) / 20) * 10));
            openStep(w, 0, rate, 0.5, quick ? 1.5 : 3.0, "cpu_fixed_rate");
        }
        streams(20, quick ? 6.0 : 15.0, 1.5, "streams_low");
        for (int n : quick ? new int[] {250, 1000} : new int[] {250, 500, 1000}) {
            streams(n, quick ? 3.0 : 5.0, quick ? 1.5 : 2.0, "streams_concurrent");
        }
        emit(new Json().put("target", label).put("kind", "rss_load").put("rss_mb", probe.rssMaxKb / 1024.0)
                .put("plan", plan));
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String stubUrl = null;
        String label = "target";
        String plan = "quick";
        List<Long> pids = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--stub" -> stubUrl = args[++i];
                case "--label" -> label = args[++i];
                case "--plan" -> plan = args[++i];
                case "--pids" -> {
                    for (String p : args[++i].split(",")) {
                        if (!p.isBlank()) {
                            pids.add(Long.parseLong(p.strip()));
                        }
                    }
                }
                case "--header" -> {
                    String h = args[++i];
                    int c = h.indexOf(':');
                    headers.put(h.substring(0, c).strip(), h.substring(c + 1).strip());
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (url == null || stubUrl == null) {
            System.err.println("usage: LoadGen --url URL --stub URL [--label NAME] [--plan full|quick] [--pids P,P] "
                    + "[--header Name:Value]...");
            System.exit(2);
        }
        LoadGen gen = new LoadGen(URI.create(url), URI.create(stubUrl), headers, label, pids, System.out);
        gen.plan(plan);
        System.exit(0);
    }
}
