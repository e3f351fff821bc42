package dev.veil.detectors.pattern;

import dev.veil.detectors.Detector;
import dev.veil.detectors.pattern.PatternDetector.CharTest;
import dev.veil.detectors.pattern.PatternDetector.StartTest;
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
     * NW, Washington, DC 20500" (US, UK), "12 rue de la Paix" (FR), "Hauptstraße 5" (DE and the
     * other languages that put the number last), "Via Roma 10". Street names and suffixes are
     * recognised, so "5 apples" or "Section 12" are not addresses.
     */
    public static Detector streetAddress() {
        return new CompositeDetector("pii.street_address", List.of(
                address(0, CharTest.digit(), CharTest.wordOr(".,/-"), PiiDetectors::numberThenSpace, NUMBER + "[ \\t]{1,3}+(?:[NSEW]\\.?[ \\t]{1,3}+)?(?:" + WORD + "[ \\t]{1,3}+){1,4}" + EN_SUFFIX
                        + "(?:[ \\t]{1,3}+(?:NE|NW|SE|SW|N|S|E|W)\\b)?" + UNIT + US_TAIL + NEXT_LINES),
                address(0, CharTest.digit(), CharTest.wordOr(".,/-"), PiiDetectors::numberThenSpace, NUMBER + ",?[ \\t]{1,3}+(?i:rue|avenue|av\\.|boulevard|bd|place|impasse|allée|allee|chemin|quai"
                        + "|cours|route|square|passage)[ \\t]{1,3}+(?:(?i:de la|de l'|des|du|de|d')[ \\t]{0,3}+)?"
                        + "(?:" + WORD + "[ \\t]{0,3}+){1,4}" + UNIT + FR_TAIL + NEXT_LINES),
                address(64, c -> Character.getType(c) == Character.UPPERCASE_LETTER, PiiDetectors::letterOrDigit,
                        PiiDetectors::wordThenNumber, "\\p{Lu}(?<![\\p{L}\\d]\\p{Lu})[\\p{L}-]{2,40}+(?=[ \\t]{1,3}+\\d)(?<=(?i:straße|strasse|str\\.|weg|platz|allee|gasse|damm"
                        + "|ufer|chaussee|steig|pfad|gade|vej|veien|vegen|vägen|gatan|katu|tie|kuja|straat|laan"
                        + "|plein|gracht|utca|ulica|cesta))[ \\t]{1,3}+\\d{1,3}[a-z]?\\b" + UNIT + DE_TAIL + NEXT_LINES),
                address(64, CharTest.anyOf("VPCARLT"), PiiDetectors::letterOrDigit, PiiDetectors::streetWordFirst,
                        "(?=[VPCARLT])" + IT_ES_PT_STREET + "(?<![\\p{L}\\d]" + IT_ES_PT_STREET + ")"
                        + "[ \\t]{1,3}+(?:" + WORD + "[ \\t]{1,3}+){1,4}\\d{1,4}[a-z]?\\b" + UNIT + NEXT_LINES),
                // A unit on its own ("Apt. 236", "Suite 741") is part of an address: reported, weakly.
                PatternDetector.builder("pii.street_address")
                        .startsWith(CharTest.anyOf("AUSF"), CharTest.wordOr("."))
                        .pattern("(?=[AUSF])" + UNIT_WORD + "(?<![\\w.]" + UNIT_WORD + ")[ \\t]{1,3}+#?\\d{1,5}+[A-Z]?(?![\\w-])")
                        .near(Windows.DIGITS, 16, 4)
                        .score(0.5)
                        .build()));
    }

    /**
     * Envelope-style continuation: up to three more lines of an address (a unit, a town, a
     * region and postcode, a country), each short and made of capitalised words and numbers.
     */
    private static final String LINE_TOKEN = "(?:[A-Z0-9]{2,8}+(?![\\p{L}\\d])|\\p{Lu}[\\p{L}'.()-]{0,30}+)";
    private static final String NEXT_LINES = "(?:,?[ \\t]*+\\r?\\n[ \\t,]*+(?:(?:Apt\\.?|Suite|Unit|Flat|#)[ \\t]{0,3}+\\w{1,6}+"
            + "|" + LINE_TOKEN + "(?:[ \\t,]{1,3}+" + LINE_TOKEN + "){0,5}+)"
            + "(?=[ \\t]*+(?:\\r?\\n|$|[,.?!]))){0,3}+";

    /**
     * Street words that come first. Where an expression starts with one of these words, a
     * lookahead on the first letters comes before it and the lookbehind after it, so that
     * most chars fail at one test instead of one per word.
     */
    private static final String IT_ES_PT_STREET = "(?:Via|Viale|Piazza|Corso|Calle|Avenida|Rua|Carrer|Paseo|Travessa|Largo)";
    private static final String UNIT_WORD = "(?:Apt\\.|Apartment|Suite|Ste\\.|Unit|Flat)";
    /** A house number; the first digit before the lookbehind, so other chars fail at once. */
    private static final String NUMBER = "\\d(?<![\\w.,/-]\\d)\\d{0,5}+[A-Za-z]?(?:-\\d{1,4})?";
    private static final String WORD = "(?:\\p{Lu}[\\p{L}'.-]{0,30}+|\\d{1,3}(?:st|nd|rd|th))";
    private static final String EN_SUFFIX = "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct"
            + "|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Close|Crescent|Cres|Gardens|Grove"
            + "|Mews|Row|Hill|Walk|Trail|Loop|Alley|Plaza|Pike|Ridge|Crossing|Point|Heights|Green|Park|Vale|Wharf)\\b\\.?";
    private static final String UNIT = "(?:,?[ \\t]{1,3}+(?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Flat|Floor|Fl\\.?|#)"
            + "[ \\t]{0,3}+#?[A-Za-z0-9-]{1,6}+)?+";
    private static final String US_TAIL = "(?:,?[ \\t]{1,3}+\\p{Lu}\\p{L}{1,20}+(?:[ \\t]\\p{Lu}\\p{L}{1,20}+){0,2},?[ \\t]{1,3}+"
            + "(?:[A-Z]{2}[ \\t]{1,3}+\\d{5}(?:-\\d{4})?|[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]{0,2}\\d[A-Z]{2}))?+";
    private static final String FR_TAIL = "(?:,?[ \\t]{1,3}+\\d{5}[ \\t]{1,3}+\\p{Lu}[\\p{L}-]{1,30}+)?+";
    private static final String DE_TAIL = "(?:,?[ \\t]{1,3}+\\d{5}[ \\t]{1,3}+\\p{Lu}[\\p{L}-]{1,30}+)?+";

    /** {@code before}: how far before a digit a match may start (0 where it starts with the number). */
    private static Detector address(int before, CharTest first, CharTest notAfter, StartTest where, String regex) {
        PatternDetector.Builder b = PatternDetector.builder("pii.street_address")
                .pattern(regex)
                .startsWith(first, notAfter);
        if (where != null) {
            b.startsWhere(where);
        }
        return b
                .near(Windows.DIGITS, before, 160)
                .score(0.75)
                .context(ContextWords.of("address", "live at", "lives at", "living at", "located at", "ship to",
                        "deliver to", "mailing", "residence", "resides", "adresse", "anschrift", "wohnhaft",
                        "dirección", "indirizzo", "street", "postcode", "zip"), 0.9)
                .build();
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

    /** The words of {@code IT_ES_PT_STREET}, one of which such an address starts with. */
    private static final List<String> STREET_WORDS_FIRST = List.of("Via", "Viale", "Piazza", "Corso", "Calle",
            "Avenida", "Rua", "Carrer", "Paseo", "Travessa", "Largo");

    private static boolean streetWordFirst(String text, int start) {
        for (String word : STREET_WORDS_FIRST) {
            if (text.startsWith(word, start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if a word of letters and dashes runs from {@code start} to one to three spaces or
     * tabs and a digit, as in "Hauptstraße 5": the street name of the number-last shape can
     * only start there. Surrogates count as letters, so a start this rejects cannot match.
     */
    private static boolean wordThenNumber(String text, int start) {
        int i = start + 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (!(Character.isLetter(c) || c == '-' || Character.isSurrogate(c))) {
                break;
            }
            i++;
        }
        int spaces = 0;
        while (i < n && spaces < 3 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
            spaces++;
        }
        return spaces > 0 && i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9';
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

    /**
     * True if the house number that starts at {@code start} (digits, a letter, a dash and
     * digits: "221B", "12-14") ends at a space, tab or comma, as it must before a street name.
     */
    private static boolean numberThenSpace(String text, int start) {
        int i = start + 1;
        while (i < text.length() && (letterOrDigit(text.charAt(i)) || text.charAt(i) == '-')) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == ',');
    }

    /** {@code [\\p{L}\\d]} of the expressions. */
    private static boolean letterOrDigit(char c) {
        return Character.isLetter(c) || c >= '0' && c <= '9';
    }

    private static boolean plausibleEmail(String s) {
        int at = s.indexOf('@');
        // Dots may not start, end or double up in a local part (RFC 5321 dot-string).
        return s.charAt(at - 1) != '.' && !s.substring(0, at).contains("..");
    }
}
