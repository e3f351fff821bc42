package dev.veil.proxy.upstream;

import static java.util.Objects.requireNonNull;

import dev.veil.proxy.config.UpstreamConfig;
import dev.veil.proxy.config.RetrySettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.ChannelPool;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to upstreams over pooled keep-alive connections. Each client event loop has its
 * own pool per upstream, so a call and the client connection it serves share one thread and
 * nothing is handed across threads.
 *
 * <p>Fault handling: each upstream has a {@link CircuitBreaker}, so an upstream that keeps failing
 * is not called until its cool-down has passed. A request that could not be delivered (no
 * connection, connect timeout) is sent again, up to the upstream's {@link RetrySettings}, with a
 * doubling backoff; a request whose bytes were written is never sent again, except when a pooled
 * connection turns out to have been closed by the upstream before the request reached it.
 *
 * <p>Holds the upstreams' API keys: a key is only ever added to requests for the upstream it was
 * configured for. Thread-safe.
 */
public final class UpstreamClient implements AutoCloseable {

    static final String CALL_HANDLER = "veil-upstream-call";
    private static final Logger log = LoggerFactory.getLogger(UpstreamClient.class);
    private static final AttributeKey<Integer> USES = AttributeKey.valueOf("veil.uses");
    private static final int MAX_STALE_RETRIES = 2;

    private final Map<String, String> apiKeys;
    private final Class<? extends SocketChannel> channelClass;
    private final SslContext ssl;
    private final DnsAddressResolverGroup resolver;
    private final Map<PoolKey, ChannelPool> pools = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final UpstreamEvents events;
    private final LongSupplier nanoTime;

    /**
     * @param apiKeys upstream name to the key sent to it as a bearer token; upstreams without an
     *     entry get no Authorization header
     * @param channelClass the socket channel type matching the event loops calls run on
     */
    public UpstreamClient(Map<String, String> apiKeys, Class<? extends SocketChannel> channelClass) {
        this(apiKeys, channelClass, NioDatagramChannel.class);
    }

    /**
     * @param datagramChannelClass the datagram channel type matching the same event loops, for DNS
     */
    public UpstreamClient(Map<String, String> apiKeys, Class<? extends SocketChannel> channelClass,
            Class<? extends DatagramChannel> datagramChannelClass) {
        this(apiKeys, channelClass, datagramChannelClass, UpstreamEvents.NONE, System::nanoTime);
    }

    /**
     * @param events told of circuit state changes and connection retries (metrics)
     * @param nanoTime the clock circuit breakers measure their cool-down with
     */
    public UpstreamClient(Map<String, String> apiKeys, Class<? extends SocketChannel> channelClass,
            Class<? extends DatagramChannel> datagramChannelClass, UpstreamEvents events, LongSupplier nanoTime) {
        this.events = requireNonNull(events, "events");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.apiKeys = Map.copyOf(requireNonNull(apiKeys, "apiKeys"));
        this.channelClass = requireNonNull(channelClass, "channelClass");
        try {
            this.ssl = SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot create the TLS client context", e);
        }
        this.resolver = new DnsAddressResolverGroup(requireNonNull(datagramChannelClass, "datagramChannelClass"),
                DnsServerAddressStreamProviders.platformDefault());
    }

    /**
     * Sends {@code body} to {@code path} below the upstream's base URL and streams the response to
     * {@code listener} on {@code loop}, which must be the event loop of the caller's channel. If
     * the upstream's circuit is open, the listener is told {@link UpstreamFailure#CIRCUIT_OPEN} at
     * once and no connection is attempted.
     */
    public void send(EventLoop loop, UpstreamConfig upstream, HttpMethod method, String path, byte[] body,
            UpstreamListener listener) {
        requireNonNull(loop, "loop");
        requireNonNull(upstream, "upstream");
        requireNonNull(listener, "listener");
        attempt(loop, upstream, method, path, body, listener, 1);
    }

