package dev.veil.detectors.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    @Test
    void normalize_plainTextIsLeftAsIs() {
        String text = "Plain ASCII text, 123-45-6789.";
        NormalizedText n = TextNormalizer.normalize(text);
        assertFalse(n.changed());
        assertSame(text, n.text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "123\u201145\u20116789                | 123-45-6789",
        "123\u201345\u20146789                | 123-45-6789",
        "123\u221245\uFE636789                | 123-45-6789",
        "1\u200B2\u200C3\u200D-4\u20605-6\uFEFF789 | 123-45-6789",
        "\u202E123-45-6789\u202C             | 123-45-6789",
        "\uFF11\uFF12\uFF13-\uFF14\uFF15-\uFF16\uFF17\uFF18\uFF19 | 123-45-6789",
        "\u0661\u0662\u0663 \u0966\u0967       | 123 01",
        "a\u00A0b\u2009c\u3000d               | a b c d",
        "\uFF4A\uFF41\uFF4E\uFF45\uFF20\uFF45\uFF58.com | jane@ex.com",
        "p\u0430yp\u0430l.com                 | paypal.com",
        "\uD835\uDFCF\uD835\uDFD0\uD835\uDFD1  | 123",
        "so\u00ADcial                          | social",
    })
    void normalize_undoesDisguises(String input, String expected) {
        assertEquals(expected, TextNormalizer.normalize(input).text());
    }

    @Test
    void normalize_leavesWholeCyrillicAndGreekWordsAlone() {
        assertEquals("Москва и Αθήνα", TextNormalizer.normalize("Москва и Αθήνα").text());
    }

    @Test
    void normalize_keepsAccentedLetters() {
        assertEquals("Zoë Ångström café naïve", TextNormalizer.normalize("Zoë Ångström café naïve").text());
    }

    @Test
    void offsets_mapBackOverRemovedAndWideChars() {
        String original = "id: 1\u200B2\uD835\uDFD1!";
        NormalizedText n = TextNormalizer.normalize(original);
        assertEquals("id: 123!", n.text());
        int start = n.text().indexOf("123");
        int end = start + 3;
        assertEquals(4, n.originalStart(start));
        assertEquals(original.indexOf('!'), n.originalEnd(end));
        assertTrue(n.changed());
    }
}
