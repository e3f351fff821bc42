package dev.veil.detectors.pattern;

import static java.util.Objects.requireNonNull;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import java.util.ArrayList;
import java.util.List;

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
 * <p>Thread-safe: {@link PhoneNumberUtil} is.
 */
public final class PhoneDetector implements Detector {

    public static final String TYPE = "pii.phone";
    /** The regions whose national number forms are recognized by default. */
    public static final List<String> DEFAULT_REGIONS = List.of("US", "GB", "DE", "FR", "IN", "ES", "IT", "AU");

    private static final ContextWords CONTEXT = ContextWords.of("phone", "tel", "telephone", "call",
            "mobile", "cell", "cellphone", "fax", "whatsapp", "sms", "text me", "dial", "contact",
            "number", "ph", "mob", "telefon", "téléphone", "teléfono", "telefono", "handy", "portable");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final List<String> regions;

    public PhoneDetector(List<String> regions) {
        requireNonNull(regions, "regions");
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
        if (!hasDigitRun(text)) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (String region : regions) {
            for (PhoneNumberMatch m : util.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                int start = m.start();
                int end = m.end();
                if (overlapsAny(findings, start, end)) {
                    continue;
                }
                double score = CONTEXT.foundNear(text, start, end) ? 0.8 : 0.6;
                findings.add(new Finding(TYPE, start, end, score, TYPE));
            }
        }
        return findings;
    }

    private static boolean overlapsAny(List<Finding> findings, int start, int end) {
        for (Finding f : findings) {
            if (start < f.end() && f.start() < end) {
                return true;
            }
        }
        return false;
    }

    /** Cheap guard: a phone number has at least six digits with at most separators between. */
    static boolean hasDigitRun(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= 6) {
                    return true;
                }
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/' && c != '+') {
                digits = 0;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "PhoneDetector" + regions;
    }
}
