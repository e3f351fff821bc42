package dev.veil.detectors.pattern;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;

import dev.veil.detectors.Detector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiDetectorsTest {

    private final Detector email = PiiDetectors.email();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "write to jane.doe@example.com today          | jane.doe@example.com",
        "<j.smith+billing@mail.example.co.uk>         | j.smith+billing@mail.example.co.uk",
        "mail: O'Neil? no: oneil_99@sub-domain.io.    | oneil_99@sub-domain.io",
        "CC:ANNA.K@EXAMPLE.ORG, thanks                 | ANNA.K@EXAMPLE.ORG",
    })
    void email_isFound(String text, String expected) {
        assertFinds(email, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "no address here",
        "user@localhost",
        "git@github: not an address",
        "ends with dot.@example.com",
        "a..b@example.com",
        "@example.com",
        "jane@.com",
        "version 1.2@3.4",
    })
    void email_notFound(String text) {
        assertNothing(email, text);
    }
}
