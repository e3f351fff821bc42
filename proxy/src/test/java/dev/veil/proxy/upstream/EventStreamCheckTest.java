package dev.veil.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void wellFormedStream_passesByteForByte_howeverItIsSplit() throws Exception {
        byte[] all = bytes(STREAM);
        for (int cut = 0; cut <= all.length; cut++) {
            EventStreamCheck check = new EventStreamCheck();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(check.feed(Arrays.copyOfRange(all, 0, cut)));
            out.write(check.feed(Arrays.copyOfRange(all, cut, all.length)));
            check.finish();
            assertArrayEquals(all, out.toByteArray(), "split at " + cut);
        }
    }

    @Test
    void incompleteEvent_isHeldBackUntilItsBlankLine() throws Exception {
        EventStreamCheck check = new EventStreamCheck();

        assertEquals(0, check.feed(bytes("data: {\"a\":")).length);
        assertEquals("data: {\"a\":1}\n\n", new String(check.feed(bytes("1}\n\n")), StandardCharsets.UTF_8));
    }

    @Test
    void garbageLine_isMalformed() {
        EventStreamCheck check = new EventStreamCheck();

        MalformedStreamException e = assertThrows(MalformedStreamException.class,
                () -> check.feed(bytes("data: " + CHUNK + "\n\n<html><body>Bad gateway</body></html>\n\n")));
        assertFalse(e.getMessage().contains("gateway"), "the message quotes the stream: " + e.getMessage());
    }

    @Test
    void dataThatIsNotJson_isMalformed() {
        assertThrows(MalformedStreamException.class, () -> new EventStreamCheck().feed(bytes("data: {\"id\":\"c1\",\n\n")));
        assertThrows(MalformedStreamException.class, () -> new EventStreamCheck().feed(bytes("data: hello\n\n")));
        assertThrows(MalformedStreamException.class, () -> new EventStreamCheck().feed(bytes("data: {}{}\n\n")));
    }

    @Test
    void streamEndingInsideAnEvent_isMalformed() throws Exception {
        EventStreamCheck check = new EventStreamCheck();
        check.feed(bytes("data: " + CHUNK + "\n\ndata: {\"id\":\"c2\",\"obj"));

        assertThrows(MalformedStreamException.class, check::finish);
    }

    @Test
    void streamEndingAfterACompleteEvent_isWellFormed() throws Exception {
        EventStreamCheck check = new EventStreamCheck();
        check.feed(bytes("data: " + CHUNK + "\n\n"));

        assertDoesNotThrow(check::finish);
    }
}
