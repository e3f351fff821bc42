package dev.veil.detectors.pattern;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;

import dev.veil.detectors.Detector;
import org.junit.jupiter.api.Test;

class PatternDetectorTest {

    private static final String PROSE = "The quick brown fox jumps over the lazy dog. ".repeat(200);

    @Test
    void near_findsValuesFarFromOtherAnchorsAndAtTheEdges() {
        Detector card = FinancialDetectors.paymentCard();
        assertFinds(card, "4111111111111111" + PROSE + "card 5555 5555 5555 4444" + PROSE + "4012888888881881",
                "4111111111111111", "5555 5555 5555 4444", "4012888888881881");
    }

    @Test
    void near_lookaroundsSeeBeyondTheWindow() {
        // The digits before the run are outside the window; the run must still not match inside them.
        Detector card = FinancialDetectors.paymentCard();
        assertNothing(card, "x".repeat(50) + "9999999999" + "4111111111111111" + "x".repeat(50));
    }

    @Test
    void requiredContext_isLookedForNearTheValueNotAnywhere() {
        Detector passport = GovIdDetectors.usPassport();
        assertNothing(passport, "passport office opens at nine." + PROSE + "ref 340020013");
        assertFinds(passport, PROSE + "passport 340020013", "340020013");
    }

    @Test
    void sameSentenceContext_stopsAtTheSentenceButNotAtALabelLine() {
        Detector dob = PiiDetectors.dateOfBirth();
        assertNothing(dob, "I was born in Lyon. The invoice is dated 12/05/2021.");
        assertFinds(dob, "Date of birth:\n12/05/1980", "12/05/1980");
    }

    @Test
    void requiredContext_wordCutByTheWindowEdgeIsNoContextWord() {
        // "xDL" starts exactly 48 chars before the number: the window holds "DL", the text does not.
        Detector licence = GovIdDetectors.usDriverLicense();
        String gap = " ".repeat(46);
        assertNothing(licence, "xDL" + gap + "3411123 is the ref");
        assertFinds(licence, " DL" + gap + "3411123 is the ref", "3411123");
    }

    @Test
    void minDigits_windowsWithFewerDigitsAreSkippedButLongerRunsStillMatch() {
        Detector ssn = GovIdDetectors.usSsn();
        assertNothing(ssn, "at 12:00:03 on 2026-03-01, build 1.4.2, port 8080");
        assertFinds(ssn, "v1.2 then 536-22-8712 at 12:00", "536-22-8712");
    }

    @Test
    void startsWith_findsMatchesThatStartBeforeOrAtTheirDigitsAnywhereInALongText() {
        Detector address = PiiDetectors.streetAddress();
        assertFinds(address, PROSE + "Write to Hauptstraße 5 soon. " + PROSE + "Meet at 12 rue de la Paix\n"
                + PROSE + "Viale Roma 10 is closed. " + PROSE + "She lives at 221B Baker Street\n",
                "Hauptstraße 5", "12 rue de la Paix", "Viale Roma 10", "221B Baker Street");
    }

    @Test
    void startsWith_swiftCodeAfterALetterIsNoCode() {
        Detector bic = FinancialDetectors.swiftBic();
        assertFinds(bic, PROSE + "SWIFT: DEUTDEFF500", "DEUTDEFF500");
        assertNothing(bic, PROSE + "SWIFT: xDEUTDEFF500");
    }
}
