package dev.veil.detectors.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of the pattern detectors (expressions tried only at chars where a match can
 * start, candidates shared by detectors with the same expression) change how fast they find,
 * never what: on generated texts dense with values, near-misses and context words, every pattern
 * detector finds exactly what its expression finds when run at every position on its own.
 */
class ShortcutsTest {

    private static final String[] VALUES = {
        "4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005", "6011111111111117", "4012888888881881",
        "3530111333300000", "4111 1111 1111 1111 12 26", "536-22-8712", "078-05-1120", "900-70-1234",
        "912 77 1234", "536228712", "021000021", "011000015", "046 454 286", "046454286", "943 476 5919",
        "9434765919", "86095742719", "12 345 678 901", "1 85 05 78 006 084 36", "12345678Z", "X1234567L",
        "X-1234567-L", "RSSMRA85T10A562S", "ABCPE1234F", "2345 6789 0124", "234567890124", "AB123456C",
        "QQ 12 34 56 C", "A1234567", "D123-456-78", "340020013", "DE89 3704 0044 0532 0130 00",
        "GB82WEST12345698765432", "gb82 west 1234 5698 7654 32", "DEUTDEFF500", "DEUTDEFF", "NWBKGB2L",
        "FOOTBALL", "DEADLINE", "192.168.1.20", "10.0.0.1", "256.1.1.1", "1.2.3.4.5", "2001:db8::8a2e:370:7334",
        "fe80::1", "::ffff:192.0.2.1", "10:30:00", "00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "0011.2233.4455",
        "001122334455", "221B Baker Street", "12 rue de la Paix", "Hauptstraße 5", "Via Roma 10",
        "Viale Roma 10", "Apt. 318", "Suite 952", "1600 Pennsylvania Ave NW, Washington, DC 20500",
        "10 Downing Street\nLondon\nSW1A 2AA", "5 apples", "Section 12", "a.b@example.org", "x@y",
        "first.last+tag@mail.example.co.uk", "12/05/1980", "March 5, 1990", "1990-03-05", "5th of May 1985",
        "https://user:secret@host.example/path", "+1 415 555 0100", "(415) 555-0100", "2026-03-01T12:00:03.114Z",
        "v1.4.2", "8080:8080", "Foo-Bar-Weg 12", "Hauptstraße\t\t5", "Lange Straße   7", "Ringstraße    9",
        "Gartenweg 3a", "Alte-Gasse 10", "Ab\uD835\uDC1Estraße 5", "Carrer de Mallorca 401", "Rua Augusta 100",
        "Calle Mayor 5", "Avenida Paulista 1578", "Largo do Carmo 1", "Via", "COBADEFFXXX", "NWBKGB2LXXX",
        "DEUTDE", "DEUTDEF", "SEPT 5, 1990", "dec. 1st, 1975", "Jun 3 1980", "julY 4, 1976",
        "12-14 Baker Street", "12, rue de la Paix", "7\tHigh Street", "PO Box 4417", "PSC 4410, Box 2210, APO AE 09021",
        "Unit 3050 Box 7720\nDPO AP 96520", "Kestrel 14, Apt 3", "Fenyves utca 22", "ul. Klonowa 9", "3 Via Corta 10",
        "Berliner Straße 12", "Im Erlenweg 7a", "corner of 4th Street and Larch Avenue", "Apt. 3 12 Tolley Rd",
        "12 Orrin Coves", "Avenue des Lilas 25", "C/ Mayor 5", "Oakhurst\nNew Zealand 4410", "Leeds LS1 4AB",
        "Springfield, IL 62704", "Postfach 12 34 56", "Tamberlin 7", "a-b_c%d+e@x.io", "x.y@z.co",
        "averyveryveryveryveryveryveryveryveryveryveryveryveryverylonglocalpart@example.com", "1.2.3", "999.1.1.1"};
    private static final String[] WORDS = {
        "ssn", "social security", "itin", "card", "credit", "visa", "iban", "account", "bank", "swift", "bic",
        "routing", "aba", "passport", "driver", "license", "DL", "national insurance", "nhs", "patient",
        "Steuer-ID", "nir", "dni", "nie", "aadhaar", "PAN", "SIN", "ip", "host", "version", "born", "DOB",
        "date of birth", "address", "lives at", "corner of", "and", "Apt.", "Suite", "de la", "Straße", "gate", "Coves", "Lyon", "France", "phone", "call", "Street", "Avenue", "rue", "Weg", "Via",
        "The", "quick", "Brown", "fox", "é", "Ä", "\uD83D\uDE00", "x", "_", "-", "0", "9", "A", "Z", "ab", "0x"};
    private static final String[] GLUE = {" ", " ", " ", "\n", ", ", ". ", "-", ":", "", "/", "\t", ".", "x"};

    @Test
    void shortcuts_findExactlyWhatThePlainExpressionFinds() {
        List<Detector> fast = new ArrayList<>();
        fast.addAll(FinancialDetectors.all());
        fast.addAll(GovIdDetectors.all());
        fast.addAll(NetworkDetectors.all());
        fast.add(PiiDetectors.email());
        fast.add(PiiDetectors.streetAddress());
        fast.add(PiiDetectors.dateOfBirth());
        List<Detector> plain = fast.stream().map(ShortcutsTest::plain).toList();
        Random random = new Random(20260301L);
        int found = 0;
        for (int t = 0; t < 400; t++) {
            String text = text(random, 40 + random.nextInt(160));
            // One ScanText for all, as in a scan, so that candidates are shared.
            ScanText shared = new ScanText(text);
            for (int d = 0; d < fast.size(); d++) {
                List<Finding> expected = plain.get(d).detect(text);
                List<Finding> actual = fast.get(d).detect(shared);
                found += actual.size();
                int index = d;
                assertEquals(expected, actual, () -> fast.get(index).id() + " in <" + text + ">");
            }
        }
        // The texts must hold values, or the comparison proves nothing.
        assertTrue(found > 2000, "findings: " + found);
    }

    private static Detector plain(Detector d) {
        if (d instanceof PatternDetector p) {
            return p.withoutShortcuts();
        }
        if (d instanceof StreetAddressDetector a) {
            return a.withoutShortcuts();
        }
        return ((CompositeDetector) d).withoutShortcuts();
    }

    private static String text(Random random, int parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            int roll = random.nextInt(10);
            if (roll < 4) {
                b.append(VALUES[random.nextInt(VALUES.length)]);
            } else if (roll < 8) {
                b.append(WORDS[random.nextInt(WORDS.length)]);
            } else {
                // Random digits and separators: near-misses of every numeric format.
                for (int k = 0, n = 1 + random.nextInt(20); k < n; k++) {
                    b.append(random.nextInt(5) == 0 ? " -./:".charAt(random.nextInt(5)) : (char) ('0' + random.nextInt(10)));
                }
            }
            b.append(GLUE[random.nextInt(GLUE.length)]);
        }
        return b.toString();
    }
}
