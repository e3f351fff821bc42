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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // The whole address is one finding: a building number first, the unit, the town and its region or country.
        "it is 4410 Brannick Lane Apt. 9 Holloway Canada                | 4410 Brannick Lane Apt. 9 Holloway Canada",
        "Address: 88 Corrin Road Suite 12 WALLAROO VIC                 | 88 Corrin Road Suite 12 WALLAROO VIC",
        "Address: 88 Corrin Road, Wallaroo VIC 5556                    | 88 Corrin Road, Wallaroo VIC 5556",
        "Unit 5, 12 Tibbet St, Ravelford VIC 3121                      | Unit 5, 12 Tibbet St, Ravelford VIC 3121",
        "at 7 Quarry Row, Fifth Floor, Dunmore, MA 02110-1301 USA now   | 7 Quarry Row, Fifth Floor, Dunmore, MA 02110-1301 USA",
        "12 Harbour Road, Dunlavin D02 X285                            | 12 Harbour Road, Dunlavin D02 X285",
        "she lives at 17 Lark Street Tullow, Ireland                   | 17 Lark Street Tullow, Ireland",
        "I live at 12 Orrin Street.                                    | 12 Orrin Street",
        "send to 12 Orrin Road Suite 5, Dunfield, Ohio 43210 today     | 12 Orrin Road Suite 5, Dunfield, Ohio 43210",
        "Vicolo Torto 13 Suite 694 Valdera Pisano                      | Vicolo Torto 13 Suite 694 Valdera Pisano",
        "at 12 Main St Apt 4 Thanks for the help                       | 12 Main St Apt 4",
        // A unit word is a word of its own: "Stephanie" holds no "Ste", "United" no "Unit".
        "Stephanie 12 Orrin Street                                     | 12 Orrin Street",
        "write to 12 Orrin Street United we stand                      | 12 Orrin Street",
        // DE, NL, Nordic: a building number first, initials, a staircase and flat, the Danish floor.
        "Write to 3310 Kestrelgasse 12, 1010 Wien                      | 3310 Kestrelgasse 12, 1010 Wien",
        "Write to J. P. Veldstraat 14, 1012 AB Amsterdam               | J. P. Veldstraat 14, 1012 AB Amsterdam",
        "Koivutie 12 B 34, 00100 Helsinki                              | Koivutie 12 B 34, 00100 Helsinki",
        "Birkevej 12, 2. th., 8000 Aarhus                              | Birkevej 12, 2. th., 8000 Aarhus",
        "Ulmgatan 44, 113 21 Stockholm                                 | Ulmgatan 44, 113 21 Stockholm",
        // A name and a number with no type word, when a postcode and town follow (CZ, SI, NL, EE ...).
        "Deliver to Orlova 51, 10115 Brenz                             | Orlova 51, 10115 Brenz",
        "Národní 12, 110 00 Praha                                      | Národní 12, 110 00 Praha",
        "Damrak 1, 1012 LG Amsterdam                                   | Damrak 1, 1012 LG Amsterdam",
        // HU: lower-case words in the name, the full stop of the house number.
        "The bus stops at Bocskai fejedelem útja 41. next to it          | Bocskai fejedelem útja 41.",
        "Kirkegate 5, 4006 Stavanger                                   | Kirkegate 5, 4006 Stavanger",
        "sent to 12 Tarrow Drive Suite 5 OAKDENE Australia last week   | 12 Tarrow Drive Suite 5 OAKDENE Australia",
        "Visit 5501 Fenyves utca 22. Apt. 3 today                      | 5501 Fenyves utca 22. Apt. 3",
        "Jana z Lipé 18, 37001 Budějovice                              | Jana z Lipé 18, 37001 Budějovice",
        // IT, ES, PT, PL, BR, MX: a comma before the number, floors, districts, postcode shapes.
        "Via Garibaldi, 10, 00184 Roma RM                              | Via Garibaldi, 10, 00184 Roma RM",
        "Calle Mayor, 5, 3º B, 28013 Madrid                            | Calle Mayor, 5, 3º B, 28013 Madrid",
        "Rua Augusta 100, 1100-053 Lisboa                              | Rua Augusta 100, 1100-053 Lisboa",
        "ul. Marszałkowska 10/12 m. 5, 00-590 Warszawa                 | ul. Marszałkowska 10/12 m. 5, 00-590 Warszawa",
        "Av. Paulista 1578, Bela Vista, São Paulo - SP, 01310-200      | Av. Paulista 1578, Bela Vista, São Paulo - SP, 01310-200",
        "Av. Tamaulipas 160, Col. Roma Norte, 06700 Ciudad de México, CDMX | Av. Tamaulipas 160, Col. Roma Norte, 06700 Ciudad de México, CDMX",
        // IN and JP.
        "Flat 4, 12 Tarrow Road, Bengaluru, Karnataka 560001           | Flat 4, 12 Tarrow Road, Bengaluru, Karnataka 560001",
        "Send it to 1-2-3 Kitamachi, Minato-ku, Tokyo 105-0011 please  | 1-2-3 Kitamachi, Minato-ku, Tokyo 105-0011",
        "Office: 4-15 Sakuradai, Nerima City, Tokyo 176-0002           | 4-15 Sakuradai, Nerima City, Tokyo 176-0002",
        // Intersections: both streets, even when an address word makes the first street alone stronger.
        "my address is the corner of Lindenweg 4 and Quarry Flats      | Lindenweg 4 and Quarry Flats",
    })
    void streetAddress_worldFormatsAreFoundWhole(String text, String expected) {
        assertFinds(address, text.strip(), expected.strip());
    }

    @Test
    void streetAddress_lastEnvelopeLineEndingInAPostcodeMayGoOnWithTheSentence() {
        String text = "Please send to 4410 Kestrelgata 12\nBrannvik\n, TR\n Norway 40422 for the records.";
        List<Finding> found = address.detect(text);
        assertEquals(1, found.size(), () -> "found " + found);
        assertEquals(15, found.get(0).start());
        assertEquals(text.indexOf(" for the"), found.get(0).end());
        assertFinds(address, "send it to 7 Harlow Road\nOakfield, QX 12345 in case of an issue.",
                "7 Harlow Road\nOakfield, QX 12345");
        assertFinds(address, "Orla 3\nTurku\n20100\nFinland\n\nbest", "Orla 3\nTurku\n20100\nFinland");
    }

    @Test
    void streetAddress_quotedReplyLinesBelongToIt() {
        assertFinds(address, "> Bea Roth\n> 4512 Elmsworth Avenue\n> Suite 80\n> Lowfield\n> Denmark 4410\n>\n> thanks",
                "4512 Elmsworth Avenue\n> Suite 80\n> Lowfield\n> Denmark 4410");
    }

    @Test
    void streetAddress_aUnitLineAfterAStreetIsNoStreetOfItsOwn() {
        assertFinds(address, "Hi\n\n1987 74 Morrow Street\n Suite 680\n Kelso\n Cyprus 36903\n\nbye",
                "1987 74 Morrow Street\n Suite 680\n Kelso\n Cyprus 36903");
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
        assertFinds(address, "Orlova 51\nBrenzdorf\n0491 22 33 44");
        assertFinds(address, "12 Tolley Road\nCopyright: 2004 the authors", "12 Tolley Road");
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
        "Chapter 12 Section 4 of the Act",
        "Model 3 Street Edition is a car",
        "Table 3\nRevenue 2023\nCosts 1999",
        "Chapter 12, 2019 Edition",
        "Windows 10, 12345 users",
        "see Section 4, 20 Rules apply",
        "fixed on 2017 Mar 4, #1532 by a patch",
        "Menu\t\t50\n\tBuffers\t\t60\n\tHelp\t\t9999",
        "the score was 3-2 Arsenal, Chelsea City won",
        "we signed it in 2019 and Jordan 23 won",
        "Version 2\nRelease 4\nLicense: MIT",
        "Copyright 2005 Stephane Marchesin.\n All rights reserved.",
        // English words that end like a Nordic or German street type.
        "Go to Gate 12 now",
        "Boarding gate 14 closes",
        "Aggregate 5 rows",
        "Necktie 5 sold",
    })
    void streetAddress_notFound(String text) {
        assertNothing(address, text.replace("\\n", "\n").replace("\\t", "\t"));
    }

    static Stream<Arguments> adversarial() {
        int size = 100 * 1024;
        return Stream.of("12 ", "12 Aaaa ", "Aaaa 12 ", "Aaaa ", "12 Aaaa Aaaa Aaaa Street ", "Aaaa 1\n",
                "12 Aaaa Street\nAaaa\n", "12 Aaaa Street, Aaaa, ", "Apt. 1 ", "PSC 1, Box 1 ", "corner of Aaaa 1 and ",
                "P.O. Box 1 ", "de la ", "Aaaastraße 1, 12345 ", "Via de ", "1 Aaaa Coves\n",
                // The shapes of the localities, units and rules added for more countries.
                "Aaaa 1, 12345 ", "Aaaa 1\nAaaa\n", "1 Aaaa Aaaa\n> ", "> \n", "1-2-3 Aaaa, ", "1-2 Aaaa Aaaa City, ",
                "Aaaa aaaa utca 1. ", "Aaaa utca ", "A. B. ", "A. Aaaastraat 1 ", "Aaaa 12 B 3 ", "Fifth Floor, ",
                ", Col. Aaaa", "2º B, ", "Aaaa, 1, ", "1 Aaaa Street Aaaa Aaaa Aaaa ", "1 Aaaa Street Aaaa, Aaaa, ",
                "1 Aaaa Street\nAaaa 12345 aaaa\n", "Aaaa 1\n12345 ", "Jan 1, #1 ", "12 Aaaa St, Aaaa - AA, 12345-123 ")
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
