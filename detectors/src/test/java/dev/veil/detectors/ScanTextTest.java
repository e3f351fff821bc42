package dev.veil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScanTextTest {

    @Test
    void derived_isComputedOncePerKindAndShared() {
        ScanText text = new ScanText("Maria lives in Lisbon");
        AtomicInteger calls = new AtomicInteger();
        String[] first = text.derived(String[].class, t -> {
            calls.incrementAndGet();
            return t.split(" ");
        });
        String[] second = text.derived(String[].class, t -> {
            calls.incrementAndGet();
            return new String[0];
        });
        assertSame(first, second);
        assertEquals(1, calls.get());
        assertEquals(21, text.derived(Integer.class, String::length));
    }
}
