package dev.veil.detectors.demographic;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecialCategoriesTest {

    private final SpecialCategories detector = SpecialCategories.standard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a word for a person follows
        "She is a Nigerian citizen.                    | Nigerian            | pii.nationality",
        "We hired two Korean engineers.                | Korean              | pii.nationality",
        "he is of Mexican descent                      | Mexican             | pii.nationality",
        "my Nigerian-born colleague                    | Nigerian            | pii.nationality",
        "a South African national                      | South African       | pii.nationality",
        "Hispanic women in tech                        | Hispanic            | pii.nationality",
        "Muslim students asked for a prayer room       | Muslim              | pii.religion",
        "Labour voters in the north                    | Labour              | pii.political_affiliation",
        "a Republican senator spoke                    | Republican          | pii.political_affiliation",
        // said of a person
        "I'm Japanese.                                 | Japanese            | pii.nationality",
        "My wife is Brazilian, and I am not.           | Brazilian           | pii.nationality",
        "Maria is Catholic.                            | Catholic            | pii.religion",
        "I'm half Korean                               | Korean              | pii.nationality",
        "he is a devout Muslim.                        | Muslim              | pii.religion",
        "She is an atheist.                            | atheist             | pii.religion",
        "I am a socialist, always was                  | socialist           | pii.political_affiliation",
        "my boss is a Democrat                         | Democrat            | pii.political_affiliation",
        "He is a proud Democrat.                       | Democrat            | pii.political_affiliation",
        "I was raised Jewish                           | Jewish              | pii.religion",
        "He identifies as Hispanic                     | Hispanic            | pii.nationality",
        "I always vote Labour                          | Labour              | pii.political_affiliation",
        "As a Sikh, I wear a turban                    | Sikh                | pii.religion",
        "We are proud Belizeans.                       | Belizeans           | pii.nationality",
        "im mexican btw                                | mexican             | pii.nationality",
        // a noun for a person
        "the Frenchman at the desk                     | Frenchman           | pii.nationality",
    })
    void term_isFound(String text, String expected, String type) {
        String t = text.strip();
        List<Finding> findings = detector.detect(t);
        assertEquals(1, findings.size(), () -> "in <" + t + ">: " + findings);
        Finding f = findings.get(0);
        assertEquals(expected.strip(), t.substring(f.start(), f.end()));
        assertEquals(type.strip(), f.type());
        assertEquals(SpecialCategories.ID, f.detector());
    }

    @Test
    void terms_joinedToAReportedOneAreReportedToo() {
        assertFinds(detector, "I'm French and Italian.", "French", "Italian");
        assertFinds(detector, "Her parents are Ghanaian, Irish and Welsh.", "Ghanaian", "Irish", "Welsh");
    }

    @Test
    void offsetsAndScores_areExact() {
        String text = "Note: Ilse is Swiss.";
        assertEquals(List.of(new Finding("pii.nationality", 14, 19, SpecialCategories.SCORE, "special-categories")),
                detector.detect(text));
        assertEquals(SpecialCategories.SCORE, detector.detect("I'm an atheist.").get(0).score(),
                "a word written in lower case as a rule scores in full");
        assertEquals(SpecialCategories.SCORE, detector.detect("Socialist, and proud of it: that's me. I am Socialist.")
                .get(0).score());
        Finding lower = detector.detect("i'm swiss").get(0);
        assertEquals(SpecialCategories.LOWER_CASE_SCORE, lower.score());
        assertTrue(lower.score() < SpecialCategories.SCORE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // organizations, products and breeds
        "Pay with American Express.",
        "He works for Swiss Re in Zurich.",
        "Our German Shepherd barks at night.",
        "Book a seat on Turkish Airlines.",
        "Deutsche Bank and the Bank of Japan",
        // languages
        "Translate this into Japanese.",
        "The manual is written in French.",
        "She speaks Spanish and Portuguese.",
        "Is there a Japanese translation?",
        "French-speaking staff wanted",
        "I am learning German.",
        // food, culture, things
        "Let's get Italian food tonight.",
        "We had Chinese for dinner.",
        "The menu is French.",
        "Sushi is Japanese.",
        "Flamenco is Spanish, and so is paella.",
        "It is Japanese.",
        "a Catholic school near the station",
        "Buddhist temples in Kyoto",
        "the Mexican economy grew",
        "anti-American slogans",
        // political words used otherwise
        "Labour Day is a holiday.",
        "a Conservative estimate of the cost",
        "the labour market is tight",
        "Republican Guard units",
        "a liberal amount of salt",
        "a platform-agnostic library",
        "the Liberal arts college",
        // names and words in lower case that are ordinary
        "Christian Bale plays the lead.",
        "My name is Christian.",
        "polish the silver",
        "Polish the silver before dinner.",
        "Georgian architecture in Bath",
    })
    void term_notReported(String text) {
        assertNothing(detector, text);
    }

    @Test
    void wordLists_holdTheThreeTypesAndNoDuplicates() {
        List<SpecialCategories.Term> all = new java.util.ArrayList<>();
        all.addAll(SpecialCategories.read("nationalities.txt", SpecialCategories.NATIONALITY));
        all.addAll(SpecialCategories.read("religions.txt", SpecialCategories.RELIGION));
        all.addAll(SpecialCategories.read("political.txt", SpecialCategories.POLITICAL));
        assertTrue(all.size() > 250, "word lists look truncated: " + all.size());
        long distinct = all.stream().map(t -> t.text()).distinct().count();
        assertEquals(all.size(), distinct, "a term is listed twice");
        assertFalse(all.stream().anyMatch(t -> t.text().isBlank()));
    }
}
