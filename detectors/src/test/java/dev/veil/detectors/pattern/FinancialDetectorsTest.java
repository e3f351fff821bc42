package dev.veil.detectors.pattern;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FinancialDetectorsTest {

    private final Detector card = FinancialDetectors.paymentCard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "card 4111111111111111 exp 12/27           | 4111111111111111",
        "Visa: 4111 1111 1111 1111                 | 4111 1111 1111 1111",
        "pay with 5555-5555-5555-4444 please       | 5555-5555-5555-4444",
        "amex 3782 822463 10005                    | 3782 822463 10005",
        "mc 2223003122003222.                      | 2223003122003222",
        "discover 6011 0009 9013 9424              | 6011 0009 9013 9424",
        "diners 3056 930902 5904                   | 3056 930902 5904",
        "jcb 3530111333300000                      | 3530111333300000",
        "unionpay 6200000000000005                 | 6200000000000005",
        "visa 13 digits 4222222222222              | 4222222222222",
        "4111 1111 1111 1111 12 26                 | 4111 1111 1111 1111",
        "old JCB card 213100000000001              | 213100000000001",
        "my card 3500000000000009 was lost         | 3500000000000009",
    })
    void paymentCard_isFound(String text, String expected) {
        assertFinds(card, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "card 4111111111111112",
        "card 4111 1111 1111 1112",
        "order 1234567812345678",
        "mixed 4111 1111-1111 1111",
        "split 41 11 11 11 11 11 11 11",
        "amount 4,111,111,111,111,111",
        "version 4111111111111111.5",
        "a long number 41111111111111110000000",
        "9111111111111111 unknown brand",
        "ref 3500000000000009 unknown brand without a card word",
        "licence U4111111111111111",
    })
    void paymentCard_notFound(String text) {
        assertNothing(card, text);
    }

    @Test
    void paymentCard_twoCardsInOneRun() {
        assertFinds(card, "4111111111111111 5555555555554444", "4111111111111111", "5555555555554444");
    }

    @Test
    void paymentCard_contextRaisesScore() {
        List<Finding> plain = card.detect("ref 4111111111111111");
        List<Finding> withContext = card.detect("credit card 4111111111111111");
        assertTrue(withContext.get(0).score() > plain.get(0).score());
    }
}
