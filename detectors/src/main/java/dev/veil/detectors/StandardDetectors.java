package dev.veil.detectors;

import dev.veil.detectors.custom.MarkerDetector;
import dev.veil.detectors.demographic.DemographicDetectors;
import dev.veil.detectors.nlp.NlpDetectors;
import dev.veil.detectors.pattern.FinancialDetectors;
import dev.veil.detectors.pattern.GovIdDetectors;
import dev.veil.detectors.pattern.NetworkDetectors;
import dev.veil.detectors.pattern.PhoneDetector;
import dev.veil.detectors.pattern.PiiDetectors;
import dev.veil.detectors.secret.SecretDetectors;
import java.util.ArrayList;
import java.util.List;

/** The detectors Veil runs by default, in a stable order. */
final class StandardDetectors {

    private StandardDetectors() {
    }

    static List<Detector> all() {
        return all(PhoneDetector.DEFAULT_REGIONS);
    }

    static List<Detector> all(List<String> phoneRegions) {
        List<Detector> all = new ArrayList<>();
        all.add(PiiDetectors.email());
        all.add(new PhoneDetector(phoneRegions));
        all.add(PiiDetectors.streetAddress());
        all.add(PiiDetectors.dateOfBirth());
        all.addAll(DemographicDetectors.all());
        all.addAll(FinancialDetectors.all());
        all.addAll(GovIdDetectors.all());
        all.addAll(NetworkDetectors.all());
        all.addAll(SecretDetectors.all());
        all.add(new MarkerDetector());
        all.addAll(NlpDetectors.all());
        return List.copyOf(all);
    }
}
