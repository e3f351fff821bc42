package dev.veil.detectors;

import dev.veil.detectors.pattern.ContactDetectors;
import dev.veil.detectors.pattern.FinancialDetectors;
import dev.veil.detectors.pattern.GovIdDetectors;
import dev.veil.detectors.secret.SecretDetectors;
import java.util.List;

/** The detectors Veil runs by default, in a stable order. */
final class StandardDetectors {

    private StandardDetectors() {
    }

    static List<Detector> all() {
        return List.of(
                ContactDetectors.email(),
                FinancialDetectors.paymentCard(),
                GovIdDetectors.usSsn(),
                SecretDetectors.awsAccessKeyId(),
                SecretDetectors.privateKey());
    }
}
