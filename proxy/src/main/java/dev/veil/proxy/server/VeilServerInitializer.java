package dev.veil.proxy.server;

import static java.util.Objects.requireNonNull;

import dev.veil.proxy.tls.ServerTls;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Assembles the pipeline of one client connection, top to bottom as the protocol reads. */
public final class VeilServerInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_INITIAL_LINE = 8 * 1024;
    private static final int MAX_HEADER_SIZE = 32 * 1024;
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final ProxyServices services;
    private final Optional<ServerTls> tls;

    public VeilServerInitializer(ProxyServices services, Optional<ServerTls> tls) {
        this.services = requireNonNull(services, "services");
        this.tls = requireNonNull(tls, "tls");
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        long idle = services.config().server().clientTimeout().toMillis();
        RequestHeadDeadline head = new RequestHeadDeadline(idle);
        p.addLast("linger", head.lingeringClose());
        tls.ifPresent(t -> p.addLast("tls", t.newHandler(ch.alloc())));
        p.addLast("idle", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("head-start", head.start());
        p.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE));
        p.addLast("head-end", head.end());
        p.addLast("body", new BodyLimitAggregator((int) Math.min(Integer.MAX_VALUE, services.config().maxBodyBytes())));
        p.addLast("api", new ApiHandler(services));
    }
}
