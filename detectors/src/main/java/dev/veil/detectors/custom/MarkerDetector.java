package dev.veil.detectors.custom;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Confidentiality markers: the words people put on a document to say it must not leave
 * ("CONFIDENTIAL", "INTERNAL ONLY", "attorney-client privileged", "do not distribute").
 * A marker in capitals, as on a header or stamp, scores higher than the same word in a
 * sentence ("keep this confidential").
 *
 * <p>Immutable and thread-safe.
 */
public final class MarkerDetector implements Detector {

    public static final String TYPE = "marker.confidential";

    /** Phrases that mark a document; each is matched on word boundaries, any case. */
    public static final List<String> PHRASES = List.of(
            "confidential", "strictly confidential", "highly confidential", "company confidential",
            "private and confidential", "privileged and confidential", "confidential and proprietary",
            "proprietary and confidential", "proprietary", "internal only", "internal use only",
            "for internal use only", "internal-only", "not for external distribution", "not for distribution",
            "do not distribute", "do not forward", "do not share", "restricted", "restricted distribution",
            "attorney-client privileged", "attorney-client privilege", "attorney client privileged",
            "attorney client privilege", "privileged communication", "legally privileged", "attorney work product",
            "trade secret", "top secret", "secret//noforn", "classified", "need to know", "under nda",
            "subject to nda", "embargoed", "tlp:red", "tlp:amber", "vertraulich", "streng vertraulich",
            "nur für den internen gebrauch", "confidentiel", "strictement confidentiel", "confidencial",
            "riservato");

    private static final List<String> WEAK = List.of("proprietary", "restricted", "classified", "need to know",
            "confidential", "do not share", "do not forward");

    private final AhoCorasick matcher = new AhoCorasick(PHRASES, true, true);

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
        List<Finding> findings = new ArrayList<>();
        for (AhoCorasick.Match m : matcher.find(text)) {
            String found = text.substring(m.start(), m.end());
            boolean shouted = found.equals(found.toUpperCase(Locale.ROOT)) && !found.equals(found.toLowerCase(Locale.ROOT));
            boolean weak = WEAK.contains(PHRASES.get(m.term()));
            double score = shouted ? 0.95 : weak ? 0.5 : 0.8;
            findings.add(new Finding(TYPE, m.start(), m.end(), score, TYPE));
        }
        return findings;
    }

    @Override
    public String toString() {
        return "MarkerDetector";
    }
}
