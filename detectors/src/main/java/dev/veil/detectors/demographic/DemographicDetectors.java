package dev.veil.detectors.demographic;

import dev.veil.detectors.Detector;
import java.util.List;

/** The detectors of this package, as the standard set runs them. */
public final class DemographicDetectors {

    private DemographicDetectors() {
    }

    /** The age detector and the special-categories detector, in a stable order. */
    public static List<Detector> all() {
        return List.of(new AgeDetector(), SpecialCategories.standard());
    }
}
