package dev.veil.detectors.nlp;

import dev.veil.detectors.Finding;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Place rules of the name detector, for places the model misses: a country name (a closed list
 * the JDK already knows in English, plus common short forms), and a capitalised place from the
 * gazetteer after a word such as "in" or "from". (The city written just before a country,
 * "Porto, Portugal", was tried too: the city inside a full postal address is scored as part of
 * the street address on the Presidio data, so it cost precision there and gained nothing.)
 *
 * <p>Stateless and thread-safe.
 */
final class Places {

    /** Score of a country name: a closed list, so more certain than the other place rules. */
    static final double COUNTRY_SCORE = 0.75;
    static final double CUED_PLACE_SCORE = 0.65;

    /** Lower-cased country names, each a phrase of words as the tokenizer splits them. */
    private static final Set<String> COUNTRIES;
    /** The first word of each country name, checked before building longer phrases. */
    private static final Set<String> FIRST_WORDS;
    private static final int MAX_WORDS = 4;

    /** Words after which a capitalised place from the gazetteer is taken for a place. */
    private static final Set<String> CUES = Set.of(
            "in", "from", "near", "at", "to", "via", "visit", "visited", "visiting", "across", "around", "outside",
            "towards", "toward", "into", "between");

    static {
        Set<String> names = new HashSet<>();
        for (String code : Locale.getISOCountries()) {
            String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
            // "Myanmar (Burma)", "Congo - Kinshasa", "Hong Kong SAR China": the part before the
            // qualifier is what people write.
            name = name.replaceAll("\\s*[(\\-].*$", "").replace(" SAR China", "");
            names.add(name);
        }
        names.addAll(List.of("USA", "U.S.A.", "UK", "U.K.", "America", "England", "Scotland", "Wales",
                "Northern Ireland", "Great Britain", "Britain", "Holland", "Czech Republic", "Ivory Coast",
                "Burma", "Congo", "Macedonia", "Swaziland", "Turkey", "Greenland", "Korea", "South Korea",
                "North Korea", "United States of America", "Russia", "Vatican", "Palestine", "Kosovo"));
        Set<String> phrases = new HashSet<>();
        Set<String> first = new HashSet<>();
        for (String name : names) {
            List<String> words = List.of(WordTokenizer.tokenize(name).words());
            if (words.isEmpty() || words.size() > MAX_WORDS) {
                continue;
            }
            phrases.add(String.join(" ", words).toLowerCase(Locale.ROOT));
            first.add(words.get(0).toLowerCase(Locale.ROOT));
        }
        COUNTRIES = Set.copyOf(phrases);
        FIRST_WORDS = Set.copyOf(first);
    }

    private Places() {
    }

    /**
     * The number of words of the longest country name starting at {@code from} and ending by
     * {@code limit}, or 0. The first word must be capitalised ("Chad" the country, not "chad").
     */
    static int countryLength(WordFacts facts, String[] words, int from, int limit) {
        if (!isCapitalised(words[from]) || !FIRST_WORDS.contains(facts.lower(from))) {
            return 0;
        }
        int best = COUNTRIES.contains(facts.lower(from)) ? 1 : 0;
        StringBuilder phrase = null;
        for (int n = 2; n <= MAX_WORDS && from + n <= limit; n++) {
            if (phrase == null) {
                phrase = new StringBuilder(facts.lower(from));
            }
            phrase.append(' ').append(facts.lower(from + n - 1));
            if (COUNTRIES.contains(phrase.toString())) {
                best = n;
            }
        }
        return best;
    }

    /** Adds the places of the rules above, in text order; overlaps are resolved by the caller. */
    static void find(WordFacts facts, Tokens tokens, List<Finding> out) {
        String[] words = tokens.words();
        int n = words.length;
        for (int i = 0; i < n; i++) {
            String w = words[i];
            if (!isCapitalised(w)) {
                continue;
            }
            int country = countryLength(facts, words, i, n);
            if (country > 0) {
                // "Jordan Smith", "Dr. Chad": a first name that is also a country.
                boolean person = country == 1 && facts.isFirstName(i)
                        && ((i + 1 < n && isCapitalised(words[i + 1]) && !tokens.lineBreakBefore(i + 1))
                        || (i > 0 && facts.isTitle(i - 1)));
                if (!person) {
                    out.add(new Finding(NameDetector.LOCATION, tokens.starts()[i], tokens.ends()[i + country - 1],
                            COUNTRY_SCORE, NameDetector.ID));
                    i += country - 1;
                    continue;
                }
            }
            if (i > 0 && CUES.contains(words[i - 1]) && isGazetteerPlace(facts, words, i)) {
                int end = i + 1;
                while (end < n && end - i < 3 && isGazetteerPlace(facts, words, end) && !tokens.lineBreakBefore(end)) {
                    end++;
                }
                out.add(new Finding(NameDetector.LOCATION, tokens.starts()[i], tokens.ends()[end - 1], CUED_PLACE_SCORE,
                        NameDetector.ID));
                i = end - 1;
            }
        }
    }

