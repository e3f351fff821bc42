package dev.veil.proxy.redact;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies a {@link ResponseRewriter} to a server-sent event stream arriving in arbitrary byte
 * chunks. Complete events are rewritten and passed on as soon as their blank line arrives; only an
 * incomplete event is buffered, so events are never held back waiting for others.
 *
 * <p>Comments and fields other than {@code data} ({@code event}, {@code id}, {@code retry}) are
 * kept. One instance per response; not thread-safe.
 */
public final class SseRewriter {

    /** An event larger than this is not SSE Veil can rewrite safely: fail the stream instead. */
    static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

    private final ResponseRewriter rewriter;
    /** The bytes of the event not complete yet: {@code pending[0, length)}. */
    private byte[] pending = new byte[256];
    private int length;
    /** The last event ended with a CR at the end of a chunk; an LF opening the next one belongs to it. */
    private boolean lfAfterCr;

    public SseRewriter(ResponseRewriter rewriter) {
        this.rewriter = requireNonNull(rewriter, "rewriter");
    }

    /**
     * Takes the next bytes of the stream and returns the rewritten bytes of every event they
     * complete (possibly none).
     *
     * @throws IllegalStateException if one event grows beyond {@value #MAX_EVENT_BYTES} bytes
     */
    public byte[] feed(byte[] chunk) {
        int skip = lfAfterCr && chunk.length > 0 && chunk[0] == '\n' ? 1 : 0;
        lfAfterCr = false;
        int before = length;
        append(chunk, skip, chunk.length - skip);
        // Only the new bytes can complete an event, with the three before them (an event end is at
        // most four bytes, CR LF CR LF): an event arriving in many chunks is looked through once,
        // not once per chunk.
        int start = 0;
        StringBuilder out = null;
        for (int i = Math.max(0, before - 3); i < length; i++) {
            int end = eventEnd(pending, length, i);
            if (end > 0) {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(rewrite(new String(pending, start, i - start, StandardCharsets.UTF_8)));
                start = end;
                i = end - 1;
                // A CR that ends the buffer may be the first half of a CR LF: its LF is no new line.
                lfAfterCr = end == length && pending[end - 1] == '\r';
            }
        }
        if (start > 0) {
            System.arraycopy(pending, start, pending, 0, length - start);
            length -= start;
        }
        if (length > MAX_EVENT_BYTES) {
            throw new IllegalStateException("server-sent event larger than " + MAX_EVENT_BYTES + " bytes");
        }
        return out == null ? new byte[0] : out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void append(byte[] b, int from, int n) {
        if (length + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(length + n, pending.length * 2));
        }
        System.arraycopy(b, from, pending, length, n);
        length += n;
    }

    /** The end of the stream: releases held-back text and any unterminated last event. */
    public byte[] finish() {
        StringBuilder out = new StringBuilder();
        if (length > 0) {
            out.append(rewrite(new String(pending, 0, length, StandardCharsets.UTF_8)));
            length = 0;
        }
        for (String data : rewriter.finish()) {
            out.append("data: ").append(data).append("\n\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * If the line ending at {@code i} is followed by an empty line (two line ends in a row, each
     * CR LF, LF or a lone CR, as the event-stream format allows), the index after both; else -1.
     */
    private static int eventEnd(byte[] b, int n, int i) {
        int first = lineEnd(b, n, i);
        if (first == 0) {
            return -1;
        }
        int second = i + first < n ? lineEnd(b, n, i + first) : 0;
        return second == 0 ? -1 : i + first + second;
    }

    /** The length of the line end at {@code i} (2 for CR LF, 1 for LF or a lone CR), or 0. */
    private static int lineEnd(byte[] b, int n, int i) {
        if (b[i] == '\n') {
            return 1;
        }
        if (b[i] != '\r') {
            return 0;
        }
        return i + 1 < n && b[i + 1] == '\n' ? 2 : 1;
    }

    private String rewrite(String event) {
        List<String> other = new ArrayList<>();
        StringBuilder data = null;
        String eventName = null;
        for (String line : event.split("\r\n|\r|\n", -1)) {
            if (line.startsWith("data:")) {
                String v = line.substring(line.startsWith("data: ") ? 6 : 5);
                data = data == null ? new StringBuilder(v) : data.append('\n').append(v);
            } else if (line.startsWith("event:")) {
                eventName = line.substring(6).strip();
            } else if (!line.isEmpty()) {
                other.add(line);
            }
        }
        if (data == null) {
            return event + "\n\n";
        }
        StringBuilder out = new StringBuilder();
        for (String payload : rewriter.rewriteEvent(data.toString())) {
            other.forEach(l -> out.append(l).append('\n'));
            if (eventName != null) {
                out.append("event: ").append(eventTypeOf(payload, eventName)).append('\n');
            }
            out.append("data: ").append(payload).append("\n\n");
        }
        return out.toString();
    }

    /** A released-text event carries its own type; name it after that type. */
    private static String eventTypeOf(String payload, String fallback) {
        int at = payload.indexOf("\"type\":\"");
        if (at < 0 || at > 8) {
            return fallback;
        }
        int end = payload.indexOf('"', at + 8);
        return end > 0 ? payload.substring(at + 8, end) : fallback;
    }
}
