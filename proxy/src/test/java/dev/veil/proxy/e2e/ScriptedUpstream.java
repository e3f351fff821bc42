package dev.veil.proxy.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that answers with exactly the bytes a test scripts, including what a real server
 * should never send: garbage lines, cut-off events, a reset in the middle of a body. It counts the
 * connections it accepts, so a test can prove that Veil stopped calling it, and it reports when
 * Veil closed a connection it had left open, so a test can prove the connection was freed.
 *
 * <p>Without a script, a request is answered by resetting the connection. One connection is served
 * at a time. Thread-safe.
 */
final class ScriptedUpstream implements AutoCloseable {

    /** What to do after the scripted bytes are written. */
    enum Then {
        /** Close the connection normally (FIN). */
        CLOSE,
        /** Reset the connection (RST). */
        RESET,
        /** Keep the connection open until Veil closes it, and report that it did. */
        WAIT_FOR_PEER_CLOSE
    }

    /** Bytes to answer one request with, then what to do. */
    record Script(byte[] bytes, Then then) {
        static Script of(String text, Then then) {
            return new Script(text.getBytes(StandardCharsets.UTF_8), then);
        }
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final BlockingQueue<String> requestLines = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Boolean> peerClosed = new LinkedBlockingQueue<>();

    ScriptedUpstream() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::run, "scripted-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    void enqueue(Script script) {
        scripts.add(script);
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** The request lines received, oldest first. */
    BlockingQueue<String> requestLines() {
        return requestLines;
    }

    /** Waits until Veil closed a connection left open by {@link Then#WAIT_FOR_PEER_CLOSE}. */
    boolean awaitPeerClose(long millis) throws InterruptedException {
        return peerClosed.poll(millis, TimeUnit.MILLISECONDS) != null;
    }

    /** An HTTP/1.1 chunked response head with this status and content type. */
    static String chunkedHead(int status, String contentType) {
        return "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n";
    }

    /** One chunk of a chunked body. */
    static String chunk(String data) {
        int length = data.getBytes(StandardCharsets.UTF_8).length;
        return Integer.toHexString(length) + "\r\n" + data + "\r\n";
    }

    static final String LAST_CHUNK = "0\r\n\r\n";

    private void run() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                s.setSoTimeout(10_000);
                serve(s);
            } catch (IOException e) {
                // closed, or the peer went away first
            }
        }
    }

    private void serve(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        while (true) {
            String head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            requestLines.add(head.lines().findFirst().orElse(""));
            skipBody(in, head);
            Script script = scripts.poll();
            if (script == null) {
                s.setSoLinger(true, 0);
                return;
            }
            OutputStream out = s.getOutputStream();
            out.write(script.bytes());
            out.flush();
            switch (script.then()) {
                case CLOSE -> {
                    return;
                }
                case RESET -> {
                    s.setSoLinger(true, 0);
                    return;
                }
                case WAIT_FOR_PEER_CLOSE -> {
                    try {
                        while (in.read() != -1) {
                            // Veil sends nothing more on this connection; wait for its end.
                        }
                        peerClosed.add(true);
                    } catch (SocketTimeoutException e) {
                        return;
                    } catch (IOException e) {
                        peerClosed.add(true);
                    }
                    return;
                }
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream sb = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            sb.write(c);
            int n = sb.size();
            byte[] b = sb.toByteArray();
            if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                break;
            }
        }
        return sb.toString(StandardCharsets.ISO_8859_1);
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                long n = Long.parseLong(line.substring("content-length:".length()).strip());
                in.readNBytes((int) n);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
