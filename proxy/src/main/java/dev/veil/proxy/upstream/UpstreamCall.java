package dev.veil.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One request to an upstream over a pooled connection, from writing the request to the last byte
 * of the response. Auto-read is off on upstream connections: the listener pulls each next part with
 * {@link #readMore()}, so a slow client slows the upstream instead of filling memory.
 *
 * <p>Confined to one event loop; not thread-safe.
 */
public final class UpstreamCall extends ChannelInboundHandlerAdapter {

    private final ChannelPool pool;
    private final Channel channel;
    private final UpstreamListener listener;
    private final Duration responseTimeout;
    private final Duration idleTimeout;
    private final boolean reused;
    private final Runnable onStaleConnection;
    private final CircuitBreaker.Permit permit;

    private ScheduledFuture<?> timer;
    /** When the response last made progress (headers or a body part), for the idle timeout. */
    private long lastProgressNanos;
    private boolean responseStarted;
    private boolean keepAlive;
    private boolean done;
    /** Whether this read batch handed body content to the listener, which then asks for more itself. */
    private boolean handedContent;

    UpstreamCall(ChannelPool pool, Channel channel, UpstreamListener listener, Duration responseTimeout,
            Duration idleTimeout, boolean reused, Runnable onStaleConnection, CircuitBreaker.Permit permit) {
        this.pool = pool;
        this.channel = channel;
        this.listener = listener;
        this.responseTimeout = responseTimeout;
        this.idleTimeout = idleTimeout;
        this.reused = reused;
        this.onStaleConnection = onStaleConnection;
        this.permit = permit;
    }

    void start(FullHttpRequest request) {
        channel.pipeline().addLast(UpstreamClient.CALL_HANDLER, this);
        arm(responseTimeout, UpstreamFailure.TIMEOUT);
        channel.writeAndFlush(request).addListener(f -> {
            if (f.isSuccess()) {
                channel.read();
            } else {
                fail(UpstreamFailure.BROKEN, f.cause());
            }
        });
    }

    /** Asks for the next part of the response body. */
    public void readMore() {
        if (!done) {
            channel.read();
        }
    }

    /** Abandons the call (the client went away): the connection is closed, not reused. */
    public void cancel() {
        if (closeUnused()) {
            permit.abandoned();
        }
    }

    /**
     * Ends the call because its response turned out to be invalid (for example malformed
     * server-sent events): the connection is closed, not reused, and the failure counts against
     * the upstream's circuit. The listener is not called; the caller reports the failure itself.
     */
    public void reject() {
        closeUnused();
        permit.failed();
    }

    /** Ends a call that is still running: its connection is closed and never reused. */
    private boolean closeUnused() {
        if (done) {
            return false;
        }
        done = true;
        cancelTimer();
        channel.close();
        giveBack();
        return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (done) {
            ReferenceCountUtil.release(msg);
            return;
        }
        HttpObject obj = (HttpObject) msg;
        if (obj.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            fail(UpstreamFailure.BROKEN, obj.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse response) {
            if (HttpUtil.is100ContinueExpected(response) || response.status().code() == 100) {
                ReferenceCountUtil.release(msg);
                channel.read();
                return;
            }
            responseStarted = true;
            keepAlive = HttpUtil.isKeepAlive(response);
            if (response.status().code() >= 500) {
                permit.failed();
            } else {
                // 429 included: an upstream that says "slow down" is up.
                permit.succeeded();
            }
            lastProgressNanos = System.nanoTime();
            armIdle(idleTimeout.toNanos());
            listener.onResponse(response);
        }
        if (msg instanceof HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            if (last) {
                done = true;
                cancelTimer();
            } else {
                // The idle timer is not re-armed for every part (a cancel and a new scheduled task
                // each time): it looks at this when it fires.
                lastProgressNanos = System.nanoTime();
            }
            handedContent = true;
            listener.onContent(content, last);
            if (last) {
                if (!keepAlive) {
                    channel.close();
                }
                giveBack();
            }
        }
    }

    /** Until the listener has body content to pass on, keep reading (status line and headers). */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!done && responseStarted) {
            listener.onReadComplete();
        }
        if (!done && !handedContent) {
            channel.read();
        }
        handedContent = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(UpstreamFailure.BROKEN, new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(UpstreamFailure.BROKEN, cause);
    }

    private void fail(UpstreamFailure failure, Throwable cause) {
        if (done) {
            return;
        }
        done = true;
        cancelTimer();
        channel.close();
        giveBack();
        if (reused && !responseStarted && failure == UpstreamFailure.BROKEN
                && (cause instanceof IOException)) {
            // A pooled connection the upstream had already closed: the request never reached it.
            onStaleConnection.run();
            return;
        }
        permit.failed();
        listener.onFailure(failure, responseStarted, cause);
    }

    private void arm(Duration after, UpstreamFailure failure) {
        cancelTimer();
        timer = channel.eventLoop().schedule(
                () -> fail(failure, null), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Fails the call with {@link UpstreamFailure#IDLE_TIMEOUT} once no body part has arrived for
     * the idle timeout: checks in {@code delayNanos}, and if a part arrived since, waits for the
     * rest of the timeout counted from that part.
     */
    private void armIdle(long delayNanos) {
        cancelTimer();
        timer = channel.eventLoop().schedule(() -> {
            timer = null;
            if (done) {
                return;
            }
            long left = idleTimeout.toNanos() - (System.nanoTime() - lastProgressNanos);
            if (left <= 0) {
                fail(UpstreamFailure.IDLE_TIMEOUT, null);
            } else {
                armIdle(left);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void giveBack() {
        if (channel.pipeline().get(UpstreamClient.CALL_HANDLER) == this) {
            channel.pipeline().remove(this);
        }
        pool.release(channel);
    }
}