    /** The state of an upstream's circuit (closed for an upstream not called yet). */
    public CircuitBreaker.State circuitState(String upstream) {
        CircuitBreaker b = breakers.get(upstream);
        return b == null ? CircuitBreaker.State.CLOSED : b.state();
    }

    /** How long until the open circuit of {@code upstream} lets a trial call through; zero if not open. */
    public java.time.Duration retryAfter(String upstream) {
        CircuitBreaker b = breakers.get(upstream);
        return b == null ? java.time.Duration.ZERO : b.retryAfter();
    }

    private CircuitBreaker breaker(UpstreamConfig upstream) {
        return breakers.computeIfAbsent(upstream.name(), name ->
                new CircuitBreaker(name, upstream.circuitBreaker(), nanoTime, this::circuitChanged));
    }

    private void circuitChanged(String upstream, CircuitBreaker.State from, CircuitBreaker.State to, int failures) {
        switch (to) {
            case OPEN -> log.warn("upstream '{}': circuit {} -> open after {} consecutive failure(s); calls fail at "
                    + "once for the cool-down, then one trial call is let through. Check that the upstream is up.",
                    upstream, from.name().toLowerCase(java.util.Locale.ROOT), failures);
            case HALF_OPEN -> log.info("upstream '{}': circuit open -> half_open; letting one trial call through",
                    upstream);
            case CLOSED -> log.info("upstream '{}': circuit {} -> closed; the upstream answers again", upstream,
                    from.name().toLowerCase(java.util.Locale.ROOT));
        }
        events.circuitChanged(upstream, to);
    }

    private void attempt(EventLoop loop, UpstreamConfig upstream, HttpMethod method, String path, byte[] body,
            UpstreamListener listener, int attempt) {
        if (attempt > 1 && listener instanceof CallAware aware && aware.abandoned()) {
            return;
        }
        CircuitBreaker breaker = breaker(upstream);
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        if (permit == null) {
            listener.onFailure(UpstreamFailure.CIRCUIT_OPEN, false,
                    new CircuitOpenException(upstream.name(), breaker.retryAfter()));
            return;
        }
        ChannelPool pool = pools.computeIfAbsent(new PoolKey(loop, upstream.name()), k -> newPool(loop, upstream));
        whenConnected(pool, ch -> call(loop, pool, ch, upstream, method, path, body, listener, permit, 0),
                (failure, cause) -> notConnected(loop, upstream, method, path, body, listener, attempt, permit,
                        failure, cause));
    }

