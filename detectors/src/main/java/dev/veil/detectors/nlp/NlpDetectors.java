package dev.veil.detectors.nlp;

import dev.veil.detectors.Detector;
import java.util.List;

/** The NLP detectors Veil ships, ready to add to the standard detector set. */
public final class NlpDetectors {

    private NlpDetectors() {
    }

    /**
     * A name detector and a topic detector using the shipped models. Loading the models takes
     * about a second the first time; later calls share them.
     *
     * @throws IllegalStateException if a model is missing from the classpath
     */
    public static List<Detector> all() {
        return List.of(new NameDetector(), new TopicDetector());
    }

    /**
     * The shipped gazetteer (first names, last names, places, ordinary English words), for other
     * detectors' context rules. Loaded once per JVM on first use and shared; thread-safe.
     */
    public static Gazetteer gazetteer() {
        return NlpResources.gazetteer();
    }
}
