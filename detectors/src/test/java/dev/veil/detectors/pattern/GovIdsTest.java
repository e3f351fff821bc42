package dev.veil.detectors.pattern;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;

import dev.veil.detectors.Detector;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each row: detector, text, the value it must report ("-" for nothing). */
class GovIdsTest {

    private static final Map<String, Supplier<Detector>> DETECTORS = Map.ofEntries(
            Map.entry("itin", GovIdDetectors::usItin),
            Map.entry("passport", GovIdDetectors::usPassport),
            Map.entry("dl", GovIdDetectors::usDriverLicense),
            Map.entry("nino", GovIdDetectors::ukNino),
            Map.entry("nhs", GovIdDetectors::ukNhs),
            Map.entry("detax", GovIdDetectors::deTaxId),
            Map.entry("nir", GovIdDetectors::frNir),
            Map.entry("dni", GovIdDetectors::esDni),
            Map.entry("nie", GovIdDetectors::esNie),
            Map.entry("cf", GovIdDetectors::itCodiceFiscale),
            Map.entry("aadhaar", GovIdDetectors::inAadhaar),
            Map.entry("pan", GovIdDetectors::inPan),
            Map.entry("sin", GovIdDetectors::caSin));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "itin     | ITIN 912-70-1234                        | 912-70-1234",
        "itin     | my tax id is 900701234                  | 900701234",
        "itin     | number 912-70-1234                      | 912-70-1234",
        "passport | passport no. 340020013                  | 340020013",
        "passport | Passport: A12345678                     | A12345678",
        "dl       | driver's license D1234567               | D1234567",
        "dl       | DL# 123456789                           | 123456789",
        "nino     | NI number AB123456C                     | AB123456C",
        "nino     | insurance AB 12 34 56 C ok              | AB 12 34 56 C",
        "nhs      | NHS number 943 476 5919                 | 943 476 5919",
        "nhs      | patient 4010232137 admitted             | 4010232137",
        "detax    | Steuer-IdNr 86095742719                 | 86095742719",
        "detax    | Steuer-ID: 65194802133                  | 65194802133",
        "nir      | NIR 2 55 08 14 168 025 38               | 2 55 08 14 168 025 38",
        "nir      | sécurité sociale 185062A00112365        | 185062A00112365",
        "nir      | 269057512345631                         | 269057512345631",
        "dni      | DNI 12345678Z                           | 12345678Z",
        "dni      | 12345678-Z                              | 12345678-Z",
        "nie      | NIE X1234567L                           | X1234567L",
        "cf       | CF RSSMRA85T10A562S                     | RSSMRA85T10A562S",
        "aadhaar  | 2345 6789 0127                          | 2345 6789 0127",
        "aadhaar  | Aadhaar 234567890127                    | 234567890127",
        "pan      | PAN ABCPE1234F                          | ABCPE1234F",
        "sin      | SIN 130 454 283                         | 130 454 283",
        "sin      | social insurance 130454283              | 130454283",
    })
    void detector_findsValidId(String detector, String text, String expected) {
        assertFinds(DETECTORS.get(detector.strip()).get(), text.strip(), expected.strip());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "itin     | ITIN 912-40-1234",
        "itin     | ITIN 812-70-1234",
        "itin     | number 900701234",
        "passport | order 340020013",
        "dl       | license plate? no: ticket 12345",
        "dl       | D1234567 without context",
        "nino     | QQ123456C",
        "nino     | GB123456A",
        "nino     | AB123456E",
        "nino     | ab123456c",
        "nhs      | NHS number 943 476 5918",
        "nhs      | number 943 476 5919",
        "nhs      | NHS 1111111111",
        "detax    | Steuer-IdNr 86095742718",
        "detax    | Steuer-IdNr 11111111111",
        "detax    | invoice 86095742719",
        "nir      | NIR 2 55 08 14 168 025 39",
        "nir      | NIR 5 55 08 14 168 025 38",
        "dni      | DNI 12345678A",
        "nie      | NIE X1234567A",
        "cf       | CF RSSMRA85T10A562T",
        "cf       | HELLOWORLDABCDEF",
        "aadhaar  | 2345 6789 0124",
        "aadhaar  | 1234 5678 9012",
        "aadhaar  | order 234567890127",
        "pan      | PAN ABCXE1234F",
        "pan      | abcpe1234f",
        "sin      | SIN 046 454 286",
        "sin      | SIN 130 454 284",
        "sin      | number 130454283",
    })
    void detector_rejectsInvalidOrContextlessId(String detector, String text) {
        assertNothing(DETECTORS.get(detector.strip()).get(), text.strip());
    }
}
