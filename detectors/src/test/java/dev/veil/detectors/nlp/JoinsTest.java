package dev.veil.detectors.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.veil.detectors.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinsTest {

    private static final WordFacts.Index WORDS = new WordFacts.Index(NlpResources.gazetteer());

    /** Runs Joins on {@code text} with the given words found as the given types, and returns what it keeps. */
    private static List<String> joined(String text, String... found) {
        Tokens tokens = WordTokenizer.tokenize(text);
        List<Finding> in = new ArrayList<>();
        for (int k = 0; k < found.length; k += 2) {
            int start = text.indexOf(found[k]);
            in.add(new Finding(found[k + 1], start, start + found[k].length(), 0.8, NameDetector.ID));
        }
        in.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return Joins.joined(new WordFacts(WORDS, tokens.words()), tokens, in).stream()
                .map(f -> text.substring(f.start(), f.end()) + "/" + f.type()).toList();
    }

    @Test
    void joined_takesInNameParticlesOnEitherSide() {
        assertEquals(List.of("Greta van der Hoeven/pii.person"),
                joined("Please forward this to Greta van der Hoeven before Friday.", "Greta", NameDetector.PERSON));
        assertEquals(List.of("Greta van der Hoeven/pii.person"),
                joined("Please forward this to Greta van der Hoeven before Friday.", "Hoeven", NameDetector.PERSON));
        assertEquals(List.of("Omar bin Khalid/pii.person"),
                joined("We spoke with Omar bin Khalid about it.", "Omar", NameDetector.PERSON));
    }

    @Test
    void joined_takesInAMiddleInitialAndTheSurnameAfterIt() {
        assertEquals(List.of("Marit K. Halvorsen/pii.person"),
                joined("It was signed by Marit K. Halvorsen and her team.", "Marit K", NameDetector.PERSON));
        assertEquals(List.of("Marit K. Halvorsen/pii.person"),
                joined("It was signed by Marit K. Halvorsen and her team.", "Marit", NameDetector.PERSON,
                        "Halvorsen", NameDetector.PERSON));
    }

    @Test
    void joined_takesInTheSurnameAfterAKnownFirstNameFoundAlone() {
        assertEquals(List.of("Ilse Brandvold/pii.person"),
                joined("Thanks to Ilse Brandvold for the notes.", "Ilse", NameDetector.PERSON));
        // Not after a word that is not a known first name, nor an ordinary word after one.
        assertEquals(List.of("Brandvold/pii.person"),
                joined("Thanks to Brandvold Ilsenau for the notes.", "Brandvold", NameDetector.PERSON));
        assertEquals(List.of("Ilse/pii.person"), joined("Thanks Ilse Tomorrow works.", "Ilse", NameDetector.PERSON));
    }

    @Test
    void joined_leavesAloneWhatIsNotOneName() {
        // An ordinary word after the particle, another type's finding, a line break, a lower-case word.
        assertEquals(List.of("Greta/pii.person"),
                joined("Ask Greta de Table manners later.", "Greta", NameDetector.PERSON));
        assertEquals(List.of("Greta/pii.person", "Utrecht/pii.location"),
                joined("Greta van Utrecht", "Greta", NameDetector.PERSON, "Utrecht", NameDetector.LOCATION));
        assertEquals(List.of("Greta/pii.person"), joined("Greta van\nHoeven", "Greta", NameDetector.PERSON));
        assertEquals(List.of("Greta/pii.person"), joined("Greta van hoeven", "Greta", NameDetector.PERSON));
        assertEquals(List.of("Hoeven/pii.organization"),
                joined("Greta van Hoeven", "Hoeven", NameDetector.ORGANIZATION));
    }

    @Test
    void isLoneFirstName_holdsForAKnownFirstNameAloneOnly() {
        String[] words = WordTokenizer.tokenize("Ilse Smith APPLE Ilse the Ilse").words();
        WordFacts facts = new WordFacts(WORDS, words);
        assertEquals(true, NameDetector.isLoneFirstName(facts, words, 0, 1), "a first name");
        assertEquals(false, NameDetector.isLoneFirstName(facts, words, 1, 2), "a last name");
        assertEquals(false, NameDetector.isLoneFirstName(facts, words, 2, 3), "capitals");
        assertEquals(false, NameDetector.isLoneFirstName(facts, words, 3, 5), "two words");
        assertEquals(false, NameDetector.isLoneFirstName(facts, words, 4, 5), "an ordinary word");
    }
}
