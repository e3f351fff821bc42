package dev.veil.proxy.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.proxy.metrics.MetricRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server: {@code GET /healthz}, {@code /readyz} and {@code /metrics}. It runs on one
 * event loop thread of its own, so it answers even while the proxy's threads are saturated.
 *
 * <p>Thread-safe; {@link #close()} may be called more than once.
 */
public final class AdminServer implements AutoCloseable {

    /** Loopback: the admin endpoints are for the host's own agents unless configured otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8788;

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final EventLoopGroup group;
    private final Channel channel;

    private AdminServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds and starts serving.
     *
     * @param host address to bind, {@link #DEFAULT_HOST} unless the operator chose otherwise
     * @param port port to bind; 0 picks a free one
     * @param metrics the registry {@code /metrics} renders
     * @param readiness what {@code /readyz} asks
     * @throws InterruptedException if interrupted while binding
     * @throws IllegalStateException if the address cannot be bound (the cause says why)
     */
    public static AdminServer start(String host, int port, MetricRegistry metrics, Readiness readiness)
            throws InterruptedException {
        requireNonNull(host, "host");
        requireNonNull(metrics, "metrics");
        requireNonNull(readiness, "readiness");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("veil-admin", true),
                NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new AdminServerInitializer(metrics, readiness))
                    .bind(host, port)
                    .sync()
                    .channel();
            AdminServer server = new AdminServer(group, channel);
            log.info("Admin endpoints on http://{}:{}/ (healthz, readyz, metrics)", host, server.port());
            return server;
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        } catch (Exception e) {
            // Netty rethrows the bind failure (a checked BindException) without declaring it.
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot bind the admin port " + host + ":" + port + ": " + e, e);
        }
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
