package dev.veil.audit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RatchetTest {

    private static final byte[] SEGMENT_KEY = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void reader_skippingAhead_derivesTheSameKeyTheWriterUsed() {
        Ratchet writer = new Ratchet(SEGMENT_KEY);
        byte[] fifth = null;
        for (int i = 0; i <= 5; i++) {
            fifth = writer.nextKey();
        }
        Ratchet reader = new Ratchet(SEGMENT_KEY);
        reader.skipTo(5);
        assertArrayEquals(fifth, reader.nextKey());
    }

    @Test
    void keys_areDistinctAndTheRatchetCannotGoBack() {
        Ratchet r = new Ratchet(SEGMENT_KEY);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(HexFormat.of().formatHex(r.nextKey()));
        }
        assertEquals(1000, seen.size());
        assertThrows(IllegalArgumentException.class, () -> r.skipTo(10));
    }

    @Test
    void destroy_erasesTheState() {
        Ratchet r = new Ratchet(SEGMENT_KEY);
        r.destroy();
        // Only an all-zero state yields this key.
        assertArrayEquals(Crypto.expand(new byte[32], Crypto.RECORD_INFO), r.nextKey());
    }
}
