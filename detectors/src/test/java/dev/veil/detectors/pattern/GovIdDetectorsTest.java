package dev.veil.detectors.pattern;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;

import dev.veil.detectors.Detector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GovIdDetectorsTest {

    private final Detector ssn = GovIdDetectors.usSsn();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "my SSN is 123-45-6789.              | 123-45-6789",
        "ssn 536 22 1234                     | 536 22 1234",
        "employee 078-05-1121 on file        | 078-05-1121",
        "Social Security Number: 536221234   | 536221234",
        "area 899 ok 899-01-0001             | 899-01-0001",
    })
    void usSsn_isFound(String text, String expected) {
        assertFinds(ssn, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SSN 000-12-3456",
        "SSN 666-12-3456",
        "SSN 666-99-9999",
        "SSN 900-12-3456",
        "SSN 999-45-6789",
        "SSN 123-00-6789",
        "SSN 123-45-0000",
        "SSN 123-45 6789",
        "SSN 111-11-1111",
        "order 536221234 shipped",
        "phone 123-456-7890",
        "part 123-45-6789-01",
        "ref ABC123-45-6789",
    })
    void usSsn_notFound(String text) {
        assertNothing(ssn, text);
    }
}
