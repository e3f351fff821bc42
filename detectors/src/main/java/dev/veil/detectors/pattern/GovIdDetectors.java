package dev.veil.detectors.pattern;

import dev.veil.detectors.Detector;
import dev.veil.detectors.pattern.PatternDetector.CharTest;
import dev.veil.detectors.validate.CaSin;
import dev.veil.detectors.validate.CodiceFiscale;
import dev.veil.detectors.validate.DeTaxId;
import dev.veil.detectors.validate.FrNir;
import dev.veil.detectors.validate.IndianIds;
import dev.veil.detectors.validate.SpanishIds;
import dev.veil.detectors.validate.UkIds;
import dev.veil.detectors.validate.UsItin;
import dev.veil.detectors.validate.UsSsn;
import java.util.List;
import java.util.function.Predicate;

/**
 * Detectors of government-issued identifiers. Formats with a strong check (a check letter, mod
 * 97) stand alone; formats that are just so many digits need a context word near them.
 */
public final class GovIdDetectors {

    private static final String NOT_WORD_BEFORE = "(?<![\\w-])";
    private static final String NOT_WORD_AFTER = "(?![\\w-]|[.,]\\d)";
    /** {@code NOT_WORD_BEFORE} as a test on the char before a match. */
    private static final CharTest NOT_WORD = CharTest.wordOr("-");

    private static final ContextWords SSN_CONTEXT = ContextWords.of("ssn", "ssns", "social security",
            "social sec", "ss#", "ss #", "ssa", "ss no", "ss number");
    private static final ContextWords ITIN_CONTEXT = ContextWords.of("itin", "taxpayer", "tax id",
            "tin", "irs", "individual taxpayer");

    private GovIdDetectors() {
    }

    /** Every government id detector, in a stable order. */
    public static List<Detector> all() {
        return List.of(usSsn(), usItin(), usPassport(), usDriverLicense(), ukNino(), ukNhs(), deTaxId(),
                frNir(), esDni(), esNie(), itCodiceFiscale(), inAadhaar(), inPan(), caSin());
    }

    /**
     * US Social Security numbers written 123-45-6789, 123 45 6789 or 123.45.6789 (one kind of
     * separator), with the SSA's area, group and serial rules. Nine plain digits are reported
     * only next to a context word ("SSN", "social security"): alone they are any number at all.
     */
    public static Detector usSsn() {
        return nineDigits("gov_id.us_ssn", UsSsn::valid, SSN_CONTEXT, 0.85, 0.95, 0.8);
    }

    /** US ITINs: like an SSN in shape, area 9xx, group in the IRS's ITIN ranges. */
    public static Detector usItin() {
        return nineDigits("gov_id.us_itin", UsItin::valid, ITIN_CONTEXT, 0.8, 0.95, 0.8);
    }

    private static Detector nineDigits(String type, Predicate<String> valid, ContextWords context,
            double separated, double separatedWithContext, double plainWithContext) {
        return new CompositeDetector(type, List.of(
                PatternDetector.builder(type)
                        .pattern(NOT_WORD_BEFORE + "\\d{3}([- .])\\d{2}\\1\\d{4}" + NOT_WORD_AFTER)
                        .startsWith(CharTest.digit(), NOT_WORD)
                        .near(Windows.DIGITS, 0, 0)
                        .minAnchors(9)
                        .validator(valid)
                        .score(separated)
                        .context(context, separatedWithContext)
                        .build(),
                PatternDetector.builder(type)
                        .pattern(NOT_WORD_BEFORE + "\\d{9}" + NOT_WORD_AFTER)
                        .startsWith(CharTest.digit(), NOT_WORD)
                        .near(Windows.DIGITS, 0, 0)
                        .minAnchors(9)
                        .validator(valid)
                        .requireContext(context, plainWithContext)
                        .build()));
    }

    /** US passport numbers (nine digits, or a letter and eight digits), only near "passport". */
    public static Detector usPassport() {
        return PatternDetector.builder("gov_id.us_passport")
                .pattern(NOT_WORD_BEFORE + "(?:[A-Z]\\d{8}|\\d{9})" + NOT_WORD_AFTER)
                .startsWith(GovIdDetectors::upperOrDigit, NOT_WORD)
                .near(Windows.DIGITS, 1, 0)
                .minAnchors(8)
                .requireContext(ContextWords.of("passport", "passport no", "passport number",
                        "passport#", "travel document"), 0.85)
                .build();
    }

