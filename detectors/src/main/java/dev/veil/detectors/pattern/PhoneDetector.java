package dev.veil.detectors.pattern;

import static java.util.Objects.requireNonNull;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanText;
import dev.veil.detectors.validate.Ipv4;
import dev.veil.detectors.validate.PaymentCards;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers worldwide, found and validated by Google's libphonenumber (number plans, lengths
 * and valid ranges of every country). Numbers with a {@code +} country code are found whatever
 * the region list; national forms ("020 7946 0958") are tried for each region in turn.
 *
 * <p>A valid number alone is still often an order or ticket number, so the score is moderate
 * unless a context word ("phone", "call", "mobile") is near, and even then below the score of
 * identifiers with a check digit: where a routing or NHS number also reads as a phone number,
 * the checked reading wins.
 *
 * <p>libphonenumber's matcher is slow on long runs of digits (seconds per 100 KB), so it is
 * only given short candidates: a run of digits and phone separators of at most 32 chars that
 * is not part of a longer run.
 *
 * <p>Thread-safe: {@link PhoneNumberUtil} is.
 */
public final class PhoneDetector implements Detector {

    public static final String TYPE = "pii.phone";
    /** The regions whose national number forms are recognized by default. */
    public static final List<String> DEFAULT_REGIONS = List.of("US", "GB", "DE", "FR", "IN", "ES", "IT", "AU");

    private static final ContextWords CONTEXT = ContextWords.of("phone", "tel", "telephone", "call",
            "mobile", "cell", "cellphone", "fax", "whatsapp", "sms", "text me", "dial", "contact",
            "number", "ph", "mob", "telefon", "téléphone", "teléfono", "telefono", "handy", "portable");

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?=[+(\\d])(?<![\\w+]|\\d[ ().\\-/]{0,3})(?:\\+|\\(\\+?)?\\d[\\d ().\\-/]{4,30}(?<=\\d)(?![\\d:]|[ ().\\-/]{1,3}\\d)");
    private static final Pattern DATE_START = Pattern.compile("\\(?\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}");

    /** Words that say the number next to them is a phone number, whatever its plan says. */
    private static final ContextWords STRONG_CONTEXT = new ContextWords(List.of("phone", "phone number", "tel", "tel.",
            "telephone", "mobile", "mob", "cell", "cellphone", "fax", "call", "calling", "dial", "whatsapp", "sms",
            "desk", "answering", "hotline", "landline", "office", "telefon", "téléphone", "teléfono", "telefono",
            "handy", "portable", "ring"), 32, 12, true);
    private static final Pattern SHORT_DATE = Pattern.compile("\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final List<String> regions;

    public PhoneDetector(List<String> regions) {
        requireNonNull(regions, "regions");
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("no phone regions given");
        }
        for (String region : regions) {
            if (!util.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("unknown phone region: " + region);
            }
        }
        this.regions = List.copyOf(regions);
    }

    public PhoneDetector() {
        this(DEFAULT_REGIONS);
    }

    @Override
    public String id() {
        return TYPE;
    }

    @Override
    public List<String> types() {
        return List.of(TYPE);
    }

    @Override
    public List<Finding> detect(String text) {
        return detect(new ScanText(text));
    }

    @Override
    public List<Finding> detect(ScanText scanText) {
        // A candidate holds six digits or more, all within one window.
        int[] windows = Windows.aroundClusters(scanText, 6, 3, 6);
        if (windows.length == 0) {
            return List.of();
        }
        String text = scanText.text();
        List<Finding> findings = new ArrayList<>();
        Matcher c = CANDIDATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        // One matcher for the date test of every candidate: DATE_START has no lookaround, so a
        // region is all it needs.
        Matcher date = DATE_START.matcher(text);
        for (int w = 0; w < windows.length; w += 3) {
            candidates(text, c.region(windows[w], windows[w + 1]), date, findings);
        }
        return findings;
    }

    private void candidates(String text, Matcher c, Matcher date, List<Finding> findings) {
        while (c.find()) {
            int digits = 0;
            for (int i = c.start(); i < c.end(); i++) {
                digits += Character.isDigit(text.charAt(i)) ? 1 : 0;
            }
            if (digits < 6 || digits > 17 || date.region(c.start(), c.end()).lookingAt()
                    || anotherFormat(c.group())) {
                continue;
            }
            List<Span> spans = numbersIn(c.group());
            if (spans.isEmpty() && digits >= 7 && digits <= 15 && !SHORT_DATE.matcher(c.group()).matches()
                    && c.group().indexOf('/') < 0 && STRONG_CONTEXT.foundNear(text, c.start(), c.end())) {
                // No country's plan accepts it, yet the text says it is a phone number: plans
                // change and people write numbers oddly, so report it, with a lower score.
                findings.add(new Finding(TYPE, c.start(), c.end(), 0.55, TYPE));
                continue;
            }
            for (Span span : spans) {
                int start = c.start() + span.start();
                int end = c.start() + span.end();
                if (!overlapsAny(findings, start, end)) {
                    double score = CONTEXT.foundNear(text, start, end) ? 0.8 : 0.6;
                    findings.add(new Finding(TYPE, start, end, score, TYPE));
                }
            }
        }
    }

    /**
     * True if {@code candidate}, written without a country code, is a dotted-quad IP address
     * or a payment card number (brand range and Luhn): the detectors of those formats report
     * it with a higher score, which would win over a phone reading anyway, and libphonenumber
     * is by far the costliest step here.
     */
    static boolean anotherFormat(String candidate) {
        char first = candidate.charAt(0);
        if (first == '+' || first == '(') {
            return false;
        }
        return Ipv4.valid(candidate) || candidate.length() >= 12 && PaymentCards.valid(candidate);
    }

    /**
     * The valid numbers in a candidate, by libphonenumber's matcher (which also rejects dates,
     * timestamps and numbers split oddly). A candidate with a country code is read once; a
     * national one in each region until one region reads numbers in it.
     */
    private List<Span> numbersIn(String candidate) {
        boolean international = candidate.startsWith("+") || candidate.startsWith("(+");
        if (international && plainInternational(candidate)) {
            // The common case, read directly: libphonenumber's matcher would find the same
            // whole number, after a costly search for numbers inside the candidate.
            try {
                if (util.isValidNumber(util.parse(candidate, regions.get(0)))) {
                    return List.of(new Span(0, candidate.length()));
                }
            } catch (NumberParseException e) {
                // Not a number as a whole: the matcher below may still find one inside.
            }
        }
        List<Span> spans = new ArrayList<>();
        for (String region : international ? regions.subList(0, 1) : regions) {
            for (PhoneNumberMatch m : util.findNumbers(candidate, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                spans.add(new Span(m.start(), m.end()));
            }
            if (!spans.isEmpty()) {
                break;
            }
        }
        return spans;
    }

    /** A '+', then only digits and single spaces, dashes or dots between them. */
    static boolean plainInternational(String candidate) {
        for (int i = 1; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && (c != ' ' && c != '-' && c != '.' || !isDigit(candidate, i - 1) || !isDigit(candidate, i + 1))) {
                return false;
            }
        }
        return candidate.length() > 1 && isDigit(candidate, 1);
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    private static boolean overlapsAny(List<Finding> findings, int start, int end) {
        for (Finding f : findings) {
            if (start < f.end() && f.start() < end) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "PhoneDetector" + regions;
    }
}
