package dev.veil.detectors;

import java.util.List;

/** The detectors Veil runs by default, in a stable order. */
final class StandardDetectors {

    private StandardDetectors() {
    }

    static List<Detector> all() {
        return List.of();
    }
}