    /**
     * US driver licence numbers. Each state has its own format, most of them "a letter or two
     * and some digits" or "some digits", so a context word is required.
     */
    public static Detector usDriverLicense() {
        return PatternDetector.builder("gov_id.us_driver_license")
                .pattern(NOT_WORD_BEFORE + "(?:[A-Z]{1,2}\\d{4,14}+|[A-Z]\\d{3}-\\d{3,4}-\\d{2,4}(?:-\\d{1,3})?"
                        + "|\\d{3}-\\d{2}-\\d{4}|\\d{7,12}+|[A-Z]\\d{2}-\\d{2}-\\d{4}|\\d{2}-\\d{3}-\\d{4})"
                        + NOT_WORD_AFTER)
                .startsWith(GovIdDetectors::upperOrDigit, NOT_WORD)
                .near(Windows.DIGITS, 2, 0)
                .minAnchors(4)
                .validator(v -> !v.chars().allMatch(c -> c == v.charAt(0)))
                .requireContext(new ContextWords(List.of("driver", "drivers", "driver's", "license",
                        "licence", "dl", "dl#", "dln", "driving", "lic", "dmv"), 48, 16), 0.8)
                .build();
    }

    /** UK National Insurance numbers, "AB123456C" or "AB 12 34 56 C". */
    public static Detector ukNino() {
        return PatternDetector.builder("gov_id.uk_nino")
                .pattern("(?<![\\w])[A-Za-z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-Da-d](?!\\w)")
                .startsWith(GovIdDetectors::asciiLetter, CharTest.word())
                .startsWhere((t, i) -> Starts.at(t, i + 1, GovIdDetectors::asciiLetter)
                        && (Starts.at(t, i + 2, CharTest.digit()) || Starts.at(t, i + 2, c -> c == ' ')
                        && Starts.at(t, i + 3, CharTest.digit())))
                .near(Windows.DIGITS, 3, 2)
                .minAnchors(6)
                .validator(v -> UkIds.validNino(v) && v.equals(v.toUpperCase(java.util.Locale.ROOT)))
                .score(0.85)
                .context(ContextWords.of("national insurance", "ni number", "nino", "nin", "ni no", "insurance number"), 0.95)
                .build();
    }

    /** NHS numbers (ten digits, mod-11 check), near "NHS" or "patient". */
    public static Detector ukNhs() {
        return PatternDetector.builder("gov_id.uk_nhs")
                .pattern(NOT_WORD_BEFORE + "(?:\\d{3}([ -])\\d{3}\\1\\d{4}|\\d{10})" + NOT_WORD_AFTER)
                .startsWith(CharTest.digit(), NOT_WORD)
                .near(Windows.DIGITS, 0, 0)
                .minAnchors(10)
                .validator(UkIds::validNhs)
                .requireContext(ContextWords.of("nhs", "national health", "health service", "patient",
                        "nhs no", "nhs number", "chi"), 0.9)
                .build();
    }

    /** German tax id (Steuer-IdNr), eleven digits with its structure and check digit. */
    public static Detector deTaxId() {
        return PatternDetector.builder("gov_id.de_tax_id")
                .pattern(NOT_WORD_BEFORE + "(?:\\d{2} \\d{3} \\d{3} \\d{3}|\\d{11})" + NOT_WORD_AFTER)
                .startsWith(CharTest.digit(), NOT_WORD)
                .near(Windows.DIGITS, 0, 0)
                .minAnchors(11)
                .validator(DeTaxId::valid)
                .requireContext(ContextWords.of("steuer", "steuer-id", "steuerid", "steuer-idnr", "idnr",
                        "steueridentifikationsnummer", "identifikationsnummer", "tax id", "tin",
                        "steuernummer", "tax identification"), 0.9)
                .build();
    }

    /** French NIR, fifteen chars with its two-digit key, spaced or not. */
    public static Detector frNir() {
        return PatternDetector.builder("gov_id.fr_nir")
                .pattern(NOT_WORD_BEFORE + "[1-478] ?\\d{2} ?\\d{2} ?(?:\\d{2}|2[ABab]) ?\\d{3} ?\\d{3} ?\\d{2}"
                        + NOT_WORD_AFTER)
                .startsWith(CharTest.digit(), NOT_WORD)
                .near(Windows.DIGITS, 0, 0)
                .minAnchors(13)
                .validator(FrNir::valid)
                .score(0.9)
                .context(ContextWords.of("sécurité sociale", "securite sociale", "nir", "insee",
                        "numéro de sécu", "carte vitale", "social security"), 0.98)
                .build();
    }

    /** Spanish DNI: eight digits and the check letter. */
    public static Detector esDni() {
        return PatternDetector.builder("gov_id.es_dni")
                .pattern(NOT_WORD_BEFORE + "\\d{8}[- ]?[A-Z]" + "(?![\\w-])")
                .startsWith(CharTest.digit(), NOT_WORD)
                .near(Windows.DIGITS, 0, 2)
                .minAnchors(8)
                .validator(SpanishIds::validDni)
                .score(0.85)
                .context(ContextWords.of("dni", "nif", "documento nacional", "identidad"), 0.97)
                .build();
    }

