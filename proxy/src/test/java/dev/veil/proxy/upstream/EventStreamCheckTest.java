package dev.veil.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventStreamCheckTest {

    private static final String CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":"
            + "[{\"index\":0,\"delta\":{\"content\":\"Hi \\u00e9\"}}]}";
    private static final String STREAM = ": keep-alive\n\n"
            + "data: " + CHUNK + "\n\n"
            + "event: response.created\r\nid: 7\r\nretry: 100\r\ndata: {\"type\":\"x\",\r\ndata: \"n\":1}\r\n\r\n"
            + "data: [DONE]\n\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds {@code chunk} as Netty reads it (a direct buffer), and checks that nothing is leaked. */
    private static byte[] feed(EventStreamCheck check, byte[] chunk) throws MalformedStreamException {
        ByteBuf in = Unpooled.directBuffer(Math.max(1, chunk.length)).writeBytes(chunk);
        ByteBuf out;
        try {
            out = check.feed(in);
        } catch (MalformedStreamException e) {
            assertEquals(0, in.refCnt(), "the chunk of a malformed stream was not released");
            throw e;
        }
        byte[] got = ByteBufUtil.getBytes(out);
        out.release();
        assertEquals(0, in.refCnt(), "the chunk was not released");
        return got;
    }

    @Test
    void wellFormedStream_passesByteForByte_howeverItIsSplit() throws Exception {
        byte[] all = bytes(STREAM);
        for (int cut = 0; cut <= all.length; cut++) {
            EventStreamCheck check = new EventStreamCheck();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(feed(check, Arrays.copyOfRange(all, 0, cut)));
            out.write(feed(check, Arrays.copyOfRange(all, cut, all.length)));
            check.finish();
            assertArrayEquals(all, out.toByteArray(), "split at " + cut);
        }
    }

    @Test
    void incompleteEvent_isHeldBackUntilItsBlankLine() throws Exception {
        EventStreamCheck check = new EventStreamCheck();

        assertEquals(0, feed(check, bytes("data: {\"a\":")).length);
        assertEquals("data: {\"a\":1}\n\n", new String(feed(check, bytes("1}\n\n")), StandardCharsets.UTF_8));
    }

    @Test
    void streamArrivingByteByByte_passesByteForByte_eachEventWhenItsBlankLineArrives() throws Exception {
        byte[] all = bytes(STREAM);
        EventStreamCheck check = new EventStreamCheck();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < all.length; i++) {
            byte[] got = feed(check, new byte[] {all[i]});
            out.write(got);
            if (got.length > 0) {
                // What came out ends an event: the bytes so far end with a blank line.
                String sofar = new String(all, 0, i + 1, StandardCharsets.UTF_8);
                assertTrue(sofar.endsWith("\n\n") || sofar.endsWith("\r\n\r\n"), "released early at " + i);
                assertEquals(i + 1, out.size(), "released late at " + i);
            }
        }
        check.finish();
        assertArrayEquals(all, out.toByteArray());
    }

    @Test
    void malformedLineInALaterChunk_ofAnEventHeldBack_isMalformed() throws Exception {
        EventStreamCheck check = new EventStreamCheck();
        assertEquals(0, feed(check, bytes("data: {\"a\":1}\n")).length);

        assertThrows(MalformedStreamException.class, () -> feed(check, bytes("oops\n\n")));
    }

    @Test
    void dataLinesOfAnEventSplitAcrossChunks_areCheckedAsOneJsonValue() throws Exception {
        EventStreamCheck check = new EventStreamCheck();
        assertEquals(0, feed(check, bytes("data: {\"a\":\n")).length);
        assertEquals(0, feed(check, bytes("data: 1,\ndata: \"b\"")).length);

        assertEquals("data: {\"a\":\ndata: 1,\ndata: \"b\":2}\n\n",
                new String(feed(check, bytes(":2}\n\n")), StandardCharsets.UTF_8));
        assertThrows(MalformedStreamException.class, () -> {
            EventStreamCheck c = new EventStreamCheck();
            feed(c, bytes("data: {\"a\":\n"));
            feed(c, bytes("data: 1\n\n"));
        });
    }

    @Test
    void garbageLine_isMalformed() {
        EventStreamCheck check = new EventStreamCheck();

        MalformedStreamException e = assertThrows(MalformedStreamException.class,
                () -> feed(check, bytes("data: " + CHUNK + "\n\n<html><body>Bad gateway</body></html>\n\n")));
        assertFalse(e.getMessage().contains("gateway"), "the message quotes the stream: " + e.getMessage());
    }

    @Test
    void dataThatIsNotJson_isMalformed() {
        assertThrows(MalformedStreamException.class, () -> feed(new EventStreamCheck(), bytes("data: {\"id\":\"c1\",\n\n")));
        assertThrows(MalformedStreamException.class, () -> feed(new EventStreamCheck(), bytes("data: hello\n\n")));
        assertThrows(MalformedStreamException.class, () -> feed(new EventStreamCheck(), bytes("data: {}{}\n\n")));
    }

    @Test
    void streamEndingInsideAnEvent_isMalformed() throws Exception {
        EventStreamCheck check = new EventStreamCheck();
        feed(check, bytes("data: " + CHUNK + "\n\ndata: {\"id\":\"c2\",\"obj"));

        assertThrows(MalformedStreamException.class, check::finish);
    }

    @Test
    void streamEndingAfterACompleteEvent_isWellFormed() throws Exception {
        EventStreamCheck check = new EventStreamCheck();
        feed(check, bytes("data: " + CHUNK + "\n\n"));

        assertDoesNotThrow(check::finish);
    }
}
