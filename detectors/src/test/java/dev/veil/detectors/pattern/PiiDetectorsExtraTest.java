package dev.veil.detectors.pattern;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Detector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiDetectorsExtraTest {

    private final Detector phone = PiiDetectors.phone();
    private final Detector dob = PiiDetectors.dateOfBirth();
    private final Detector address = PiiDetectors.streetAddress();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "call (415) 555-0132 today              | (415) 555-0132",
        "US +1 415-555-0132                     | +1 415-555-0132",
        "London +44 20 7946 0958                | +44 20 7946 0958",
        "UK 020 7946 0958                       | 020 7946 0958",
        "Berlin +49 30 901820                   | +49 30 901820",
        "Paris 01 42 68 53 00                   | 01 42 68 53 00",
        "Mumbai +91 98765 43210                 | +91 98765 43210",
        "Phone: 72 128 827                      | 72 128 827",
        "call me on 450 0840?                   | 450 0840",
        "Madrid +34.912.345.678 desk            | +34.912.345.678",
        "Rome (+39) 06 6982 ok                  | (+39) 06 6982",
    })
    void phone_isFound(String text, String expected) {
        assertFinds(phone, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "version 1.2.3",
        "total 12345",
        "call 555-0000-0000-0000-0000",
        "in 2023 we sold 450 units",
        "When: 2000-04-16 11:34:35",
        "ref 72 128 827",
        "call me on 12/05/1980",
        "call the host 192.168.10.254 now",
        "phone paid with 4111 1111 1111 1111",
    })
    void phone_notFound(String text) {
        assertNothing(phone, text);
    }

    @Test
    void phone_labelOnThePreviousLineCountsAsContext() {
        assertFinds(phone, "Phone:\n780 6326\n", "780 6326");
    }

    @Test
    void phone_contextRaisesScore() {
        double plain = phone.detect("ref (415) 555-0132").get(0).score();
        double context = phone.detect("phone: (415) 555-0132").get(0).score();
        assertTrue(context > plain);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "He was born on March 5, 1980.          | March 5, 1980",
        "DOB: 08/12/1991                        | 08/12/1991",
        "D.O.B. 1991-12-08                      | 1991-12-08",
        "date of birth 5th of March 1980        | 5th of March 1980",
        "geboren am 05.03.1980                  | 05.03.1980",
    })
    void dateOfBirth_isFound(String text, String expected) {
        assertFinds(dob, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "The meeting is on 08/12/2021.",
        "DOB: 13/13/1991",
        "born 31/02/1800",
        "Meeting on 08/12/2021, my birthday is in May.",
        "born in 1980",
    })
    void dateOfBirth_notFound(String text) {
        assertNothing(dob, text);
    }

    @Test
    void dateOfBirth_contextDoesNotCrossSentences() {
        assertFinds(dob, "DOB: 08/12/1991. Meeting on 08/12/2021.", "08/12/1991");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lives at 221B Baker Street, London NW1 6XE.               | 221B Baker Street, London NW1 6XE",
        "1600 Pennsylvania Ave NW, Washington, DC 20500            | 1600 Pennsylvania Ave NW, Washington, DC 20500",
        "ship to 42 Wallaby Way, Apt 3 please                       | 42 Wallaby Way, Apt 3",
        "Hauptstraße 5, 10115 Berlin                               | Hauptstraße 5, 10115 Berlin",
        "Adresse: Am Lindenweg 12a                                 | Am Lindenweg 12a",
        "12 rue de la Paix, 75002 Paris                            | 12 rue de la Paix, 75002 Paris",
        "Via Roma 10, Milano                                       | Via Roma 10",
    })
    void streetAddress_isFound(String text, String expected) {
        List<String> found = DetectorAssertions.covered(address, text.strip());
        assertTrue(found.contains(expected.strip()), () -> "found " + found);
    }

    @org.junit.jupiter.api.Test
    void streetAddress_envelopeLinesBelongToTheAddress() {
        String text = "Send it to:\n221B Baker Street\nApt. 4\nLondon NW1 6XE\nUnited Kingdom\n\nThanks, Sam";
        List<String> found = dev.veil.detectors.Scanner.standard().scan(text).findings().stream()
                .filter(f -> f.type().equals("pii.street_address")).map(f -> text.substring(f.start(), f.end())).toList();
        assertEquals(List.of("221B Baker Street\nApt. 4\nLondon NW1 6XE\nUnited Kingdom"), found);
    }

    @org.junit.jupiter.api.Test
    void streetAddress_aUnitAloneIsAWeakFinding() {
        assertFinds(address, "leave it at Suite 952 please", "Suite 952");
        assertTrue(address.detect("leave it at Suite 952 please").get(0).score() < 0.6);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I ate 5 apples",
        "see Section 12 of the contract",
        "we have 3 Open Issues",
        "the street was empty",
    })
    void streetAddress_notFound(String text) {
        assertNothing(address, text);
    }
}
