package dev.veil.detectors.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;

class NameTaggerTest {

    private static final TokenNameFinderModel MODEL = NlpResources.names();

    /** Varied shapes: prose, titles, lists, addresses, code, odd scripts, repeated words (adaptive feature). */
    private static final List<String> TEXTS = List.of(
            "Please forward the quarterly figures to Marguerite Okonkwo before Friday. Marguerite will reply.",
            "Yesterday Dr. Halvorsen reviewed the scan at St. Olav Hospital in Trondheim, Norway.",
            "Attendees: Anna-Marie O'Brien, Jean-Pierre Dubois, Zoë Ψαρρά and 李小龍.\nNext: ACME Ltd. and Brightwater Logistics Inc.",
            "def send(user):\n    return mail(to=\"Priya Raman\", cc='ops@example.com')  # TODO ask Kowalski",
            "Hi Tomasz,\nthe shipment from Rotterdam to São Paulo left on 3.14 at 10:45.\nBest,\nIngrid Svensson\nHead of Sales, Norrland Bank AB",
            "i met maria gonzalez in bogotá last week and Maria said the Bank of America branch closed 😀 İstanbul ΣΑΣ",
            "THE CEO OF FOLKSAM, KARIN LINDQVIST, VISITED OSLO. Karin Lindqvist then flew to Oslo again.",
            "Customer Support Group, Release Notes, Action Items: Kubernetes, PostgreSQL, S3 and EKS were upgraded.");

    @Test
    void tag_everyPosition_givesTheSameNamesAndProbabilitiesAsNameFinderME() {
        NameTagger tagger = new NameTagger(MODEL);
        NameFinderME reference = new NameFinderME(MODEL);
        int names = 0;
        for (String text : TEXTS) {
            Tokens tokens = WordTokenizer.tokenize(text);
            int[] bounds = Sentences.split(tokens);
            NameTagger.Document document = tagger.newDocument(tokens.words());
            for (int k = 0; k + 1 < bounds.length; k++) {
                int from = bounds[k];
                int to = bounds[k + 1];
                String[] segment = Arrays.copyOfRange(tokens.words(), from, to);
                Span[] expected = reference.find(segment);
                boolean[] all = new boolean[to - from];
                Arrays.fill(all, true);
                document.tag(from, to, all);
                List<String> actual = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    if (document.begins(i)) {
                        int end = i + 1;
                        double sum = document.prob(i);
                        while (end < to && document.continues(end)) {
                            sum += document.prob(end++);
                        }
                        actual.add(describe(tagger.typeName(document.type(i)), i - from, end - from, sum / (end - i)));
                    }
                }
                List<String> wanted = new ArrayList<>();
                for (Span s : expected) {
                    wanted.add(describe(s.getType(), s.getStart(), s.getEnd(), s.getProb()));
                }
                assertEquals(wanted, actual, () -> "segment: " + String.join(" ", segment));
                names += wanted.size();
            }
            reference.clearAdaptiveData();
        }
        assertTrue(names >= 10, "the texts must hold names for the comparison to mean something: " + names);
    }

    private static String describe(String type, int start, int end, double prob) {
        return type + "[" + start + "," + end + ")" + String.format("%.9f", prob);
    }
}