    /** Spanish NIE: X, Y or Z, seven digits, check letter. */
    public static Detector esNie() {
        return PatternDetector.builder("gov_id.es_nie")
                .pattern(NOT_WORD_BEFORE + "[XYZ][- ]?\\d{7}[- ]?[A-Z]" + "(?![\\w-])")
                .startsWith(CharTest.anyOf("XYZ"), NOT_WORD)
                .near(Windows.DIGITS, 2, 2)
                .minAnchors(7)
                .validator(SpanishIds::validNie)
                .score(0.9)
                .context(ContextWords.of("nie", "extranjero", "identidad", "nif"), 0.97)
                .build();
    }

    /** Italian codice fiscale with its check letter. */
    public static Detector itCodiceFiscale() {
        return PatternDetector.builder("gov_id.it_codice_fiscale")
                .pattern("(?<![\\w])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}"
                        + "[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?!\\w)")
                .startsWith(GovIdDetectors::asciiLetter, CharTest.word())
                .startsWhere((t, i) -> Starts.all(t, i + 1, 5, GovIdDetectors::asciiLetter))
                .near(Windows.DIGITS, 8, 8)
                .validator(CodiceFiscale::valid)
                .score(0.95)
                .build();
    }

    /** Aadhaar: 12 digits with a Verhoeff check; written 4-4-4 it stands alone, plain it needs context. */
    public static Detector inAadhaar() {
        String type = "gov_id.in_aadhaar";
        ContextWords context = ContextWords.of("aadhaar", "aadhar", "uidai", "uid", "आधार");
        return new CompositeDetector(type, List.of(
                PatternDetector.builder(type)
                        .pattern(NOT_WORD_BEFORE + "[2-9]\\d{3}([ -])\\d{4}\\1\\d{4}" + NOT_WORD_AFTER)
                        .startsWith(CharTest.digit(), NOT_WORD)
                        .near(Windows.DIGITS, 0, 0)
                        .minAnchors(12)
                        .validator(IndianIds::validAadhaar)
                        .score(0.75)
                        .context(context, 0.95)
                        .build(),
                PatternDetector.builder(type)
                        .pattern(NOT_WORD_BEFORE + "[2-9]\\d{11}" + NOT_WORD_AFTER)
                        .startsWith(CharTest.digit(), NOT_WORD)
                        .near(Windows.DIGITS, 0, 0)
                        .minAnchors(12)
                        .validator(IndianIds::validAadhaar)
                        .requireContext(context, 0.9)
                        .build()));
    }

    /** Indian PAN: five letters (fourth: holder type), four digits, a letter. */
    public static Detector inPan() {
        return PatternDetector.builder("gov_id.in_pan")
                .pattern("(?<![\\w])[A-Z]{3}[ABCFGHJLPT][A-Z]\\d{4}[A-Z](?!\\w)")
                .startsWith(c -> c >= 'A' && c <= 'Z', CharTest.word())
                .startsWhere((t, i) -> Starts.all(t, i + 1, 4, c -> c >= 'A' && c <= 'Z') && Starts.at(t, i + 5, CharTest.digit()))
                .near(Windows.DIGITS, 5, 1)
                .minAnchors(4)
                .validator(IndianIds::validPan)
                .score(0.8)
                .context(ContextWords.of("pan", "permanent account", "income tax", "pan card"), 0.95)
                .build();
    }

    /** Canadian SIN: 3-3-3 digits with Luhn; plain nine digits need context. */
    public static Detector caSin() {
        String type = "gov_id.ca_sin";
        ContextWords context = ContextWords.of("sin", "social insurance", "nas", "assurance sociale");
        return new CompositeDetector(type, List.of(
                PatternDetector.builder(type)
                        .pattern(NOT_WORD_BEFORE + "\\d{3}([ -])\\d{3}\\1\\d{3}" + NOT_WORD_AFTER)
                        .startsWith(CharTest.digit(), NOT_WORD)
                        .near(Windows.DIGITS, 0, 0)
                        .minAnchors(9)
                        .validator(CaSin::valid)
                        .score(0.7)
                        .context(context, 0.95)
                        .build(),
                PatternDetector.builder(type)
                        .pattern(NOT_WORD_BEFORE + "\\d{9}" + NOT_WORD_AFTER)
                        .startsWith(CharTest.digit(), NOT_WORD)
                        .near(Windows.DIGITS, 0, 0)
                        .minAnchors(9)
                        .validator(CaSin::valid)
                        .requireContext(context, 0.85)
                        .build()));
    }

    /** {@code [A-Z0-9]}. */
    private static boolean upperOrDigit(char c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** {@code [A-Za-z]}. */
    private static boolean asciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
