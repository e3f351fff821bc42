package dev.veil.proxy.server;

import dev.veil.audit.AuditRecord;
import dev.veil.audit.ValueFingerprint;
import dev.veil.audit.ValueFingerprinter;
import dev.veil.detectors.Finding;
import dev.veil.policy.Action;
import dev.veil.policy.Decision;
import dev.veil.policy.Policy;
import dev.veil.policy.PolicyHolder;
import dev.veil.policy.RedactMode;
import dev.veil.proxy.auth.Principal;
import dev.veil.policy.RequestFacts;
import dev.veil.policy.Trust;
import dev.veil.proxy.config.UpstreamConfig;
import dev.veil.proxy.inspect.Inspection;
import dev.veil.proxy.metrics.VeilMetrics;
import dev.veil.proxy.redact.Redactor;
import dev.veil.proxy.redact.ResponseRewriter;
import dev.veil.proxy.redact.TokenMap;
import dev.veil.proxy.upstream.UpstreamFailure;
import dev.veil.proxy.openai.ApiError;
import dev.veil.proxy.openai.ApiException;
import dev.veil.proxy.openai.ApiRequest;
import dev.veil.proxy.openai.Endpoint;
import dev.veil.proxy.openai.ErrorKind;
import dev.veil.proxy.openai.TextSegment;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the OpenAI API on one client connection, one request at a time: route, parse and scan off
 * the event loop, decide, transform, forward, audit. The next request on a keep-alive connection is
 * read only when the current response has ended, which keeps pipelined requests in order.
 *
 * <p>One instance per connection; confined to its event loop.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    /**
     * Request ids are unguessable but not secret: a DRBG seeded once, rather than the platform
     * default, which on Linux reads /dev/urandom (a system call under a global lock) for every id.
     */
    private static final SecureRandom RANDOM = drbg();
    /** Headers the policy may not see: credentials. */
    private static final Set<String> HIDDEN_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    private final ProxyServices services;
    private Exchange current;
    private ResponseRelay relay;
    private ScheduledFuture<?> scanTimer;
    /** Pipelined requests that arrived while one was being served; answered in order. */
    private final ArrayDeque<FullHttpRequest> pipelined = new ArrayDeque<>();
    /**
     * The most pipelined requests held; beyond it Veil stops reading from the client. Below it,
     * Veil keeps reading even while it answers, so that a client that goes away is noticed at once
     * and its upstream call cancelled.
     */
    static final int MAX_PIPELINED = 8;

    ApiHandler(ProxyServices services) {
        this.services = services;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        services.metrics().connectionOpened();
        ctx.read();
        ctx.fireChannelActive();
    }

    /** Auto-read is off: read on while the pipelining queue has room. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pipelined.size() < MAX_PIPELINED) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (current != null) {
            pipelined.add(req.retain());
            return;
        }
        serve(ctx, req);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest req) {
        Endpoint endpoint = Endpoint.forPath(new QueryStringDecoder(req.uri()).path()).orElse(null);
        Exchange ex = newExchange(endpoint, HttpUtil.isKeepAlive(req) && !req.decoderResult().isFailure(),
                req.content().readableBytes());
        current = ex;
        if (req.decoderResult().isFailure()) {
            fail(ctx, ex, req.decoderResult().cause() instanceof TooLongHttpHeaderException
                    ? ApiError.of(ErrorKind.HEADERS_TOO_LARGE, "The request headers are larger than Veil accepts.")
                    : ApiError.of(ErrorKind.INVALID_REQUEST, "The HTTP request is malformed."));
            return;
        }
        if (endpoint == null) {
            // The path is not quoted back: it is client input and may hold anything.
            fail(ctx, ex, ApiError.of(ErrorKind.NOT_FOUND, "Unknown request URL (" + req.method()
                    + "). Veil serves " + supportedPaths() + "."));
            return;
        }
        if (!endpoint.method().equals(req.method().name())) {
            fail(ctx, ex, ApiError.of(ErrorKind.METHOD_NOT_ALLOWED,
                    endpoint.path() + " accepts " + endpoint.method() + " only."));
            return;
        }
        Principal caller = null;
        if (services.clientKeys().isPresent()) {
            caller = services.clientKeys().get().authenticate(req.headers().get(HttpHeaderNames.AUTHORIZATION))
                    .orElse(null);
            if (caller == null) {
                fail(ctx, ex, ApiError.of(ErrorKind.UNAUTHENTICATED, "Missing or invalid Veil API key. Send "
                        + "'Authorization: Bearer <your Veil key>'; ask your administrator for one."));
                return;
            }
            ex.tenant = caller.tenant();
        }
        if (!services.audit().isAvailable()) {
            fail(ctx, ex, ApiError.of(ErrorKind.AUDIT_UNAVAILABLE, "Veil cannot write its audit trail, so it "
                    + "forwards nothing. Retry later or contact your administrator."));
            return;
        }
        if (endpoint == Endpoint.MODELS) {
            ex.action = "allow";
            ex.decision = Action.ALLOW;
            new ModelsLister(services, ctx, ex, this::finished).list();
            return;
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HIDDEN_HEADERS.contains(name)) {
                headers.put(name, h.getValue());
            }
        });
        ScanTask task = new ScanTask(endpoint, body, headers, caller);
        if (body.length <= services.inlineScanMaxBytes()) {
            // A small body is scanned right here: cheaper than the two thread hand-offs, and it
            // cannot hold this thread for long (only Veil's own detectors are trusted for this).
            // The result still comes back through the task queue, like a scan thread's.
            long start = System.nanoTime();
            armScanTimer(ctx, ex, task);
            task.run(ctx, this);
            ScheduledFuture<?> timer = scanTimer;
            if (timer != null && System.nanoTime() - start >= services.config().scanTimeout().toNanos()) {
                // Over the limit all the same: decide as the timer would have, ahead of the queued result.
                scanTimedOut(ctx, ex, task);
                timer.cancel(false);
            }
            return;
        }
        try {
            services.scanExecutor().execute(() -> task.run(ctx, this));
        } catch (RejectedExecutionException e) {
            fail(ctx, ex, ApiError.of(ErrorKind.OVERLOADED, "Veil is overloaded; retry shortly."));
            return;
        }
        armScanTimer(ctx, ex, task);
    }

    private void armScanTimer(ChannelHandlerContext ctx, Exchange ex, ScanTask task) {
        scanTimer = ctx.executor().schedule(() -> scanTimedOut(ctx, ex, task),
                services.config().scanTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Parsing and scanning, run on the scan executor (or inline); results go back to the event loop. */
    private static final class ScanTask {
        final Endpoint endpoint;
        final byte[] body;
        final Map<String, String> headers;
        final Principal caller;
        volatile ApiRequest parsed;

        ScanTask(Endpoint endpoint, byte[] body, Map<String, String> headers, Principal caller) {
            this.endpoint = endpoint;
            this.body = body;
            this.headers = headers;
            this.caller = caller;
        }

        void run(ChannelHandlerContext ctx, ApiHandler handler) {
            ApiRequest request;
            try {
                request = ApiRequest.parse(endpoint, body);
            } catch (ApiException e) {
                ctx.executor().execute(() -> handler.scanFailed(ctx, this, e.error()));
                return;
            }
            parsed = request;
            try {
                Inspection inspection = caller == null
                        ? handler.services.inspector().inspect(request, "", headers)
                        : handler.services.inspector().inspect(request, caller.tenant(), caller.keyId(),
                                caller.team().orElse(""), headers);
                List<ValueFingerprint> fingerprints = fingerprints(handler.services.fingerprints().get(), inspection);
                ctx.executor().execute(() -> handler.inspected(ctx, inspection, fingerprints));
            } catch (RuntimeException | StackOverflowError e) {
                // Detectors failing as a whole: decide as for a detector error, fail closed.
                ctx.executor().execute(() -> handler.scannerCrashed(ctx, this));
            }
        }
    }

    /** Keyed fingerprints of the distinct values found, so an officer can look a known value up. */
    private static List<ValueFingerprint> fingerprints(ValueFingerprinter fingerprinter, Inspection inspection) {
        if (fingerprinter == null || inspection.findingsByField().isEmpty()) {
            return List.of();
        }
        Set<ValueFingerprint> out = new LinkedHashSet<>();
        for (TextSegment s : inspection.segments()) {
            List<Finding> findings = inspection.findingsByField().get(s.path());
            if (findings != null) {
                for (Finding f : findings) {
                    out.add(fingerprinter.fingerprint(s.text().substring(f.start(), f.end())));
                }
            }
        }
        return List.copyOf(out);
    }

    private void scanFailed(ChannelHandlerContext ctx, ScanTask task, ApiError error) {
        if (claimScan()) {
            fail(ctx, current, error);
        }
    }

    private void scannerCrashed(ChannelHandlerContext ctx, ScanTask task) {
        if (claimScan()) {
            decideAndForward(ctx, withoutScan(task, "scanner"));
        }
    }

    private void scanTimedOut(ChannelHandlerContext ctx, Exchange ex, ScanTask task) {
        if (scanTimer == null || current != ex) {
            return;
        }
        scanTimer = null;
        if (task.parsed == null) {
            fail(ctx, ex, ApiError.of(ErrorKind.OVERLOADED,
                    "Veil could not inspect the request in time; retry shortly."));
            return;
        }
        decideAndForward(ctx, withoutScan(task, "scan-timeout"));
    }

    /** True for the first of scan result and scan timeout; the other is dropped. */
    private boolean claimScan() {
        if (scanTimer == null) {
            return false;
        }
        scanTimer.cancel(false);
        scanTimer = null;
        return true;
    }

    /** Facts for a request whose scan did not complete: no findings, one failed detector. */
    private Inspection withoutScan(ScanTask task, String failedDetector) {
        ApiRequest request = task.parsed;
        log.warn("request {}: detectors did not complete ({}); deciding as for a detector failure",
                current.requestId, failedDetector);
        RequestFacts.Builder facts = RequestFacts.builder().endpoint(request.endpoint().path())
                .model(request.model()).failedDetector(failedDetector);
        if (task.caller != null) {
            facts.tenant(task.caller.tenant()).apiKey(task.caller.keyId()).team(task.caller.team().orElse(""));
        }
        task.headers.forEach(facts::header);
        return new Inspection(request, List.of(), Map.of(), facts.build());
    }

    private void inspected(ChannelHandlerContext ctx, Inspection inspection, List<ValueFingerprint> fingerprints) {
        if (claimScan()) {
            current.fingerprints = fingerprints;
            decideAndForward(ctx, inspection);
        }
    }

    private void decideAndForward(ChannelHandlerContext ctx, Inspection inspection) {
        Exchange ex = current;
        ApiRequest request = inspection.request();
        ex.model = request.model();
        ex.degradedDetectors = List.copyOf(inspection.facts().failedDetectors());
        VeilMetrics metrics = services.metrics();
        metrics.stage(VeilMetrics.Stage.SCAN, inspection.scanNanos());
        metrics.scanCache(inspection.cacheHits(), inspection.cacheMisses());
        inspection.countsByType().forEach(metrics::findings);
        ex.degradedDetectors.forEach(metrics::detectorFailed);
        long decideStart = System.nanoTime();
        Decision decision;
        try {
            PolicyHolder.Evaluation evaluation = services.policy().evaluate(inspection.facts());
            decision = evaluation.decision();
            if (evaluation.differs()) {
                services.metrics().shadowDifference();
                Decision shadow = evaluation.shadow().orElseThrow();
                ex.shadowDifference = shadow.action().name().toLowerCase(Locale.ROOT)
                        + (shadow.upstream().isEmpty() ? "" : " " + shadow.upstream()) + " by " + shadow.decidingRule();
            }
        } catch (RuntimeException e) {
            log.error("request {}: the policy failed to decide; refusing the request", ex.requestId, e);
            fail(ctx, ex, ApiError.of(ErrorKind.INTERNAL, "Veil could not evaluate its policy for this request."));
            return;
        }
        metrics.stage(VeilMetrics.Stage.DECIDE, System.nanoTime() - decideStart);
        decision.appliedRules().forEach(metrics::ruleApplied);
        ex.decision = decision.action();
        ex.action = decision.action().name().toLowerCase(Locale.ROOT);
        ex.policyVersion = decision.policyVersion();
        ex.rules = decision.appliedRules().contains(decision.decidingRule())
                ? orderedRules(decision) : prepend(decision.decidingRule(), decision.appliedRules());
        if (decision.action() == Action.BLOCK) {
            String msg = decision.message().isEmpty() ? "This request is not allowed by policy." : decision.message();
            ex.findings = findingCounts(inspection, Map.of());
            fail(ctx, ex, new ApiError(ErrorKind.BLOCKED, msg + " (rule: " + decision.decidingRule()
                    + "; findings: " + summary(inspection.countsByType()) + ")", null));
            return;
        }
        String upstreamName = decision.upstream().isEmpty() ? services.config().defaultUpstream() : decision.upstream();
        UpstreamConfig upstream = services.config().upstreams().get(upstreamName);
        if (upstream == null) {
            log.error("request {}: policy chose unknown upstream '{}'; refusing the request", ex.requestId, upstreamName);
            fail(ctx, ex, ApiError.of(ErrorKind.INTERNAL, "Veil's policy chose an upstream that is not configured."));
            return;
        }
        TokenMap tokens = new TokenMap();
        Map<String, Integer> redacted = Map.of();
        if (decision.action() == Action.REDACT) {
            Decision d = decision;
            Predicate<String> listed = type -> Policy.redacts(d, type);
            redacted = decision.redactMode() == RedactMode.PSEUDONYMIZE
                    ? Redactor.pseudonymize(inspection, listed, services.pseudonyms(),
                            inspection.facts().tenant(), tokens)
                    : Redactor.mask(inspection, listed);
        }
        ex.findings = findingCounts(inspection, redacted);
        ex.redactions = redacted.values().stream().mapToInt(Integer::intValue).sum();
        forward(ctx, ex, request, upstream, tokens, fallbackFor(ex, upstream, decision.fallback()));
    }

    /**
     * The policy's fallback upstream, if it may take a request meant for {@code chosen}: it must be
     * configured, another upstream, and at least as trusted (never internal to external).
     */
    private UpstreamConfig fallbackFor(Exchange ex, UpstreamConfig chosen, String name) {
        UpstreamConfig fallback = name.isEmpty() ? null : services.config().upstreams().get(name);
        if (fallback == null || fallback.name().equals(chosen.name())) {
            return null;
        }
        if (chosen.trust() == Trust.INTERNAL && fallback.trust() != Trust.INTERNAL) {
            log.error("request {}: fallback '{}' is not internal and may not take a request for '{}'; not used",
                    ex.requestId, fallback.name(), chosen.name());
            return null;
        }
        return fallback;
    }

    /**
     * Sends the request to {@code upstream}. If it cannot be reached before anything was sent,
     * and a {@code fallback} is given, the request goes there instead, once.
     */
    private void forward(ChannelHandlerContext ctx, Exchange ex, ApiRequest request, UpstreamConfig upstream,
            TokenMap tokens, UpstreamConfig fallback) {
        ex.upstream = upstream.name();
        ex.trust = upstream.trust().name().toLowerCase(Locale.ROOT);
        if (upstream.trust() == Trust.INTERNAL) {
            request.mapModel(upstream.mapModel(request.model()));
        }
        ex.forwardedModel = request.body().path("model").asText("");
        String clientModel = ex.forwardedModel.equals(request.model()) ? null : request.model();
        ResponseRewriter rewriter = ResponseRewriter.needed(tokens, clientModel)
                ? new ResponseRewriter(tokens, clientModel) : null;
        Consumer<UpstreamFailure> toFallback = fallback == null ? null : failure -> {
            String why = failure.name().toLowerCase(Locale.ROOT);
            log.warn("request {}: upstream '{}' could not be reached ({}); sending it to fallback '{}' as the policy "
                    + "allows", ex.requestId, upstream.name(), why, fallback.name());
            services.metrics().fallback(upstream.name(), fallback.name());
            ex.fallback = "upstream " + upstream.name() + " unreachable (" + why + "); sent to " + fallback.name();
            forward(ctx, ex, request, fallback, tokens, null);
        };
        relay = new ResponseRelay(ctx, ex, upstream, request.stream(), rewriter, services.metrics(), this::finished,
                toFallback);
        services.upstreams().send(ctx.channel().eventLoop(), upstream, HttpMethod.POST,
                request.endpoint().upstreamPath(), request.toBytes(), relay);
    }

    private static List<AuditRecord.FindingCount> findingCounts(Inspection inspection, Map<String, Integer> redacted) {
        Map<String, double[]> byType = new TreeMap<>();
        for (Finding f : inspection.facts().findings()) {
            double[] countAndMax = byType.computeIfAbsent(f.type(), t -> new double[2]);
            countAndMax[0]++;
            countAndMax[1] = Math.max(countAndMax[1], f.score());
        }
        List<AuditRecord.FindingCount> out = new ArrayList<>(byType.size());
        byType.forEach((type, cm) -> out.add(new AuditRecord.FindingCount(type, (int) cm[0], cm[1],
                Math.min((int) cm[0], redacted.getOrDefault(type, 0)))));
        return out;
    }

    private static List<String> orderedRules(Decision d) {
        return prepend(d.decidingRule(), d.appliedRules().stream().filter(r -> !r.equals(d.decidingRule())).toList());
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static String summary(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        counts.forEach((type, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(type).append(" x").append(n));
        return sb.toString();
    }

    /** Sends an error response and ends the exchange. */
    void fail(ChannelHandlerContext ctx, Exchange ex, ApiError error) {
        FullHttpResponse response = error.toResponse(ctx.alloc());
        ex.describeTo(response.headers());
        if (!ex.keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        ctx.writeAndFlush(response);
        finished(ctx, ex, error.kind().status().code(), ex.keepAlive);
    }

    /** Called once when a response has been fully written or abandoned. */
    void finished(ChannelHandlerContext ctx, Exchange ex, int status, boolean reuseConnection) {
        ex.finish(services.audit(), services.metrics(), services.fingerprints().get(), status);
        if (current == ex) {
            current = null;
            relay = null;
        }
        if (reuseConnection && ctx.channel().isActive() && !pipelined.isEmpty()) {
            FullHttpRequest next = pipelined.poll();
            if (pipelined.size() == MAX_PIPELINED - 1) {
                ctx.read(); // the queue was full and reading had stopped
            }
            try {
                serve(ctx, next);
            } finally {
                next.release();
            }
        } else if (reuseConnection && ctx.channel().isActive()) {
            ctx.read();
        } else {
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        services.metrics().connectionClosed();
        pipelined.forEach(FullHttpRequest::release);
        pipelined.clear();
        if (relay != null) {
            relay.clientGone();
        } else if (current != null) {
            if (scanTimer != null) {
                scanTimer.cancel(false);
                scanTimer = null;
            }
            current.finish(services.audit(), services.metrics(), services.fingerprints().get(), 499);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error: {}", cause.toString());
        ctx.close();
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private static String newRequestId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "req_" + HexFormat.of().formatHex(b);
    }

    /** Endpoint paths are recorded only when known: an unknown path is client input and may hold anything. */
    private Exchange newExchange(Endpoint endpoint, boolean keepAlive, long requestBytes) {
        return new Exchange(newRequestId(), Instant.now(), System.nanoTime(),
                endpoint == null ? "unknown" : endpoint.path(), keepAlive, requestBytes, services.inFlight());
    }

    /** The body aggregator refused a body over the limit: answer 413 and record it like any request. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof BodyLimitAggregator.Oversized oversized) {
            Exchange ex = newExchange(Endpoint.forPath(new QueryStringDecoder(oversized.uri()).path()).orElse(null),
                    false, oversized.declaredLength());
            current = ex;
            fail(ctx, ex, ApiError.of(ErrorKind.TOO_LARGE, "The request body is larger than this Veil accepts ("
                    + services.config().maxBodyBytes() + " bytes). Send a smaller request."));
            return;
        }
        if (evt instanceof IdleStateEvent) {
            // Nothing received for the client timeout: between requests that is an idle keep-alive
            // connection; in the middle of one, a slow or stuck client. Either way, let it go. While a
            // response is being relayed the client has nothing to send, so it is left alone.
            if (current == null) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private static String supportedPaths() {
        StringBuilder sb = new StringBuilder();
        for (Endpoint e : Endpoint.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.method()).append(' ').append(e.path());
        }
        return sb.toString();
    }
}
