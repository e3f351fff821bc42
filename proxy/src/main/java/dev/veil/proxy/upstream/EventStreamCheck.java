package dev.veil.proxy.upstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Checks a server-sent event stream from an upstream as it arrives in arbitrary chunks, and passes
 * on only complete, well-formed events, byte for byte. Well-formed means what an OpenAI-compatible
 * server sends: every line is a comment ({@code :...}) or one of the fields {@code data},
 * {@code event}, {@code id}, {@code retry}; the data of an event is empty, {@code [DONE]}, or one
 * JSON value. A stream whose last event is cut off is malformed too.
 *
 * <p>An incomplete event is held back until its blank line arrives, so nothing the client gets is
 * a partial event. One instance per response; not thread-safe.
 */
public final class EventStreamCheck {

    /** An event larger than this is not one an OpenAI-compatible server sends. */
    static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    /**
     * Takes the next bytes and returns those of the events they complete (possibly none).
     *
     * @throws MalformedStreamException at the first event that is not well-formed
     */
    public byte[] feed(byte[] chunk) throws MalformedStreamException {
        byte[] all;
        if (partial.size() == 0) {
            all = chunk;
        } else {
            partial.write(chunk, 0, chunk.length);
            all = partial.toByteArray();
            partial.reset();
        }
        int eventStart = 0;
        int lineStart = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] != '\n' && all[i] != '\r') {
                continue;
            }
            int lineEnd = i;
            if (all[i] == '\r') {
                if (i + 1 == all.length) {
                    break; // a CR LF may be split across chunks: wait for the next byte
                }
                if (all[i + 1] == '\n') {
                    i++;
                }
            }
            if (lineEnd == lineStart) {
                if (lineStart > eventStart) {
                    checkEvent();
                }
                eventStart = i + 1;
            } else {
                line(all, lineStart, lineEnd);
            }
            lineStart = i + 1;
        }
        if (all.length - eventStart > MAX_EVENT_BYTES) {
            throw new MalformedStreamException("an event of more than " + MAX_EVENT_BYTES + " bytes");
        }
        // Lines of the incomplete event were checked already; they are checked again with the rest.
        data.reset();
        partial.write(all, eventStart, all.length - eventStart);
        byte[] out = new byte[eventStart];
        System.arraycopy(all, 0, out, 0, eventStart);
        return out;
    }

    /**
     * The stream ended.
     *
     * @throws MalformedStreamException if it ended in the middle of an event
     */
    public void finish() throws MalformedStreamException {
        for (byte b : partial.toByteArray()) {
            if (b != '\n' && b != '\r') {
                throw new MalformedStreamException("the stream ended in the middle of an event");
            }
        }
    }

    private void line(byte[] b, int start, int end) throws MalformedStreamException {
        if (b[start] == ':') {
            return;
        }
        int colon = start;
        while (colon < end && b[colon] != ':') {
            colon++;
        }
        String field = new String(b, start, colon - start, StandardCharsets.US_ASCII);
        int value = colon + 1;
        if (value < end && b[value] == ' ') {
            value++;
        }
        switch (field) {
            case "data" -> {
                if (data.size() > 0) {
                    data.write('\n');
                }
                if (value < end) {
                    data.write(b, value, end - value);
                }
            }
            case "event", "id", "retry" -> {
                // Kept as sent.
            }
            default -> throw new MalformedStreamException("a line that is not a server-sent event field");
        }
    }

    private void checkEvent() throws MalformedStreamException {
        byte[] d = data.toByteArray();
        data.reset();
        if (d.length == 0 || java.util.Arrays.equals(d, DONE)) {
            return;
        }
        try (JsonParser p = JSON.createParser(d)) {
            if (p.nextToken() == null) {
                throw new MalformedStreamException("an event whose data is not JSON");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new MalformedStreamException("an event whose data is more than one JSON value");
            }
        } catch (IOException e) {
            throw new MalformedStreamException("an event whose data is not JSON");
        }
    }
}
