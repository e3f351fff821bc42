package dev.veil.detectors.pattern;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The street address shapes, on invented addresses; "\n" in a case stands for a line break. */
class StreetAddressesTest {

    private final Detector address = PiiDetectors.streetAddress();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // US and UK: number first, street type last, then units and the locality.
        "send it to 48 Quillon Avenue, Springfield, IL 62704 today  | 48 Quillon Avenue, Springfield, IL 62704",
        "office: 9 Marrow Lane Suite 210 Apt 4, Dover             | 9 Marrow Lane Suite 210 Apt 4",
        "Apt. 3 12 Tolley Rd is mine                               | Apt. 3 12 Tolley Rd",
        "Flat 2, 17 Ashgrove Close                                 | Flat 2, 17 Ashgrove Close",
        "at 5 Fennick Street West, Leeds LS1 4AB                   | 5 Fennick Street West, Leeds LS1 4AB",
        "3120 77 Harrow Drive                                      | 3120 77 Harrow Drive",
        "12 Orrin Coves, Apt 4                                     | 12 Orrin Coves, Apt 4",
        "to 41 Pellow Road, Tamsworth, Canada                      | 41 Pellow Road, Tamsworth, Canada",
        // DE, AT, CH, NL and the Nordic countries: the type inside the name, the number last.
        "wohnt in der Lindauer Straße 41, 80331 München            | Lindauer Straße 41, 80331 München",
        "Im Erlenweg 7a                                            | Im Erlenweg 7a",
        "Birkenvej 12, 8000 Aarhus                                 | Birkenvej 12, 8000 Aarhus",
        // FR, and the Belgian order with the number last.
        "écrire au 8 rue des Tanneurs, 69002 Lyon                  | 8 rue des Tanneurs, 69002 Lyon",
        "Avenue des Lilas 25                                       | Avenue des Lilas 25",
        // A street type first: IT, ES, PT, PL.
        "Via dei Tigli 14                                          | Via dei Tigli 14",
        "Rua das Flores 120                                        | Rua das Flores 120",
        "ul. Klonowa 9                                             | ul. Klonowa 9",
        // A street type as a word of its own: HU, NO.
        "Fenyves utca 22                                           | Fenyves utca 22",
        "Havlund gate 8                                            | Havlund gate 8",
        // Any name and number with a unit after it, or after an address word.
        "Kestrel 14, Apt 3                                         | Kestrel 14, Apt 3",
        "she lives at Tamberlin 7, near the park                   | Tamberlin 7",
        // Post office boxes and US military mail.
        "PO Box 4417, Dover, DE 19901                              | PO Box 4417, Dover, DE 19901",
        "Postfach 12 34 56                                         | Postfach 12 34 56",
        "PSC 4410, Box 2210, APO AE 09021                          | PSC 4410, Box 2210, APO AE 09021",
        "Unit 3050 Box 7720 DPO AP 96520                           | Unit 3050 Box 7720 DPO AP 96520",
        // Intersections.
        "meet at the corner of 4th Street and Larch Avenue         | 4th Street and Larch Avenue",
    })
    void streetAddress_isFound(String text, String expected) {
        assertFinds(address, text.strip().replace("\\n", "\n"), expected.strip().replace("\\n", "\n"));
    }

    @Test
    void streetAddress_envelopeLinesAndAStandaloneLinePostcodeBelongToIt() {
        assertFinds(address, "Ship to:\n77 Brindle Road\nSuite 5\nOakhurst\nNew Zealand 4410\n\nThanks",
                "77 Brindle Road\nSuite 5\nOakhurst\nNew Zealand 4410");
        assertFinds(address, "Deliver to Ostara 19\nApt. 2\nKelby\n, TX\n 75001", "Ostara 19\nApt. 2\nKelby\n, TX\n 75001");
        assertFinds(address, "PSC 2214, Box 9810\nAPO AA 34021", "PSC 2214, Box 9810\nAPO AA 34021");
    }

    @Test
    void streetAddress_aPhoneLineAfterAnAddressIsNoPartOfIt() {
        assertFinds(address, "21 Pike Street\n0491 22 33 44", "21 Pike Street");
    }

    @Test
    void streetAddress_overlappingRulesReportOneAddress() {
        List<Finding> found = address.detect("write to 3 Via Corta 10, Apt 2 please");
        assertEquals(1, found.size(), () -> "found " + found);
        assertEquals("3 Via Corta 10, Apt 2", "write to 3 Via Corta 10, Apt 2 please".substring(found.get(0).start(),
                found.get(0).end()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I ate 5 apples",
        "see Section 12 of the contract",
        "we have 3 Open Issues",
        "upgrade to Python 3.11 now",
        "running on Windows 10 today",
        "meet at 10:30 in Room 4",
        "it costs $12 per Unit",
        "Top 10 Key Points",
        "version 1.2.3 released",
        "I walked 5 miles down the road",
        "Chapter 3 Summary Lines",
        "Day 1 # travel",
        "Model 6 # phones",
        "priced at 19.99 Euro",
        "the corner of my room and the kitchen",
        "Box 12 is empty",
        "Python 3 Parks",
        "During 1998, the firm grew",
        "the Brigade 2 veterans",
        "Spring 2024 sale",
    })
    void streetAddress_notFound(String text) {
        assertNothing(address, text);
    }

    static Stream<Arguments> adversarial() {
        int size = 100 * 1024;
        return Stream.of("12 ", "12 Aaaa ", "Aaaa 12 ", "Aaaa ", "12 Aaaa Aaaa Aaaa Street ", "Aaaa 1\n",
                "12 Aaaa Street\nAaaa\n", "12 Aaaa Street, Aaaa, ", "Apt. 1 ", "PSC 1, Box 1 ", "corner of Aaaa 1 and ",
                "P.O. Box 1 ", "de la ", "Aaaastraße 1, 12345 ", "Via de ", "1 Aaaa Coves\n")
                .map(unit -> Arguments.of(unit.strip(), unit.repeat(size / unit.length() + 1).substring(0, size)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adversarial")
    void streetAddress_finishesFastOnAdversarialInput(String name, String input) {
        // A hang guard: a backtracking expression takes minutes on these, a linear one milliseconds.
        List<Finding> found = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> address.detect(input),
                () -> "street address hangs on runs of <" + name + ">");
        assertTrue(found.size() <= input.length());
    }
}
