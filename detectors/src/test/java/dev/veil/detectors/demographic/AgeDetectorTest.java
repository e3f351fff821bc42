package dev.veil.detectors.demographic;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.veil.detectors.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgeDetectorTest {

    private final AgeDetector age = new AgeDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Tomasz is 34 years old.                          | 34",
        "She is 34 years old and lives in Lyon.           | 34",
        "a 34-year-old with chest pain                    | 34",
        "A 67-year-old woman presented with a cough.      | 67",
        "The 8-year-old boy was found safe.               | 8",
        "my son (7 years old) loves trains                | 7",
        "I'm 29 yrs old                                   | 29",
        "patient 45 y/o, no allergies                     | 45",
        "45yo male                                        | 45",
        "he is 52 y.o.                                    | 52",
        "Rosalind, 81 years of age, lives alone           | 81",
        "a class of 6-year-olds                           | 6",
        "our 2-year-old loves trains                      | 2",
        "aged 34, she moved to Porto                      | 34",
        "Ines (aged 19) joined the club                   | 19",
        "Age: 34                                          | 34",
        "Name: Edda Lund, Age: 58, Sex: F                 | 58",
        "age 41, non-smoker                               | 41",
        "at the age of 12 he left school                  | 12",
        "my age is 27                                     | 27",
        "I'm 34 and looking for advice                    | 34",
        "I am 61.                                         | 61",
        "she was 12 when she moved                        | 12",
        "My grandmother is 88 and still drives.           | 88",
        "my father turned 90 last week                    | 90",
        "next month she will turn 30.                     | 30",
        "he's 17, so he needs consent                     | 17",
        "a 0-year-old infant                              | 0",
        "Police said Edda Lund, 58, of Bergen was unhurt. | 58",
    })
    void age_isFound(String text, String expected) {
        assertFinds(age, text.strip(), expected.strip());
    }

    @Test
    void age_offsetsAreThoseOfTheNumber() {
        String text = "Hi, I'm Oda and I am 34 years old.";
        List<Finding> findings = age.detect(text);
        assertEquals(List.of(new Finding("pii.age", 21, 23, 0.7, "pii.age")), findings);
    }

    @Test
    void age_bareFormScoresLowerThanAnExplicitOne() {
        double bare = age.detect("I'm 34.").get(0).score();
        double explicit = age.detect("I'm 34 years old.").get(0).score();
        assertEquals(0.5, bare);
        assertEquals(0.7, explicit);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // durations and experience
        "I have 34 years of experience in Java.",
        "we waited 10 years for this",
        "a 5-year plan",
        "over the last 12 years",
        // things that are years old
        "the 10-year-old building needs a new roof",
        "a 12-year-old whisky",
        "my 10-year-old laptop is slow",
        "my 10-year-old laptops",
        "the house is 40 years old",
        "My laptop is 5 years old and slow.",
        "our dog is 9 years old",
        "It is 3 years old.",
        "The score is 88 and rising.",
        "Items A, 12, and B",
        "Paid on May, 12, and again later",
        // versions, numbers and units
        "upgrade to version 34",
        "Java 17 is required",
        "I'm 34 minutes late",
        "I'm 5'10 and fit",
        "I am 100% sure",
        "he is 6 feet tall",
        "the wheel turned 90 degrees",
        "turn 2 pages back",
        "Turn 3: the dealer draws.",
        "I'm 2.5 km away",
        "she is 12th in line",
        // ranges, thresholds and statistics
        "patients aged 18-65 were included",
        "aged 18 to 65",
        "for ages 5 and up",
        "aged 65+",
        "Anyone aged 16 or over may vote.",
        "users under age 13 need consent",
        "the minimum age of 18 applies",
        "the average age 34 in the sample",
        "until the age of 16 school is free",
        // aged goods, titles, out of range
        "a whisky aged 12 years in oak",
        "Ice Age 3 was a hit",
        "she is 130 years old",
        "a 200-year-old tradition",
    })
    void age_notFound(String text) {
        assertNothing(age, text);
    }
}