    /**
     * Acquires a connection and hands it to {@code send} once it can carry a request; otherwise
     * tells {@code failed} why not. A new TLS connection waits for its handshake: until then a
     * request would only wait in the TLS handler, so a failed handshake is a failure to connect
     * (nothing was sent), not a broken call.
     */
    private static void whenConnected(ChannelPool pool, Consumer<Channel> send,
            BiConsumer<UpstreamFailure, Throwable> failed) {
        pool.acquire().addListener(f -> {
            if (!f.isSuccess()) {
                failed.accept(f.cause() instanceof ConnectTimeoutException ? UpstreamFailure.CONNECT_TIMEOUT
                        : UpstreamFailure.CONNECT, f.cause());
                return;
            }
            Channel ch = (Channel) f.getNow();
            SslHandler tls = ch.pipeline().get(SslHandler.class);
            if (tls == null || tls.handshakeFuture().isDone() && tls.handshakeFuture().isSuccess()) {
                send.accept(ch);
                return;
            }
            tls.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    send.accept(ch);
                    return;
                }
                ch.close();
                pool.release(ch);
                failed.accept(UpstreamFailure.TLS_HANDSHAKE, h.cause());
            });
        });
    }

    /** No connection to send on: retry after the backoff while attempts remain, else report {@code failure}. */
    private void notConnected(EventLoop loop, UpstreamConfig upstream, HttpMethod method, String path, byte[] body,
            UpstreamListener listener, int attempt, CircuitBreaker.Permit permit, UpstreamFailure failure,
            Throwable cause) {
        permit.failed();
        RetrySettings retry = upstream.retry();
        if (attempt < retry.maxAttempts()) {
            // Nothing was sent: trying again cannot make the upstream act twice.
            try {
                loop.schedule(() -> attempt(loop, upstream, method, path, body, listener, attempt + 1),
                        retry.backoffBefore(attempt + 1).toMillis(), TimeUnit.MILLISECONDS);
                events.connectRetried(upstream.name());
                return;
            } catch (RejectedExecutionException e) {
                // Veil is shutting down: report the failure now rather than never.
            }
        }
        listener.onFailure(failure, false, cause);
    }

    private void call(EventLoop loop, ChannelPool pool, Channel ch, UpstreamConfig upstream, HttpMethod method,
            String path, byte[] body, UpstreamListener listener, CircuitBreaker.Permit permit, int staleRetries) {
        Integer uses = ch.attr(USES).get();
        ch.attr(USES).set(uses == null ? 1 : uses + 1);
        Runnable onStale = staleRetries < MAX_STALE_RETRIES
                ? () -> whenConnected(pool,
                        fresh -> call(loop, pool, fresh, upstream, method, path, body, listener, permit,
                                staleRetries + 1),
                        (failure, cause) -> {
                            permit.failed();
                            listener.onFailure(failure, false, cause);
                        })
                : () -> {
                    permit.failed();
                    listener.onFailure(UpstreamFailure.BROKEN, false, null);
                };
        UpstreamCall call = new UpstreamCall(pool, ch, listener, upstream.responseTimeout(),
                upstream.idleTimeout(), uses != null, onStale, permit);
        if (listener instanceof CallAware aware) {
            aware.attach(call);
        }
        call.start(request(upstream, method, path, body));
    }

    private FullHttpRequest request(UpstreamConfig upstream, HttpMethod method, String path, byte[] body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, upstream.basePath() + path,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        String host = upstream.url().getHost();
        int port = upstream.port();
        boolean defaultPort = port == (upstream.tls() ? 443 : 80);
        r.headers().set(HttpHeaderNames.HOST, defaultPort ? host : host + ":" + port);
        r.headers().set(HttpHeaderNames.ACCEPT, "application/json, text/event-stream");
        r.headers().set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY);
        r.headers().set(HttpHeaderNames.USER_AGENT, "veil");
        if (body != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
        String key = apiKeys.get(upstream.name());
        if (key != null && !key.isEmpty()) {
            r.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + key);
        }
        return r;
    }

    private ChannelPool newPool(EventLoop loop, UpstreamConfig upstream) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelClass)
                .resolver(resolver)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) upstream.connectTimeout().toMillis())
                .remoteAddress(InetSocketAddress.createUnresolved(upstream.url().getHost(), upstream.port()));
        return new SimpleChannelPool(b, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel ch) {
                ChannelPipeline p = ch.pipeline();
                if (upstream.tls()) {
                    SslHandler tls = ssl.newHandler(ch.alloc(), upstream.url().getHost(), upstream.port());
                    // The handshake is part of connecting, and bounded like it.
                    tls.setHandshakeTimeoutMillis(upstream.connectTimeout().toMillis());
                    p.addLast(tls);
                }
                p.addLast(new HttpClientCodec(4096, 64 * 1024, 64 * 1024));
            }
        }, ChannelHealthChecker.ACTIVE, true, true);
    }

    @Override
    public void close() {
        pools.values().forEach(ChannelPool::close);
        pools.clear();
        resolver.close();
    }

    /** Implemented by listeners that need the call handle (to pull more, or to cancel). */
    public interface CallAware {
        void attach(UpstreamCall call);

        /** True once nobody waits for the answer any more (the client went away): a retry is then not made. */
        default boolean abandoned() {
            return false;
        }
    }

    private record PoolKey(EventLoop loop, String upstream) {
    }
}
