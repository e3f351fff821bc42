package dev.veil.detectors.pattern;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;

import dev.veil.detectors.Detector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FinancialIdsTest {

    private final Detector iban = FinancialDetectors.iban();
    private final Detector bic = FinancialDetectors.swiftBic();
    private final Detector aba = FinancialDetectors.usAbaRouting();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pay to DE89 3704 0044 0532 0130 00 today     | DE89 3704 0044 0532 0130 00",
        "IBAN: DE89370400440532013000.                | DE89370400440532013000",
        "GB82 WEST 1234 5698 7654 32 is mine          | GB82 WEST 1234 5698 7654 32",
        "compte FR1420041010050500013M02606           | FR1420041010050500013M02606",
        "nl91abna0417164300 lower case                | nl91abna0417164300",
        "DE89 3704 0044 0532 0130 00 BIC DEUTDEFF     | DE89 3704 0044 0532 0130 00",
        "konto NO 93 8601 1117 947 please             | NO 93 8601 1117 947",
        "ME 25 5050 0001 2345 6789 51                 | ME 25 5050 0001 2345 6789 51",
    })
    void iban_isFound(String text, String expected) {
        assertFinds(iban, text.strip(), expected.strip());
    }

    @Test
    void iban_twoInARow() {
        assertFinds(iban, "DE89370400440532013000 GB82WEST12345698765432",
                "DE89370400440532013000", "GB82WEST12345698765432");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DE89 3704 0044 0532 0130 01",
        "DE89370400440532013000123",
        "XX89370400440532013000",
        "GB82WEST1234569876543",
        "ORDER12345678901234567",
        "NL5312340417164300",
        "DE0537040044053201300A",
        "there were no 93 8601 1117 947 left",
    })
    void iban_notFound(String text) {
        assertNothing(iban, text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SWIFT: DEUTDEFF                    | DEUTDEFF",
        "BIC code NWBKGB2L for the transfer | NWBKGB2L",
        "wire via BNPAFR2PXXX please        | BNPAFR2PXXX",
        "SWIFT/BIC BNPAFRPPXXX              | BNPAFRPPXXX",
    })
    void swiftBic_isFoundWithContext(String text, String expected) {
        assertFinds(bic, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DEUTDEFF without any hint",
        "we won the FOOTBALL match",
        "SWIFT code DEUTQQFF (no such country)",
        "bank code DEUT1EFF",
        "bank transfer DEADLINE is Friday",
    })
    void swiftBic_notFound(String text) {
        assertNothing(bic, text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "routing number 021000021         | 021000021",
        "ABA: 011000015                   | 011000015",
        "bank transit 121000358, acct 12  | 121000358",
    })
    void usAbaRouting_isFound(String text, String expected) {
        assertFinds(aba, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "routing number 021000022",
        "routing number 991000021",
        "ticket 021000021",
        "routing 000000000",
    })
    void usAbaRouting_notFound(String text) {
        assertNothing(aba, text);
    }
}
