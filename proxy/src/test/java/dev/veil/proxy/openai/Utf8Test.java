package dev.veil.proxy.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private boolean jdkSaysValid(byte[] b) {
        try {
            strict.reset().decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void assertSameAsJdk(byte[] b) {
        assertEquals(jdkSaysValid(b), Utf8.isValid(b), () -> HexFormat.of().formatHex(b));
    }

    @Test
    void isValid_agreesWithTheJdkDecoderOnEveryOneAndTwoByteInput() {
        for (int a = 0; a < 256; a++) {
            assertSameAsJdk(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                assertSameAsJdk(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void isValid_agreesWithTheJdkDecoderOnEveryThreeByteInputWithALeadByte() {
        for (int a = 0xC0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c = 0; c < 256; c++) {
                    byte[] in = {(byte) a, (byte) b, (byte) c};
                    if (Utf8.isValid(in) != jdkSaysValid(in)) {
                        assertSameAsJdk(in);
                    }
                }
            }
        }
    }

    @Test
    void isValid_agreesWithTheJdkDecoderOnRandomLongerInputs() {
        Random random = new Random(20261129);
        byte[] pool = {0x41, (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0xBF, (byte) 0xC2,
            (byte) 0xDF, (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF};
        for (int n = 0; n < 300_000; n++) {
            byte[] in = new byte[4 + random.nextInt(5)];
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : pool[random.nextInt(pool.length)];
            }
            assertSameAsJdk(in);
        }
    }

    @Test
    void isValid_acceptsEveryScalarValueAndRejectsSurrogatesOverlongsAndTruncations() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= 0x10FFFF; cp += cp < 0x3000 ? 1 : 97) {
            if (cp < 0xD800 || cp > 0xDFFF) {
                all.appendCodePoint(cp);
            }
        }
        all.appendCodePoint(0x10FFFF);
        assertTrue(Utf8.isValid(all.toString().getBytes(StandardCharsets.UTF_8)));
        assertFalse(Utf8.isValid(HexFormat.of().parseHex("eda080")), "U+D800 encoded");
        assertFalse(Utf8.isValid(HexFormat.of().parseHex("c0af")), "overlong slash");
        assertFalse(Utf8.isValid(HexFormat.of().parseHex("e080af")), "overlong slash, three bytes");
        assertFalse(Utf8.isValid(HexFormat.of().parseHex("f4908080")), "U+110000");
        assertFalse(Utf8.isValid(HexFormat.of().parseHex("41e282")), "truncated euro sign");
    }
}
