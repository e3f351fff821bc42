package dev.veil.detectors.pattern;

import dev.veil.detectors.Detector;
import dev.veil.detectors.pattern.PatternDetector.CharTest;
import java.util.List;

/**
 * Detectors of personal data with a recognisable shape: e-mail addresses, phone numbers, street
 * addresses and dates of birth. Names, places and organisations are found by the NLP detectors.
 */
public final class PiiDetectors {

    private static final String MONTHS = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
            + "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

    private PiiDetectors() {
    }

    /** Every detector of this class, in a stable order. */
    public static List<Detector> all() {
        return List.of(email(), phone(), streetAddress(), dateOfBirth());
    }

    /** Phone numbers in the default regions, validated by libphonenumber. */
    public static Detector phone() {
        return new PhoneDetector();
    }

    /**
     * Dates of birth: a date (numeric in any common order, ISO, or with a month name in English)
     * near a word that says it is one ("born", "DOB", "date of birth", "geboren", "né le").
     */
    public static Detector dateOfBirth() {
        return PatternDetector.builder("pii.date_of_birth")
                .pattern("(?i)(?=[\\djfmasond])(?<![\\w/.-])(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}"
                        + "|\\d{1,2}(?:st|nd|rd|th)?\\s{1,3}+(?:of\\s{1,3}+)?" + MONTHS + ",?\\s{1,3}+\\d{4}"
                        + "|" + MONTHS + "\\s{1,3}+\\d{1,2}(?:st|nd|rd|th)?,?\\s{1,3}+\\d{4})(?![\\w/-]|\\.\\d)")
                .near(Windows.DIGITS, 24, 24)
                .startsWith(c -> c >= '0' && c <= '9' || "JFMASONDjfmasond".indexOf(c) >= 0, CharTest.wordOr("/.-"))
                .startsWhere((t, i) -> t.charAt(i) <= '9' || monthFirst(t, i))
                .minAnchors(4)
                .validator(Dates::plausibleBirthDate)
                .requireContext(new ContextWords(List.of("born", "birth", "dob", "d.o.b", "d.o.b.", "birthday",
                        "birthdate", "date of birth", "birth date", "geburtsdatum", "geboren", "né", "née", "né le",
                        "date de naissance", "fecha de nacimiento", "nacido", "nacida", "data di nascita", "nato",
                        "nata", "bday"), 48, 8, true), 0.85)
                .build();
    }

    /**
     * Street addresses in the common Western shapes: "221B Baker Street", "1600 Pennsylvania Ave
     * NW, Washington, DC 20500" (US, UK), "12 rue de la Paix, 75002 Paris" (FR), "Hauptstraße 5,
     * 10115 Berlin" (DE and the other languages that put the number last), "Via Roma 10", post
     * office boxes and US military addresses; with their units, localities and envelope lines.
     * Street names and types are recognised, so "5 apples" or "Section 12" are not addresses.
     * See {@link StreetAddresses} for the rules.
     */
    public static Detector streetAddress() {
        return StreetAddresses.detector();
    }

    /**
     * E-mail addresses: a local part of up to 64 chars, then one to eight domain labels and a
     * top-level domain of letters. Quoted local parts and IP-literal domains are left out: they
     * are vanishingly rare in prompts and expensive to match safely.
     */
    public static Detector email() {
        return PatternDetector.builder("pii.email")
                .pattern("[A-Za-z0-9_%+-](?<![\\w.%+-][A-Za-z0-9_%+-])(?:[A-Za-z0-9._%+-]{0,63}+)"
                        + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}+)\\.){1,8}[A-Za-z]{2,24}+(?![\\w-])")
                .near("@", 70, 270)
                .startsWith(c -> c < 128 && (Character.isLetterOrDigit(c) || "_%+-".indexOf(c) >= 0), CharTest.wordOr(".%+-"))
                .startsWhere(PiiDetectors::localPartThenAt)
                .validator(PiiDetectors::plausibleEmail)
                .score(0.95)
                .literals("@")
                .build();
    }

    /** The first three letters of every month name in {@code MONTHS}, lower case. */
    private static final List<String> MONTH_STARTS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");

    /** True if a month name may start at {@code start}: its first three letters, in any ASCII case. */
    private static boolean monthFirst(String text, int start) {
        for (String month : MONTH_STARTS) {
            if (text.regionMatches(true, start, month, 0, 3) && Starts.all(text, start, 3, c -> c < 128)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if at most 63 more chars of a local part follow {@code start}, then an '@': the
     * expression takes the local part possessively, so an address can only start there.
     */
    private static boolean localPartThenAt(String text, int start) {
        int i = start + 1;
        int limit = Math.min(text.length(), start + 64);
        while (i < limit && LOCAL_PART.test(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '@';
    }

    /** {@code [A-Za-z0-9._%+-]}. */
    private static final CharTest LOCAL_PART = CharTest.wordOr(".%+-");

    private static boolean plausibleEmail(String s) {
        int at = s.indexOf('@');
        // Dots may not start, end or double up in a local part (RFC 5321 dot-string).
        return s.charAt(at - 1) != '.' && !s.substring(0, at).contains("..");
    }
}
