package dev.veil.detectors.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameDetectorTest {

    private static final NameDetector DETECTOR = new NameDetector();

    private static void assertFound(String text, String value, String type) {
        int start = text.indexOf(value);
        assertTrue(start >= 0, "test text must contain the value");
        List<Finding> findings = DETECTOR.detect(text);
        boolean found = findings.stream()
                .anyMatch(f -> f.type().equals(type) && f.start() == start && f.end() == start + value.length());
        assertTrue(found, () -> "expected " + type + " at [" + start + ", " + (start + value.length()) + ") in: " + text
                + " but got " + describe(text, findings));
    }

    private static String describe(String text, List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            b.append(f.type()).append('=').append(text, f.start(), f.end()).append(' ');
        }
        return b.toString();
    }

    @Test
    void detect_findsPersonWithExactOffsets() {
        assertFound("Please forward the quarterly figures to Marguerite Okonkwo before Friday.", "Marguerite Okonkwo",
                NameDetector.PERSON);
    }

    @Test
    void detect_findsPersonAfterTitle() {
        assertFound("Yesterday Dr. Halvorsen reviewed the scan.", "Halvorsen", NameDetector.PERSON);
    }

    @Test
    void detect_findsPersonGivenAfterMyNameIs() {
        assertFound("hello, my name is tobias and I need help", "tobias", NameDetector.PERSON);
        assertFound("My name is Ilse Vandermeer.", "Ilse Vandermeer", NameDetector.PERSON);
    }

    @Test
    void detect_findsPossessiveNameWithoutTheSuffix() {
        assertFound("I borrowed Priya Raman's charger for the demo.", "Priya Raman", NameDetector.PERSON);
    }

    @Test
    void detect_findsCityAndCountry() {
        String text = "Next month our team is relocating from Rotterdam to Portugal.";
        assertFound(text, "Rotterdam", NameDetector.LOCATION);
        assertFound(text, "Portugal", NameDetector.LOCATION);
    }

    @Test
    void detect_findsOrganization() {
        assertFound("She accepted an offer from Brightwater Logistics Inc. last week.", "Brightwater Logistics Inc.",
                NameDetector.ORGANIZATION);
    }

    @Test
    void detect_findsOrganizationEndingInLegalSuffix() {
        assertFound("The invoice came from Pemberton, Oduya and Falk LLP yesterday.", "Pemberton, Oduya and Falk LLP",
                NameDetector.ORGANIZATION);
        assertFound("Regards,\nCustomer Support, Harwick Supplies Ltd", "Harwick Supplies Ltd", NameDetector.ORGANIZATION);
    }

    @Test
    void detect_ordinaryWordsBeforeSuffixAreNoOrganization() {
        String text = "Ask the Customer Support Group for access.";
        assertTrue(DETECTOR.detect(text).stream().noneMatch(f -> f.type().equals(NameDetector.ORGANIZATION)),
                () -> describe(text, DETECTOR.detect(text)));
    }

    @Test
    void detect_offsetsCountUtf16UnitsAfterEmoji() {
        String text = "\uD83D\uDE80\uD83D\uDE80 launch party with Henrietta Kowalczyk tonight";
        assertFound(text, "Henrietta Kowalczyk", NameDetector.PERSON);
    }

    @Test
    void detect_ignoresTechnologyProductAndCalendarWords() {
        String[] texts = {
            "Deploy the Kubernetes operator and rewrite the Python client before Monday.",
            "Can you compare PostgreSQL and Redis for caching?",
            "Summary: the Terraform plan failed in March, retry on Tuesday.",
            "Action Items\n- update the README\n- bump Gradle and Netty",
            "When will the refund arrive?",
        };
        for (String text : texts) {
            List<Finding> findings = DETECTOR.detect(text);
            assertTrue(findings.isEmpty(), () -> "expected no names in: " + text + " but got " + describe(text, findings));
        }
    }

    @Test
    void detect_emptyAndPunctuationOnlyTextGiveNothing() {
        assertEquals(List.of(), DETECTOR.detect(""));
        assertEquals(List.of(), DETECTOR.detect(" ... !!! \n"));
    }

    @Test
    void detect_reportsDetectorIdAndScoreInRange() {
        for (Finding f : DETECTOR.detect("Lunch with Dr. Ambrose Tellier in Marseille.")) {
            assertEquals(NameDetector.ID, f.detector());
            assertTrue(f.score() > 0 && f.score() <= 1);
        }
    }

    private static void assertNotFound(String text, String value, String type) {
        int start = text.indexOf(value);
        assertTrue(start >= 0, "test text must contain the value");
        List<Finding> findings = DETECTOR.detect(text);
        boolean found = findings.stream().anyMatch(f -> f.type().equals(type) && f.start() < start + value.length()
                && start < f.end());
        assertTrue(!found, () -> "expected no " + type + " on '" + value + "' in: " + text + " but got "
                + describe(text, findings));
    }

    @Test
    void detect_countryIsLocationWhateverTheContext() {
        assertFound("The festival invited songwriters from Mozambique and New Zealand.", "Mozambique", NameDetector.LOCATION);
        assertFound("The festival invited songwriters from Mozambique and New Zealand.", "New Zealand", NameDetector.LOCATION);
    }

    @Test
    void detect_listOfFirstNamesIsSeveralPeople() {
        String text = "The new hires are Wilma, Ingrid, Tomasz and Akosua.";
        List<Finding> findings = DETECTOR.detect(text);
        assertTrue(findings.stream().noneMatch(f -> text.substring(f.start(), f.end()).contains(",")),
                () -> describe(text, findings));
    }

    @Test
    void detect_nameFoundOnceIsFoundWhereItComesAgain() {
        String text = "Zorabel Quennick joined in March. Everyone says Quennick writes the best tests.";
        int second = text.lastIndexOf("Quennick");
        List<Finding> findings = DETECTOR.detect(text);
        assertTrue(findings.stream().anyMatch(f -> f.type().equals(NameDetector.PERSON) && f.start() <= second
                && f.end() >= second + "Quennick".length()), () -> describe(text, findings));
    }

    @Test
    void detect_findsNameInNameFieldAndAfterGreeting() {
        assertFound("Name: Oluwaseun Brathwaite\nPhone: 555 0100", "Oluwaseun Brathwaite", NameDetector.PERSON);
        assertFound("Her maiden name is Quennick", "Quennick", NameDetector.PERSON);
        assertFound("Hi Zorabel, the report is attached.", "Zorabel", NameDetector.PERSON);
        assertFound("i lost my card, my name is maren solberg", "maren solberg", NameDetector.PERSON);
    }

    @Test
    void detect_fileNameFieldIsNoPerson() {
        assertNotFound("File name: Quarterly Report", "Quarterly Report", NameDetector.PERSON);
    }

    @Test
    void detect_titledNameStopsBeforeAddressWords() {
        assertFound("Mrs. Zorabel Quennick Apt. 12 Brekkevej 7", "Zorabel Quennick", NameDetector.PERSON);
    }

    @Test
    void detect_cityAloneOnAddressLineIsALocation() {
        String text = "Ingrid Bakke\n412 Lindholm 9\nSuite 12\nVellby\nNorway 0451";
        assertNotFound(text, "Vellby", NameDetector.PERSON);
    }

    @Test
    void detect_interjectionsAreNoNames() {
        assertNotFound("Yeah , and they never answered .", "Yeah", NameDetector.PERSON);
        assertNotFound("Edit : fixed the link", "Edit", NameDetector.PERSON);
    }

    @Test
    void detect_streetIsNoPerson() {
        assertNotFound("Send it to the corner of Brekkevej 99 and Annelise Crescent", "Annelise Crescent", NameDetector.PERSON);
    }

    @Test
    void detect_employerAfterWorkForIsOrganization() {
        assertFound("Since May I work for Quennick Dataworks, mostly on billing.", "Quennick Dataworks",
                NameDetector.ORGANIZATION);
    }

    @Test
    void detect_twoSurnamesJoinedByHyphenAreAFirm() {
        assertFound("The audit was done by Morrison-Kowalski last spring.", "Morrison-Kowalski", NameDetector.ORGANIZATION);
        assertNotFound("Please call Anna Morrison-Kowalski tomorrow.", "Morrison-Kowalski", NameDetector.ORGANIZATION);
    }

    @Test
    void detect_speakerLabelsOfAChatArePeople() {
        String text = "Zorabel: Who are you?\nMaria: I am the new tenant.\nZorabel: Welcome.";
        assertFound(text, "Zorabel", NameDetector.PERSON);
    }

    @Test
    void detect_listWithKnownFirstNamesIsAListOfPeople() {
        String text = "They invited Zorabel, Maria, Peter and Quennick.";
        assertFound(text, "Zorabel", NameDetector.PERSON);
        assertFound(text, "Quennick", NameDetector.PERSON);
    }

    @Test
    void detect_fieldLabelsAreNoSpeakers() {
        String text = "Phone: 555 0100\nEmail: a@example.com\nMaria: see you";
        assertNotFound(text, "Phone", NameDetector.PERSON);
        assertNotFound(text, "Email", NameDetector.PERSON);
    }

    @Test
    void detect_initialInsideNameAfterNameField() {
        assertFound("Name:    Zorabel D. Quennick\nAddress: PSC 6695", "Zorabel D. Quennick", NameDetector.PERSON);
        assertFound("She named him Tomasz", "Tomasz", NameDetector.PERSON);
    }

    @Test
    void detect_aRankOrTitleAlone_isNoPerson() {
        for (String text : List.of("The Princess waved from the balcony.", "Then the Duchess left early.",
                "Thank you, Captain.", "Ask the Judge about it.")) {
            List<Finding> findings = DETECTOR.detect(text);
            assertTrue(findings.stream().noneMatch(f -> f.type().equals(NameDetector.PERSON)),
                    () -> text + " gave " + describe(text, findings));
        }
        assertFound("Then Duchess Marguerite Okonkwo left early.", "Marguerite Okonkwo", NameDetector.PERSON);
    }

    @Test
    void detect_capitalisedOrdinaryNounsAreNoPerson() {
        for (String text : List.of("Headings like Gratitude and Diligence appear in the brochure.",
                "Gratitude is where every good habit begins.", "Words like Turpentine and Gravel appear on the warning sheet.",
                "The track Turpentine made the band famous.")) {
            List<Finding> findings = DETECTOR.detect(text);
            assertTrue(findings.stream().noneMatch(f -> f.type().equals(NameDetector.PERSON)),
                    () -> text + " gave " + describe(text, findings));
        }
        // A surname that is also an English noun is still a name next to a first name.
        String text = "Songs by Marguerite Baker often use Diligence as a title.";
        assertFound(text, "Marguerite Baker", NameDetector.PERSON);
        assertNotFound(text, "Diligence", NameDetector.PERSON);
    }

    @Test
    void detect_namesAfterAnImperativeAtTheStartOrInCapitalsAreStillFound() {
        // Words that only start a sentence or are written in capitals are not where the model is
        // asked to start a name; the names beside them must still be found.
        assertFound("Explain what Marguerite Okafor wrote in the report.", "Marguerite Okafor", NameDetector.PERSON);
        assertFound("Marguerite Okafor wrote this summary.", "Marguerite Okafor", NameDetector.PERSON);
        String log = "INFO 2024-05-01 login ok for MARGUERITE OKAFOR from LISBON";
        assertTrue(DETECTOR.detect(log).stream().anyMatch(f -> f.type().equals(NameDetector.PERSON)
                && f.start() == log.indexOf("MARGUERITE")), () -> describe(log, DETECTOR.detect(log)));
        String sql = "SELECT id, name FROM orders WHERE status = 'OPEN' ORDER BY id DESC LIMIT 10";
        assertTrue(DETECTOR.detect(sql).isEmpty(), () -> describe(sql, DETECTOR.detect(sql)));
    }
}
