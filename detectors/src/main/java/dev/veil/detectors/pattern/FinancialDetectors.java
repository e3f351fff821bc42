package dev.veil.detectors.pattern;

import dev.veil.detectors.Detector;
import dev.veil.detectors.pattern.PatternDetector.CharTest;
import dev.veil.detectors.validate.AbaRouting;
import dev.veil.detectors.validate.Bic;
import dev.veil.detectors.validate.Iban;
import dev.veil.detectors.validate.PaymentCards;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Detectors of financial identifiers. */
public final class FinancialDetectors {

    private FinancialDetectors() {
    }

    /** Every financial detector, in a stable order. */
    public static List<Detector> all() {
        return List.of(paymentCard(), iban(), swiftBic(), usAbaRouting());
    }

    /**
     * IBANs, compact or in groups of four ("DE89 3704 0044 0532 0130 00"), any case, or with a
     * space after capital country letters ("NO 93 8601 1117 947"): the
     * country's length and the mod-97 check. The expression proposes a run of alphanumeric
     * groups; the refiner cuts it at the length the country code prescribes.
     */
    public static Detector iban() {
        return PatternDetector.builder("financial.iban")
                .pattern("[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z] ?+\\d{2}(?:[ -]?+[A-Za-z0-9]){10,34}+")
                .startsWith(FinancialDetectors::asciiLetter, c -> asciiLetter(c) || c >= '0' && c <= '9')
                .startsWhere((t, i) -> Starts.at(t, i + 1, FinancialDetectors::asciiLetter)
                        && (Starts.all(t, i + 2, 2, CharTest.digit())
                                || Starts.at(t, i + 2, c -> c == ' ') && Starts.all(t, i + 3, 2, CharTest.digit())))
                // Three chars before the first digits: the country code and the space after it.
                .near(Windows.DIGITS, 3, 12)
                .minAnchors(2)
                .refiner(FinancialDetectors::ibanPrefix)
                .resumeAfterFinding()
                .score(0.95)
                .context(ContextWords.of("iban", "account", "bank", "konto", "compte", "cuenta", "conto"), 0.99)
                .build();
    }

