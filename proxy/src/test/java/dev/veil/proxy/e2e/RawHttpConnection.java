package dev.veil.proxy.e2e;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 connection driven by hand, for what a pooled client hides: several requests on
 * the same connection, and exactly what the server does to it. Reads fixed-length and chunked
 * responses. Every read is bounded by the socket timeout.
 *
 * <p>Not thread-safe.
 */
final class RawHttpConnection implements AutoCloseable {

    /** A response as read from the wire. Header names are lower case. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttpConnection(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void post(String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        write("POST " + path + " HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + VeilExtension.CLIENT_KEY + "\r\nContent-Length: " + bytes.length
                + "\r\n\r\n", bytes);
    }

    void get(String path) throws IOException {
        write("GET " + path + " HTTP/1.1\r\nHost: veil\r\n\r\n", new byte[0]);
    }

    /** Writes raw bytes: a request head, part of a body, chunks. */
    void write(String text) throws IOException {
        write(text, new byte[0]);
    }

    private void write(String head, byte[] body) throws IOException {
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    Response read() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (headers.containsKey("content-length")) {
            int n = Integer.parseInt(headers.get("content-length"));
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw new EOFException("body ended after " + b.length + " of " + n + " bytes");
            }
            body.write(b);
        }
        return new Response(code, headers, body.toString(StandardCharsets.UTF_8));
    }

    /** True if the server closed the connection (end of stream within the socket timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        throw new EOFException("connection closed by the server");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
