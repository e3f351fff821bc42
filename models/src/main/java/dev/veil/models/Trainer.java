package dev.veil.models;

import dev.veil.detectors.nlp.Tokens;
import dev.veil.detectors.nlp.WordTokenizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the name finder and the topic categorizer from generated text and writes them, with
 * the gazetteer, into an output folder. Deterministic for a given seed and settings (training
 * runs on one thread so that the result does not depend on scheduling).
 */
final class Trainer {

    /** Settings of one training run; the defaults are the ones the shipped models were made with. */
    record Settings(long seed, int nameDocuments, int topicDocuments, String nameAlgorithm, int nameIterations,
            int nameCutoff, int beamSize, int topicIterations, int perLocale) {

        static Settings defaults(long seed) {
            return new Settings(seed, 15_000, 12_000, "MAXENT", 100, 3, 1, 100, 300);
        }
    }

    private final Settings settings;
    private final PrintStream log;

    Trainer(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    void trainAll(Path out) throws IOException {
        trainAll(out, true, true);
    }

    void trainAll(Path out, boolean withNames, boolean withTopics) throws IOException {
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        EntityPools pools = EntityPools.build(settings.seed(), settings.perLocale());
        log.printf(Locale.ROOT, "pools: %d first names, %d last names, %d cities, %d countries, %d companies, %d look-alikes (%.1f s)%n",
                pools.firstNames.size(), pools.lastNames.size(), pools.cities.size(), pools.countries.size(),
                pools.companies.size(), pools.products.size(), seconds(t0));
        writeGazetteer(pools, out.resolve("gazetteer.txt.gz"));
        if (withNames) {
            TokenNameFinderModel names = trainNames(pools);
            write(out.resolve("names.bin"), names::serialize);
        }
        if (withTopics) {
            DoccatModel topics = trainTopics(pools);
            write(out.resolve("topics.bin"), topics::serialize);
        }
        log.printf(Locale.ROOT, "done in %.1f s%n", seconds(t0));
    }

    TokenNameFinderModel trainNames(EntityPools pools) throws IOException {
        long t0 = System.nanoTime();
        NameSampleGenerator generator = new NameSampleGenerator(pools, settings.seed() + 1);
        List<NameSample> samples = new ArrayList<>();
        for (int i = 0; i < settings.nameDocuments(); i++) {
            samples.addAll(NameSampleGenerator.toSamples(generator.document()));
        }
        log.printf(Locale.ROOT, "name finder: %d segments from %d documents%n", samples.size(), settings.nameDocuments());
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, settings.nameAlgorithm());
        params.put(TrainingParameters.ITERATIONS_PARAM, settings.nameIterations());
        params.put(TrainingParameters.CUTOFF_PARAM, settings.nameCutoff());
        params.put(TrainingParameters.THREADS_PARAM, 1);
        // Stored in the model; the decoder keeps this many candidate label sequences per token.
        params.put("BeamSize", settings.beamSize());
        TokenNameFinderFactory factory = new TokenNameFinderFactory(featureXml(), Map.of(), new BioCodec());
        TokenNameFinderModel model = NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params, factory);
        log.printf(Locale.ROOT, "name finder trained in %.1f s%n", seconds(t0));
        return model;
    }

    DoccatModel trainTopics(EntityPools pools) throws IOException {
        long t0 = System.nanoTime();
        TopicSampleGenerator generator = new TopicSampleGenerator(pools, settings.seed() + 2);
        List<DocumentSample> samples = new ArrayList<>();
        for (int i = 0; i < settings.topicDocuments(); i++) {
            TopicSampleGenerator.TopicDocument d = generator.document();
            samples.add(new DocumentSample(d.category(), topicWords(d.text())));
        }
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
        params.put(TrainingParameters.ITERATIONS_PARAM, settings.topicIterations());
        params.put(TrainingParameters.CUTOFF_PARAM, 2);
        params.put(TrainingParameters.THREADS_PARAM, 1);
        DoccatFactory factory = new DoccatFactory(new FeatureGenerator[] {
            new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator(2, 2)});
        DoccatModel model = DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(samples), params, factory);
        log.printf(Locale.ROOT, "topic categorizer: %d documents, trained in %.1f s%n", samples.size(), seconds(t0));
        return model;
    }

    /** The words the topic detector gives the categorizer: lower-cased tokens that start with a letter. */
    static String[] topicWords(String text) {
        Tokens tokens = WordTokenizer.tokenize(text);
        List<String> words = new ArrayList<>();
        for (String w : tokens.words()) {
            if (Character.isLetter(w.codePointAt(0))) {
                words.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return words.toArray(new String[0]);
    }

    static byte[] featureXml() throws IOException {
        try (InputStream in = Trainer.class.getResourceAsStream("name-features.xml")) {
            if (in == null) {
                throw new IOException("name-features.xml missing from the models jar");
            }
            return in.readAllBytes();
        }
    }

    private void writeGazetteer(EntityPools pools, Path file) throws IOException {
        Set<String> first = lowerWords(pools.firstNames);
        Set<String> last = lowerWords(pools.lastNames);
        List<String> placeNames = new ArrayList<>(pools.cities);
        placeNames.addAll(pools.countries);
        placeNames.addAll(pools.regions);
        Set<String> places = lowerWords(placeNames);
        Set<String> common = commonWords(pools);
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            section(w, "#first", first);
            section(w, "#last", last);
            section(w, "#places", places);
            section(w, "#common", common);
        }
        log.printf(Locale.ROOT, "gazetteer: %d first, %d last, %d place, %d common words%n", first.size(), last.size(),
                places.size(), common.size());
    }

    /**
     * Ordinary English words: Datafaker's word lists, the words of Veil's own templates, and the
     * look-alike terms. The detector drops a one-word name that is one of these ("Can", "Desk").
     */
    private static Set<String> commonWords(EntityPools pools) {
        Set<String> out = new TreeSet<>(CommonWords.SET);
        List<String> texts = new ArrayList<>(pools.commonWords);
        texts.addAll(NameTemplates.WITH_ENTITIES);
        texts.addAll(NameTemplates.WITHOUT_ENTITIES);
        TopicTemplates.BY_TOPIC.values().forEach(texts::addAll);
        texts.addAll(EntityPools.CAPITALISED_WORDS);
        texts.addAll(EntityPools.TECH_TERMS);
        texts.addAll(EntityPools.DAYS);
        texts.addAll(EntityPools.MONTHS);
        texts.addAll(pools.nationalities);
        texts.addAll(pools.jobTitles);
        for (String t : texts) {
            for (String w : WordTokenizer.tokenize(t.replaceAll("\\{[A-Z]+}", " ")).words()) {
                if (Character.isLetter(w.codePointAt(0))) {
                    out.add(w.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** Single words only, lower-cased, without common English words that happen to be names. */
    private static Set<String> lowerWords(List<String> values) {
        Set<String> out = new TreeSet<>();
        for (String v : values) {
            for (String w : WordTokenizer.tokenize(v).words()) {
                String lower = w.toLowerCase(Locale.ROOT);
                if (lower.length() > 1 && Character.isLetter(lower.codePointAt(0)) && !CommonWords.SET.contains(lower)) {
                    out.add(lower);
                }
            }
        }
        return out;
    }

    private static void section(Writer w, String header, Set<String> words) throws IOException {
        w.write(header);
        w.write('\n');
        for (String s : words) {
            w.write(s);
            w.write('\n');
        }
    }

    private interface Serializer {
        void write(OutputStream out) throws IOException;
    }

    private void write(Path file, Serializer serializer) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            serializer.write(out);
        }
        log.printf(Locale.ROOT, "wrote %s (%d bytes)%n", file.getFileName(), Files.size(file));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
