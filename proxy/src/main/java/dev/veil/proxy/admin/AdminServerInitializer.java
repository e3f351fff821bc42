package dev.veil.proxy.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.proxy.metrics.MetricRegistry;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;

/** Assembles the pipeline of one admin connection. */
final class AdminServerInitializer extends ChannelInitializer<SocketChannel> {

    /** Admin requests carry no body; anything larger than this is refused by the aggregator. */
    private static final int MAX_REQUEST = 8 * 1024;
    private static final int IDLE_SECONDS = 30;

    private final MetricRegistry metrics;
    private final Readiness readiness;

    AdminServerInitializer(MetricRegistry metrics, Readiness readiness) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.readiness = requireNonNull(readiness, "readiness");
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS));
        p.addLast("http", new HttpServerCodec(4096, 8192, 8192));
        p.addLast("keepalive", new HttpServerKeepAliveHandler());
        p.addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST));
        p.addLast("admin", new AdminHandler(metrics, readiness));
    }
}
