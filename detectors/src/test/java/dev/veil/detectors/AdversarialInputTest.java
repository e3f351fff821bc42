package dev.veil.detectors;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every standard detector on inputs built to make regular expressions backtrack: long runs of
 * digits, separators and near-misses of each format, 100 KB each. The timeout is a hang guard
 * only (a catastrophic pattern takes minutes to years on these), not a speed test.
 */
class AdversarialInputTest {

    private static final int SIZE = 100 * 1024;

    static Stream<Arguments> inputs() {
        return Stream.of(
                repeat("digits", "1"),
                repeat("digits and spaces", "1 "),
                repeat("digits and dashes", "12-"),
                repeat("digit groups", "4111 "),
                repeat("card near-miss", "4111 1111 1111 111 "),
                repeat("ssn near-miss", "123-45-678 "),
                repeat("dotted digits", "1."),
                repeat("ip near-miss", "1.2.3."),
                repeat("colons", ":"),
                repeat("hex and colons", "ab:"),
                repeat("double colons", "a::"),
                repeat("at signs", "a@"),
                repeat("local part", "a.b-c_d+"),
                repeat("domain labels", "a@b."),
                repeat("upper case", "A"),
                repeat("upper case and digits", "AB12"),
                repeat("base64", "aB3+/"),
                repeat("jwt prefix", "eyJhbGciOi."),
                repeat("pem header", "-----BEGIN PRIVATE KEY-----\n"),
                repeat("assignment", "password="),
                repeat("keys", "secret_key: "),
                repeat("url credentials", "https://a:"),
                repeat("connection string", "Server=x;Password="),
                repeat("token prefix", "xoxb-"),
                repeat("words", "Baker Street "),
                repeat("capitalised words", "Aaaa "),
                repeat("numbers and words", "12 Aaaa "),
                repeat("month names", "March 5, "),
                repeat("ages", "34 years old "),
                repeat("age near-miss", "34 years - "),
                repeat("age fields", "Age: 3"),
                repeat("glued ages", "4yo"),
                repeat("years and hyphens", "1-year-"),
                repeat("bare ages", "I'm 3 "),
                repeat("nationalities", "Japanese "),
                repeat("special-category terms after a verb", "is a Muslim and "),
                repeat("hyphenated terms", "Nigerian-"),
                repeat("zero width", "1\u200B"),
                repeat("full width", "\uFF11\u2011"),
                repeat("whitespace", " \t"),
                repeat("quotes", "\"'"),
                Arguments.of("mixed", mixed()));
    }

    private static Arguments repeat(String name, String unit) {
        return Arguments.of(name, unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE));
    }

    private static String mixed() {
        StringBuilder b = new StringBuilder(SIZE);
        String[] parts = {"4111-1111-1111-111", "AKIA", "eyJ", "::", "1.2.3", "@", "password: ", "DE89 3704",
            "-----BEGIN", "sk-", "ghp_", "+44 20", "123-45-", "\u200B", "Street ", "0000000000"};
        int i = 0;
        while (b.length() < SIZE) {
            b.append(parts[i++ % parts.length]);
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void scan_completesOnAdversarialInput(String name, String input) {
        Scanner scanner = Scanner.standard();
        ScanResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> scanner.scan(input),
                () -> "a detector hangs on: " + name);
        assertNotNull(result);
        // A failed detector would hide a hang or a stack overflow behind fail-closed.
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(), result.failedDetectors(), name);
    }
}
