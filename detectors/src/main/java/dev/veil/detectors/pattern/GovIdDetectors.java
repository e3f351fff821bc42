package dev.veil.detectors.pattern;

import dev.veil.detectors.Detector;
import dev.veil.detectors.validate.UsSsn;
import java.util.List;

/** Detectors of government-issued identifiers. */
public final class GovIdDetectors {

    private static final ContextWords SSN_CONTEXT = ContextWords.of("ssn", "ssns", "social security",
            "social sec", "ss#", "ss #", "ssa", "ss no", "ss number");

    private GovIdDetectors() {
    }

    /**
     * US Social Security numbers written 123-45-6789 or 123 45 6789 (one kind of separator),
     * with the SSA's area, group and serial rules. Nine plain digits are reported only next to
     * a context word ("SSN", "social security"): alone they are any number at all.
     */
    public static Detector usSsn() {
        String type = "gov_id.us_ssn";
        return new CompositeDetector(type, List.of(
                PatternDetector.builder(type)
                        .pattern("(?<![\\w-])\\d{3}([- ])\\d{2}\\1\\d{4}(?![\\w-]|[.,]\\d)")
                        .validator(UsSsn::valid)
                        .score(0.85)
                        .context(SSN_CONTEXT, 0.95)
                        .build(),
                PatternDetector.builder(type)
                        .pattern("(?<![\\w-])\\d{9}(?![\\w-]|[.,]\\d)")
                        .validator(UsSsn::valid)
                        .requireContext(SSN_CONTEXT, 0.8)
                        .build()));
    }
}
