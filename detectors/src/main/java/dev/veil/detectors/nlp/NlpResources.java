package dev.veil.detectors.nlp;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * Loads the shipped models and word lists once per JVM, on first use. The model objects, and the
 * topic weights read from the topic model, are immutable after loading and shared by every
 * thread.
 */
final class NlpResources {

    static final String NAMES_MODEL = "names.bin";
    static final String TOPICS_MODEL = "topics.bin";
    static final String GAZETTEER = "gazetteer.txt.gz";

    private NlpResources() {
    }

    static TokenNameFinderModel names() {
        return Holder.NAMES;
    }

    static DoccatModel topics() {
        return TopicsHolder.TOPICS;
    }

    /** The shipped topic model's weights, read once and shared by every topic detector. */
    static TopicClassifier topicClassifier() {
        return TopicClassifierHolder.VALUE;
    }

    static Gazetteer gazetteer() {
        return GazetteerHolder.VALUE;
    }

    // Separate holders so that a topics-only user never loads the name model and vice versa.
    private static final class Holder {
        static final TokenNameFinderModel NAMES = load(NAMES_MODEL, TokenNameFinderModel::new);
    }

    private static final class TopicsHolder {
        static final DoccatModel TOPICS = load(TOPICS_MODEL, DoccatModel::new);
    }

    private static final class TopicClassifierHolder {
        static final TopicClassifier VALUE = TopicClassifier.of(TopicsHolder.TOPICS);
    }

    private static final class GazetteerHolder {
        static final Gazetteer VALUE = load(NlpResources.GAZETTEER, NlpResources::readGazetteer);
    }

    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> T load(String name, Reader<T> reader) {
        try (InputStream raw = NlpResources.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new IllegalStateException("NLP resource missing from the classpath: " + name
                        + " (train it with the models module, see docs/models.md)");
            }
            return reader.read(new BufferedInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load NLP resource " + name, e);
        }
    }

    private static Gazetteer readGazetteer(InputStream in) throws IOException {
        Set<String> first = new HashSet<>();
        Set<String> last = new HashSet<>();
        Set<String> places = new HashSet<>();
        Set<String> common = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            Set<String> current = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty()) {
                    continue;
                }
                switch (line) {
                    case "#first" -> current = first;
                    case "#last" -> current = last;
                    case "#places" -> current = places;
                    case "#common" -> current = common;
                    default -> {
                        if (current == null) {
                            throw new IOException("gazetteer entry before a section header");
                        }
                        current.add(line);
                    }
                }
            }
        }
        return new Gazetteer(first, last, places, common);
    }
}