    /** Last words of street names ("Harbour Road", "Annelise Crescent"): the name is a street's. */
    private static final Set<String> STREET_WORDS = Set.of(
            "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "dr", "boulevard", "blvd",
            "way", "court", "courts", "ct", "place", "pl", "square", "sq", "terrace", "crescent", "close",
            "parkway", "pkwy", "highway", "hwy", "bypass", "cove", "coves", "harbor", "harbour", "prairie",
            "radial", "extension", "extensions", "alley", "row", "walk", "gardens", "grove", "heights",
            "hill", "hills", "junction", "landing", "loop", "mews", "path", "pike", "plaza", "point", "points",
            "ridge", "route", "trail", "turnpike", "viaduct", "vista", "wharf", "crossing", "crossroad",
            "squares", "rapids", "union", "ranch", "meadows", "estates", "fork", "forks", "glen", "manor",
            "mill", "mills", "orchard", "pass", "plains", "springs", "summit", "village", "villages", "ville");

    static boolean isStreetWord(String lowerCaseWord) {
        return STREET_WORDS.contains(lowerCaseWord);
    }

    /**
     * A person found alone on a line of a postal address, under a street, "Suite 12" or "Apt. 3"
     * line or above a line that starts with a country, is the city: "Suite 12 / Vellby / Norway".
     * Returns the findings with those relabelled.
     */
    static List<Finding> inAddresses(WordFacts facts, Tokens tokens, List<Finding> found) {
        List<Finding> out = null;
        String[] words = tokens.words();
        int n = words.length;
        int t = 0;
        for (int k = 0; k < found.size(); k++) {
            Finding f = found.get(k);
            if (!NameDetector.PERSON.equals(f.type())) {
                continue;
            }
            while (t < n && tokens.starts()[t] < f.start()) {
                t++;
            }
            int first = t;
            int last = first;
            while (last + 1 < n && tokens.starts()[last + 1] < f.end()) {
                last++;
            }
            if (first >= n || tokens.starts()[first] != f.start() || !startsLine(tokens, first)
                    || (last + 1 < n && !tokens.lineBreakBefore(last + 1))) {
                continue;
            }
            boolean countryBelow = last + 1 < n && countryLength(facts, words, last + 1, n) > 0;
            boolean addressAbove = false;
            if (first > 0) {
                int lineStart = first - 1;
                while (lineStart > 0 && !tokens.lineBreakBefore(lineStart)) {
                    lineStart--;
                }
                String w = facts.lower(lineStart);
                addressAbove = w.equals("suite") || w.equals("apt") || w.equals("unit")
                        || Character.isDigit(words[lineStart].charAt(0)) && first - lineStart >= 2;
            }
            if (countryBelow || addressAbove) {
                if (out == null) {
                    out = new java.util.ArrayList<>(found);
                }
                out.set(k, new Finding(NameDetector.LOCATION, f.start(), f.end(), f.score(), f.detector()));
            }
        }
        return out == null ? found : out;
    }

    /** The word starts its line, after any quote marks or bullets ("> Vellby"). */
    private static boolean startsLine(Tokens tokens, int i) {
        int k = i;
        while (k > 0 && !tokens.lineBreakBefore(k) && !Character.isLetterOrDigit(tokens.words()[k - 1].codePointAt(0))) {
            k--;
        }
        return k == 0 || tokens.lineBreakBefore(k);
    }

    private static boolean isGazetteerPlace(WordFacts facts, String[] words, int i) {
        String w = words[i];
        return isCapitalised(w) && w.length() > 2 && facts.isPlace(i) && !facts.isOrdinaryWord(i) && !facts.isName(i);
    }

    private static boolean isCapitalised(String word) {
        int cp = word.codePointAt(0);
        return Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }
}
