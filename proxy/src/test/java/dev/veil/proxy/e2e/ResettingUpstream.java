package dev.veil.proxy.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An upstream that reads a request's headers and then resets the connection (RST), the way a
 * crashing or overloaded server does. Counts the requests it cut off.
 *
 * <p>Thread-safe.
 */
final class ResettingUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<String> requestLines = new LinkedBlockingQueue<>();

    ResettingUpstream() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::run, "resetting-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    /** The request lines received (e.g. {@code POST /v1/chat/completions HTTP/1.1}), oldest first. */
    BlockingQueue<String> requestLines() {
        return requestLines;
    }

    private void run() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                String head = readHead(s.getInputStream());
                requestLines.add(head.lines().findFirst().orElse(""));
                s.setSoLinger(true, 0);
            } catch (IOException e) {
                // closed, or the peer went away first
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.lastIndexOf("\r\n\r\n") == sb.length() - 4) {
                break;
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
