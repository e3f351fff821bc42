import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what one idle keep-alive connection and one active stream cost a running Veil: the
 * growth of its resident set size and of its heap in use after a full GC, divided by the number of
 * connections (or streams) that caused it.
 *
 * <ol>
 *   <li>baseline (after a full GC);</li>
 *   <li>opens {@code --idle} connections, each answered once (an unknown path: 404, no upstream
 *   call, so the connection is set up and kept alive) and then left idle; measures; closes them;</li>
 *   <li>new baseline; opens {@code --streams} streaming chat completions against a stub that sends
 *   one small event every 100 ms, reads each until its first event, then leaves it running (the
 *   client stops reading; the events are small enough never to fill the socket buffers in the time
 *   the measurement takes); measures; closes them.</li>
 * </ol>
 * Prints one line per figure. Run by {@code bench/soak/memory.sh}, which starts the stub and Veil.
 */
public final class ConnectionMemory {

    private final long pid;
    private final int port;

    ConnectionMemory(long pid, int port) {
        this.pid = pid;
        this.port = port;
    }

    record Memory(long rssKb, long heapKb) {
    }

    Memory measure() throws Exception {
        jcmd("GC.run");
        Thread.sleep(500);
        Matcher m = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
        long heap = m.find() ? Long.parseLong(m.group(1)) : -1;
        return new Memory(rssKb(), heap);
    }

    long rssKb() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return text;
    }

    Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(30_000);
        return s;
    }

    /** A connection that has been answered once and stays open, idle. */
    Socket idleConnection() throws IOException {
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        out.write("GET /v1/unknown HTTP/1.1\r\nHost: veil\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readHeadAndBody(s.getInputStream());
        return s;
    }

    /** A streaming chat completion, read up to its first event, left running. */
    Socket activeStream(int n) throws IOException {
        Socket s = connect();
        String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Write a long story about a lighthouse keeper, part " + n + ".\"}]}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer sk-memory-client\r\nContent-Length: " + b.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
        InputStream in = s.getInputStream();
        String head = readUntil(in, "\r\n\r\n");
        if (!head.startsWith("HTTP/1.1 200")) {
            throw new IOException("stream " + n + " refused: " + head.lines().findFirst().orElse(""));
        }
        readUntil(in, "\n\n");
        return s;
    }

    private static void readHeadAndBody(InputStream in) throws IOException {
        String head = readUntil(in, "\r\n\r\n");
        Matcher m = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        if (m.find()) {
            in.readNBytes(Integer.parseInt(m.group(1)));
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            sb.append((char) c);
            if (sb.length() >= end.length() && sb.lastIndexOf(end) == sb.length() - end.length()) {
                return sb.toString();
            }
        }
        throw new IOException("connection closed after " + sb.length() + " bytes");
    }

    static void report(String what, int n, Memory before, Memory after) {
        System.out.printf(Locale.ROOT, "%s: n=%d rss_before_mb=%.1f rss_after_mb=%.1f rss_per_kb=%.1f "
                + "heap_after_gc_before_mb=%.1f heap_after_gc_after_mb=%.1f heap_per_kb=%.1f%n", what, n,
                before.rssKb() / 1024.0, after.rssKb() / 1024.0, (after.rssKb() - before.rssKb()) / (double) n,
                before.heapKb() / 1024.0, after.heapKb() / 1024.0, (after.heapKb() - before.heapKb()) / (double) n);
    }

    public static void main(String[] args) throws Exception {
        long pid = -1;
        int port = -1;
        int idle = 2000;
        int streams = 500;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pid" -> pid = Long.parseLong(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--idle" -> idle = Integer.parseInt(args[++i]);
                case "--streams" -> streams = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        ConnectionMemory tool = new ConnectionMemory(pid, port);
        // Warm the paths up, so that what is measured is per connection, not first-use class loading.
        for (int i = 0; i < 50; i++) {
            tool.idleConnection().close();
            tool.activeStream(i).close();
        }
        Thread.sleep(2000);

        Memory base = tool.measure();
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < idle; i++) {
            open.add(tool.idleConnection());
        }
        Memory loaded = tool.measure();
        report("idle_keepalive_connection", idle, base, loaded);
        for (Socket s : open) {
            s.close();
        }
        open.clear();
        Thread.sleep(2000);

        base = tool.measure();
        for (int i = 0; i < streams; i++) {
            open.add(tool.activeStream(i));
        }
        loaded = tool.measure();
        report("active_stream", streams, base, loaded);
        for (Socket s : open) {
            s.close();
        }
        System.exit(0);
    }
}
