package dev.veil.proxy.upstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
import java.io.IOException;
import java.util.Arrays;

/**
 * Checks a server-sent event stream from an upstream as it arrives in arbitrary chunks, and passes
 * on only complete, well-formed events, byte for byte. Well-formed means what an OpenAI-compatible
 * server sends: every line is a comment ({@code :...}) or one of the fields {@code data},
 * {@code event}, {@code id}, {@code retry}; the data of an event is empty, {@code [DONE]}, or one
 * JSON value. A stream whose last event is cut off is malformed too.
 *
 * <p>An incomplete event is held back until its blank line arrives, so nothing the client gets is
 * a partial event. A chunk that holds whole events only (what upstreams send almost always) is
 * passed on as a slice of the chunk itself, not copied: only the data of each event is copied, into
 * a reused array, for the JSON check. An incomplete event is copied aside, and its lines are read
 * once, not again with every chunk that adds to it.
 *
 * <p>One instance per response; not thread-safe.
 */
public final class EventStreamCheck {

    /** An event larger than this is not one an OpenAI-compatible server sends. */
    static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    /** The incomplete event held back: {@code pending[0, pendingLength)}. */
    private byte[] pending = new byte[0];
    private int pendingLength;
    /** Where in {@code pending} the first line not read yet starts; the lines before it are in {@link #data}. */
    private int pendingRead;
    /** The data of the event being read (its data lines joined by LF): {@code data[0, dataLength)}. */
    private byte[] data = new byte[256];
    private int dataLength;

    /**
     * Takes the next bytes of the stream and returns those of the events they complete (possibly
     * none), byte for byte. Takes ownership of {@code chunk}, which is released whatever happens;
     * the caller owns the buffer returned.
     *
     * @throws MalformedStreamException at the first event that is not well-formed
     */
    public ByteBuf feed(ByteBuf chunk) throws MalformedStreamException {
        try {
            if (pendingLength == 0) {
                int from = chunk.readerIndex();
                int to = chunk.writerIndex();
                int end = scan(chunk, from, from, to);
                holdBack(chunk, end, to);
                return end == from ? Unpooled.EMPTY_BUFFER : chunk.retainedSlice(from, end - from);
            }
            int n = chunk.readableBytes();
            if (pendingLength + n > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pendingLength + n, pending.length * 2));
            }
            chunk.getBytes(chunk.readerIndex(), pending, pendingLength, n);
            pendingLength += n;
            ByteBuf all = Unpooled.wrappedBuffer(pending, 0, pendingLength);
            int end = scan(all, 0, pendingRead, pendingLength);
            ByteBuf out = end == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(Arrays.copyOf(pending, end));
            holdBack(all, end, pendingLength);
            return out;
        } finally {
            chunk.release();
        }
    }

    /**
     * The stream ended.
     *
     * @throws MalformedStreamException if it ended in the middle of an event
     */
    public void finish() throws MalformedStreamException {
        for (int i = 0; i < pendingLength; i++) {
            if (pending[i] != '\n' && pending[i] != '\r') {
                throw new MalformedStreamException("the stream ended in the middle of an event");
            }
        }
    }

    /**
     * Reads the lines of {@code b} from {@code lineStart} to {@code to}, the event being read having
     * started at {@code eventStart}, and returns the index after the last complete event. The
     * lines of the incomplete event that were read are left in {@link #data}, and
     * {@link #pendingRead} is set relative to the returned index.
     */
    private int scan(ByteBuf b, int eventStart, int lineStart, int to) throws MalformedStreamException {
        for (int i = lineStart; i < to; i++) {
            // forEachByte checks the bounds once, not once per byte as getByte does.
            i = b.forEachByte(i, to - i, ByteProcessor.FIND_CRLF);
            if (i < 0) {
                break;
            }
            byte c = b.getByte(i);
            int lineEnd = i;
            if (c == '\r') {
                if (i + 1 == to) {
                    break; // a CR LF may be split across chunks: wait for the next byte
                }
                if (b.getByte(i + 1) == '\n') {
                    i++;
                }
            }
            if (lineEnd == lineStart) {
                if (lineStart > eventStart) {
                    checkEvent();
                }
                eventStart = i + 1;
            } else {
                line(b, lineStart, lineEnd);
            }
            lineStart = i + 1;
        }
        if (to - eventStart > MAX_EVENT_BYTES) {
            throw new MalformedStreamException("an event of more than " + MAX_EVENT_BYTES + " bytes");
        }
        pendingRead = lineStart - eventStart;
        return eventStart;
    }

    /** Keeps {@code b[from, to)}, the start of an event, aside until the rest arrives. */
    private void holdBack(ByteBuf b, int from, int to) {
        int n = to - from;
        if (b.hasArray() && b.array() == pending) {
            System.arraycopy(pending, from, pending, 0, n);
        } else if (n > 0) {
            if (n > pending.length) {
                pending = new byte[Math.max(n, 256)];
            }
            b.getBytes(from, pending, 0, n);
        }
        pendingLength = n;
    }

    private void line(ByteBuf b, int start, int end) throws MalformedStreamException {
        if (b.getByte(start) == ':') {
            return;
        }
        int colon = start;
        while (colon < end && b.getByte(colon) != ':') {
            colon++;
        }
        int value = colon + 1;
        if (value < end && b.getByte(value) == ' ') {
            value++;
        }
        int nameLength = colon - start;
        if (isField(b, start, nameLength, "data")) {
            int n = Math.max(0, end - value);
            boolean more = dataLength > 0;
            int need = dataLength + (more ? 1 : 0) + n;
            if (need > data.length) {
                data = Arrays.copyOf(data, Math.max(need, data.length * 2));
            }
            if (more) {
                data[dataLength++] = '\n';
            }
            b.getBytes(value, data, dataLength, n);
            dataLength += n;
        } else if (!isField(b, start, nameLength, "event") && !isField(b, start, nameLength, "id")
                && !isField(b, start, nameLength, "retry")) {
            throw new MalformedStreamException("a line that is not a server-sent event field");
        }
        // event, id and retry are kept as sent.
    }

    private static boolean isField(ByteBuf b, int start, int length, String name) {
        if (length != name.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b.getByte(start + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void checkEvent() throws MalformedStreamException {
        int n = dataLength;
        dataLength = 0;
        if (n == 0 || Arrays.equals(data, 0, n, DONE, 0, DONE.length)) {
            return;
        }
        try (JsonParser p = JSON.createParser(data, 0, n)) {
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
