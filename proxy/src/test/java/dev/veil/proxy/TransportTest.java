package dev.veil.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransportTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Transport.PROPERTY);
    }

    @Test
    void select_onLinuxX8664_usesEpoll() {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").equals("amd64"), "the shipped native library is for x86-64 Linux");
        Transport t = Transport.select();
        assertEquals("epoll", t.name());
        assertEquals(EpollSocketChannel.class, t.socketChannel());
    }

    @Test
    void select_withTheNioProperty_usesNio() {
        System.setProperty(Transport.PROPERTY, "nio");
        Transport t = Transport.select();
        assertEquals("nio", t.name());
        assertEquals(NioSocketChannel.class, t.socketChannel());
    }
}
