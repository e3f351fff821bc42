package dev.veil.proxy;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The network transport of the proxy's event loops and of every channel on them: Linux's epoll
 * where its native library loads (fewer system calls and less garbage per read and write), NIO
 * everywhere else. {@code -Dveil.transport=nio} forces NIO.
 *
 * @param name {@code epoll} or {@code nio}, for the start-up log line
 * @param ioHandlers makes the I/O handler of each event loop
 * @param serverChannel the listening channel type
 * @param socketChannel the client channel type, for upstream connections
 * @param datagramChannel the datagram channel type, for DNS look-ups of upstream host names
 */
record Transport(
        String name,
        Supplier<IoHandlerFactory> ioHandlers,
        Class<? extends ServerSocketChannel> serverChannel,
        Class<? extends SocketChannel> socketChannel,
        Class<? extends DatagramChannel> datagramChannel) {

    static final String PROPERTY = "veil.transport";

    static Transport select() {
        String wanted = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        if (!wanted.equals("nio") && Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler::newFactory, EpollServerSocketChannel.class,
                    EpollSocketChannel.class, EpollDatagramChannel.class);
        }
        return nio();
    }

    static Transport nio() {
        return new Transport("nio", NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class,
                NioDatagramChannel.class);
    }
}
