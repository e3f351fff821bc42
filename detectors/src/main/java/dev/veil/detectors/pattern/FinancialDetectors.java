package dev.veil.detectors.pattern;

import dev.veil.detectors.Detector;
import dev.veil.detectors.validate.PaymentCards;
import java.util.ArrayList;
import java.util.List;

/** Detectors of financial identifiers. */
public final class FinancialDetectors {

    private FinancialDetectors() {
    }

    /**
     * Payment card numbers of 12 to 19 digits, plain or grouped with spaces or dashes, of a
     * known brand range, passing Luhn. The expression proposes a whole run of digit groups
     * ("4111 1111 1111 1111 12 26" holds a card and an expiry date); the refiner finds the cards
     * in it. Context words ("card", "visa") raise the score.
     */
    public static Detector paymentCard() {
        return PatternDetector.builder("financial.payment_card")
                .pattern("(?<![\\d.,]|\\d[ -])\\d(?:[ -]?+\\d){11,63}+(?!\\d|[.,]\\d)")
                .refiner(FinancialDetectors::cardsInRun)
                .score(0.9)
                .context(ContextWords.of("card", "credit", "debit", "visa", "mastercard", "amex",
                        "american express", "discover", "jcb", "diners", "unionpay", "maestro", "pan",
                        "cc", "ccn", "payment", "cardholder", "expiry", "cvv", "cvc"), 0.99)
                .build();
    }

    /**
     * The card numbers inside a run of digit groups: from each group, the longest sequence of
     * whole groups that forms a valid card; scanning resumes after a card found.
     */
    static List<Span> cardsInRun(String run) {
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
                if (PaymentCards.valid(candidate)) {
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
}