    /**
     * The prefix of {@code run} that is a valid IBAN of its country's length, if any. A space after
     * the country code ("NO 93 8601 ...", as some banks print it) is taken only after capitals:
     * "at 12 ..." or "no 45 ..." in prose is a word and a number.
     */
    static List<Span> ibanPrefix(String run) {
        if (run.charAt(2) == ' ' && !(Character.isUpperCase(run.charAt(0)) && Character.isUpperCase(run.charAt(1)))) {
            return List.of();
        }
        int length = Iban.length(run.substring(0, 2).toUpperCase(Locale.ROOT));
        if (length < 0) {
            return List.of();
        }
        int chars = 0;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (c != ' ' && c != '-' && ++chars == length) {
                boolean wordGoesOn = i + 1 < run.length() && Character.isLetterOrDigit(run.charAt(i + 1));
                String candidate = run.substring(0, i + 1);
                return !wordGoesOn && Iban.valid(candidate) ? List.of(new Span(0, i + 1)) : List.of();
            }
        }
        return List.of();
    }

    /**
     * SWIFT/BIC codes. Eight capital letters are also an ordinary shouted word ("FOOTBALL" has a
     * country code in the right place), so a context word is required.
     */
    public static Detector swiftBic() {
        String type = "financial.swift_bic";
        String code = "[A-Z](?<![A-Za-z0-9][A-Z])[A-Z]{5}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])";
        return new CompositeDetector(type, List.of(
                // With a digit in the location or branch it is no word: banking context will do.
                PatternDetector.builder(type)
                        .pattern(code)
                        .startsWith(c -> c >= 'A' && c <= 'Z', c -> c < 128 && Character.isLetterOrDigit(c))
                        .startsWhere(FinancialDetectors::bicShape)
                        .candidatesBeforeContext()
                        .validator(v -> Bic.valid(v) && v.chars().anyMatch(Character::isDigit))
                        .requireContext(ContextWords.of("swift", "bic", "swift code", "bic code", "swift/bic",
                                "bank", "wire", "transfer", "iban", "beneficiary", "sort code", "routing"), 0.9)
                        .build(),
                // All letters ("DEADLINE" has the country LI in the right place): only next to
                // the words SWIFT or BIC themselves.
                PatternDetector.builder(type)
                        .pattern(code)
                        .startsWith(c -> c >= 'A' && c <= 'Z', c -> c < 128 && Character.isLetterOrDigit(c))
                        .startsWhere(FinancialDetectors::bicShape)
                        .candidatesBeforeContext()
                        .validator(v -> Bic.valid(v) && v.chars().noneMatch(Character::isDigit))
                        .requireContext(ContextWords.of("swift", "bic", "swift code", "bic code", "swift/bic",
                                "swift-code", "bic/swift"), 0.9)
                        .build()));
    }

    /** US ABA routing numbers (checksum), near "routing", "ABA" or "transit". */
    public static Detector usAbaRouting() {
        return PatternDetector.builder("financial.us_aba_routing")
                .pattern("(?<![\\w-])\\d{9}(?![\\w-]|[.,]\\d)")
                .near(Windows.DIGITS, 0, 0)
                .minAnchors(9)
                .validator(AbaRouting::valid)
                .requireContext(ContextWords.of("routing", "aba", "rtn", "transit", "routing number",
                        "bank", "wire", "ach", "account"), 0.9)
                .build();
    }

    /**
     * Payment card numbers of 12 to 19 digits, plain or grouped with spaces or dashes, of a
     * known brand range, passing Luhn. The expression proposes a whole run of digit groups
     * ("4111 1111 1111 1111 12 26" holds a card and an expiry date); the refiner finds the cards
     * in it. Context words ("card", "visa") raise the score.
     */
    public static Detector paymentCard() {
        String type = "financial.payment_card";
        String run = "\\d(?<![\\w.,]\\d|\\d[ -]\\d)(?:[ -]?+\\d){11,63}+(?!\\d|[.,]\\d)";
        ContextWords context = ContextWords.of("card", "credit", "debit", "visa", "mastercard", "amex",
                "american express", "discover", "jcb", "diners", "unionpay", "maestro", "pan", "cc", "ccn",
                "payment", "cardholder", "expiry", "cvv", "cvc");
        return new CompositeDetector(type, List.of(
                PatternDetector.builder(type)
                        .pattern(run)
                        .startsWith(CharTest.digit(), CharTest.wordOr(".,"))
                        .near(Windows.DIGITS, 0, 0)
                        .minAnchors(12)
                        .refiner(r -> cardsInRun(r, PaymentCards::valid))
                        .score(0.9)
                        .context(context, 0.99)
                        .build(),
                // Issuers outside the brand table, taken only next to a card word.
                PatternDetector.builder(type)
                        .pattern(run)
                        .startsWith(CharTest.digit(), CharTest.wordOr(".,"))
                        .near(Windows.DIGITS, 0, 0)
                        .minAnchors(12)
                        .refiner(r -> cardsInRun(r, c -> !PaymentCards.valid(c) && PaymentCards.validAnyBrand(c)))
                        .requireContext(context, 0.85)
                        .build()));
    }

    /**
     * The card numbers inside a run of digit groups: from each group, the longest sequence of
     * whole groups that forms a valid card; scanning resumes after a card found.
     */
    static List<Span> cardsInRun(String run, Predicate<String> valid) {
        List<Span> groups = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= run.length(); i++) {
            if (i == run.length() || run.charAt(i) == ' ' || run.charAt(i) == '-') {
                groups.add(new Span(start, i));
                start = i + 1;
            }
        }
        List<Span> cards = new ArrayList<>();
        int g = 0;
        while (g < groups.size()) {
            int found = -1;
            for (int h = Math.min(groups.size() - 1, g + 7); h >= g; h--) {
                String candidate = run.substring(groups.get(g).start(), groups.get(h).end());
                if (valid.test(candidate)) {
                    found = h;
                    break;
                }
            }
            if (found >= 0) {
                cards.add(new Span(groups.get(g).start(), groups.get(found).end()));
                g = found + 1;
            } else {
                g++;
            }
        }
        return cards;
    }

    /** {@code [A-Za-z]}. */
    private static boolean asciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** Six capital letters and two more capitals or digits from {@code start}, as every BIC starts. */
    private static boolean bicShape(String text, int start) {
        if (start + 8 > text.length()) {
            return false;
        }
        for (int i = start + 1; i < start + 8; i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || i >= start + 6 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
