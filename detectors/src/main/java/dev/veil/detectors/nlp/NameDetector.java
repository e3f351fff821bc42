package dev.veil.detectors.nlp;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * Finds person, location and organization names ({@code pii.person}, {@code pii.location},
 * {@code pii.organization}) with Veil's trained OpenNLP name finder, plus context rules for what
 * the model misses: a title such as "Dr." or "Mrs." before a capitalised word, a name given after
 * "my name is" or in a "Name:" field, greetings, employers, organization suffixes, known first
 * names; place rules ({@link Places}: countries, cued gazetteer places, the city line of an
 * address) and document rules ({@link Mentions}: a name found once is found where it comes again,
 * chat speakers, lists of first names). docs/detectors.md lists each rule.
 *
 * <p>Thread-safe: the model is shared and read-only; the per-text state of the decoder
 * ({@link NameTagger}) is made for each call.
 */
public final class NameDetector implements Detector {

    public static final String ID = "nlp-names";
    public static final String PERSON = "pii.person";
    public static final String LOCATION = "pii.location";
    public static final String ORGANIZATION = "pii.organization";

    /** Spans the model is less sure of than this are dropped (chosen on generated held-out text). */
    static final double DEFAULT_MIN_SCORE = 0.5;

    /** Words that end an organization's name ("Harwick Supplies Ltd", "Norrland Bank"). */
    private static final Set<String> ORGANIZATION_SUFFIXES = Set.of(
            "inc", "ltd", "llc", "llp", "plc", "gmbh", "ag", "corp", "corporation", "co", "company", "group",
            "holdings", "bank", "foundation", "associates", "partners", "technologies", "systems", "labs",
            "solutions", "industries", "enterprises", "consulting", "sa", "s.a", "bv", "b.v", "oy", "ab", "as",
            "kg", "srl", "spa", "s.p.a", "pty", "limited", "university", "institute", "hospital", "clinic", "capital", "investments",
            "insurance", "airlines", "airways", "pharmaceuticals", "motors", "logistics", "ventures", "orchestra",
            "healthcare", "lending", "sons", "brothers", "bros");

    /**
     * Interjections and forum words that start many chat lines capitalised ("Yeah, ...", "Edit:",
     * "Lol") and are in no word list: never a name on their own.
     */
    private static final Set<String> INTERJECTIONS = Set.of(
            "ah", "aha", "aw", "aww", "bah", "btw", "congrats", "edit", "eh", "fwiw", "fyi", "ha", "haha", "hah",
            "hahaha", "heh", "hehe", "hey", "hi", "hm", "hmm", "hmmm", "huh", "imo", "imho", "lmao", "lmk", "lol",
            "meh", "nah", "nope", "oh", "ok", "okay", "omg", "oops", "ps", "rofl", "smh", "sorry", "tbh", "thx",
            "tl", "tldr", "ugh", "uh", "um", "umm", "update", "wow", "woah", "whoa", "yay", "yeah", "yep", "yes",
            "yo", "yup");

    /** Words before a capitalised word that make it a person's name: greetings and naming verbs. */
    private static final Set<String> CUES = Set.of("hi", "hello", "hey", "dear", "thanks", "named", "called", "says", "said");

    private static final Set<String> OBJECT_PRONOUNS = Set.of("him", "her", "them", "it", "me", "us");

    /** Verbs before "for", "at" or "by" and the employer's name. */
    private static final Set<String> EMPLOYMENT = Set.of(
            "work", "works", "worked", "working", "employed", "hired", "contracted", "intern", "interned");

    /** Words before "name is" or "name:" that say the name is a person's. */
    private static final Set<String> NAME_OWNERS = Set.of(
            "my", "his", "her", "their", "your", "maiden", "last", "first", "full", "given", "family", "middle",
            "legal", "birth", "patient", "customer", "client", "contact", "holder", "employee", "applicant", "nick");

    /** Words of a postal address that end a name written before it ("Mrs. Ana Lima Apt. 5"). */
    private static final Set<String> NOT_NAME_PARTS = Set.of(
            "apt", "suite", "unit", "flat", "floor", "room", "box", "street", "road", "avenue", "lane", "drive");

    private static final Set<String> TITLES = Set.of(
            "mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "sir", "dame", "madam");

    /** The rules' word lists, looked up with the gazetteer's words in one table. */
    static final Map<String, Integer> RULE_WORDS = ruleWords();

    private static Map<String, Integer> ruleWords() {
        Map<String, Integer> m = new HashMap<>();
        TITLES.forEach(w -> m.merge(w, WordFacts.TITLE, (a, b) -> a | b));
        CUES.forEach(w -> m.merge(w, WordFacts.CUE, (a, b) -> a | b));
        ORGANIZATION_SUFFIXES.forEach(w -> m.merge(w, WordFacts.ORGANIZATION_SUFFIX, (a, b) -> a | b));
        INTERJECTIONS.forEach(w -> m.merge(w, WordFacts.INTERJECTION, (a, b) -> a | b));
        EMPLOYMENT.forEach(w -> m.merge(w, WordFacts.EMPLOYMENT, (a, b) -> a | b));
        return Map.copyOf(m);
    }

    private final NameTagger tagger;
    private final WordFacts.Index words;
    private final double minScore;
    /** Evaluate the model at every word (for tests that compare with candidate-only decoding). */
    private final boolean allPositions;

    public NameDetector() {
        this(NlpResources.names(), NlpResources.gazetteer(), DEFAULT_MIN_SCORE);
    }

    /** The shipped model and gazetteer with another score threshold (e.g. for a precision/recall sweep). */
    public NameDetector(double minScore) {
        this(NlpResources.names(), NlpResources.gazetteer(), minScore);
    }

    /**
     * A detector with another model and gazetteer.
     *
     * @throws IllegalArgumentException if the model is not a BIO maxent name finder trained with
     *     Veil's feature descriptor (see {@link NameTagger}), or minScore is outside [0, 1]
     */
    public NameDetector(TokenNameFinderModel model, Gazetteer gazetteer, double minScore) {
        this(model, gazetteer, minScore, false);
    }

    NameDetector(TokenNameFinderModel model, Gazetteer gazetteer, double minScore, boolean allPositions) {
        this.tagger = new NameTagger(requireNonNull(model, "model"));
        this.words = new WordFacts.Index(requireNonNull(gazetteer, "gazetteer"));
        this.allPositions = allPositions;
        if (!(minScore >= 0.0 && minScore <= 1.0)) {
            throw new IllegalArgumentException("minScore must be within [0, 1]: " + minScore);
        }
        this.minScore = minScore;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> types() {
        return List.of(PERSON, LOCATION, ORGANIZATION);
    }

    @Override
    public List<Finding> detect(String text) {
        requireNonNull(text, "text");
        return detect(WordTokenizer.tokenize(text));
    }

    /** The name and topic detectors share one tokenization of each scanned text. */
    @Override
    public List<Finding> detect(ScanText text) {
        return detect(text.derived(Tokens.class, WordTokenizer::tokenize));
    }

    private List<Finding> detect(Tokens tokens) {
        if (tokens.size() == 0) {
            return List.of();
        }
        List<Finding> strong = new ArrayList<>();
        List<Finding> model = new ArrayList<>();
        List<Finding> places = new ArrayList<>();
        List<Finding> weak = new ArrayList<>();
        int[] bounds = Sentences.split(tokens);
        NameTagger.Document document = tagger.newDocument(tokens.words());
        WordFacts facts = new WordFacts(words, tokens.words());
        for (int k = 0; k + 1 < bounds.length; k++) {
            int from = bounds[k];
            int to = bounds[k + 1];
            decodeCandidates(document, facts, tokens, from, to, model);
            applyRules(facts, tokens, from, to, strong, weak);
        }
        Places.find(facts, tokens, places);
        List<Finding> kept = Places.inAddresses(facts, tokens, resolveOverlaps(List.of(strong, model, places, weak)));
        List<Finding> more = Mentions.repeated(facts, tokens, kept);
        List<Finding> all = Joins.joined(facts, tokens, more.isEmpty() ? kept : resolveOverlaps(List.of(kept, more)));
        return withoutLoneTitles(tokens, all);
    }

    /** Words before a candidate word at which the model is also asked whether a name starts. */
    static final int LOOKAHEAD = 2;

    /**
     * Runs the model only where a name can start: at candidate words (capitalised words that are
     * not ordinary English words, and known names and places in lower case) and the {@value #LOOKAHEAD}
     * words before each ("Bank of America"), and then for as long as a name goes on. Every
     * position still sees its whole segment as context. A segment without candidates (lower-case
     * prose, code, logs, "The" and "I" at a sentence start) costs no model evaluation.
     */
    private void decodeCandidates(NameTagger.Document document, WordFacts facts, Tokens tokens, int from, int to, List<Finding> out) {
        String[] words = tokens.words();
        boolean[] evaluate = null;
        boolean start = true;
        for (int i = from; i < to; i++) {
            boolean first = start && Character.isLetter(words[i].codePointAt(0));
            start &= !first;
            if (allPositions || isCandidate(facts, words, i, first)) {
                if (evaluate == null) {
                    evaluate = new boolean[to - from];
                }
                for (int j = Math.max(from, i - LOOKAHEAD); j <= i; j++) {
                    evaluate[j - from] = true;
                }
            }
        }
        if (evaluate == null) {
            document.skip(from, to);
            return;
        }
        document.tag(from, to, evaluate);
        for (int i = from; i < to; i++) {
            if (!document.begins(i)) {
                continue;
            }
            int end = i + 1;
            double sum = document.prob(i);
            while (end < to && document.continues(end)) {
                sum += document.prob(end);
                end++;
            }
            double score = sum / (end - i);
            String type = findingType(tagger.typeName(document.type(i)));
            if (score < minScore || type == null || implausible(facts, words, i, end, type)) {
                continue;
            }
            if (!ORGANIZATION.equals(type) && Places.countryLength(facts, words, i, end) == end - i) {
                // "Finland", "New Zealand": a country is a place whatever the context suggested.
                type = LOCATION;
            }
            if (PERSON.equals(type) && end == i + 1 && isDoubleSurname(facts, words, from, i)) {
                type = ORGANIZATION;
            }
            if (ORGANIZATION.equals(type) && isLoneFirstName(facts, words, i, end)) {
                type = PERSON;
            }
            if (PERSON.equals(type)) {
                addPersonParts(facts, tokens, i, end, Math.min(1.0, score), out);
            } else {
                out.add(new Finding(type, tokens.starts()[i], tokens.ends()[end - 1], Math.min(1.0, score), ID));
            }
        }
    }

    /**
     * Adds a person span of the model, cut at commas: "Wilma, Anselm" in a list is two people. The
     * one exception is "Okafor, Ngozi", a known last name alone before the comma (a name written
     * last name first).
     */
    private static void addPersonParts(WordFacts facts, Tokens tokens, int from, int to, double score, List<Finding> out) {
        String[] words = tokens.words();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i < to && !words[i].equals(",")) {
                continue;
            }
            boolean lastNameFirst = i < to && i == start + 1 && facts.isLastName(start) && !facts.isFirstName(start)
                    && i + 2 >= to;
            if (lastNameFirst) {
                continue;
            }
            if (i > start) {
                out.add(new Finding(PERSON, tokens.starts()[start], tokens.ends()[i - 1], score, ID));
            }
            start = i + 1;
        }
    }

    private static boolean isCandidate(WordFacts facts, String[] words, int i, boolean first) {
        String w = words[i];
        int cp = w.codePointAt(0);
        if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
            if (facts.isCommonWord(i)) {
                return false;
            }
            // An English word that is no name, capitalised because it starts the sentence
            // ("Summarise", "Explain") or written in capitals (SQL keywords, log levels, headings):
            // no name starts there, and prompts and code are full of them.
            return !((first || (w.length() > 1 && isAllCaps(w))) && facts.isDictionaryWord(i));
        }
        return Character.isLowerCase(cp) && w.length() > 2
                && (facts.isName(i) || (facts.isPlace(i) && !facts.isCommonWord(i)));
    }

    /**
     * Vetoes two kinds of model error seen on generated held-out text: a lower-case word the
     * gazetteer does not know ("account", "sadly"), and ordinary words only ("Can", "Could I").
     */
    private static boolean implausible(WordFacts facts, String[] words, int from, int to, String type) {
        if (to == from + 1 && facts.isInterjection(from)) {
            return true;
        }
        if (!LOCATION.equals(type) && ((to - from >= 2 && Places.isStreetWord(facts.lower(to - 1)) && !facts.isLastName(to - 1))
                || (to < words.length && isCapitalised(words[to]) && Places.isStreetWord(facts.lower(to))
                && !facts.isLastName(to)))) {
            // "Annelise Crescent", "Oswin Bypass": a street, not a person or a company, nor is a
            // part of it ("Imogen Hill" is a person: Hill is a surname too).
            return true;
        }
        boolean allLower = true;
        for (int i = from; i < to; i++) {
            if (!Character.isLowerCase(words[i].codePointAt(0))) {
                allLower = false;
                break;
            }
        }
        if (allLower) {
            for (int i = from; i < to; i++) {
                String w = words[i];
                boolean known = LOCATION.equals(type) ? facts.isPlace(i) || facts.isName(i) : facts.isName(i);
                if (!known && Character.isLetter(w.codePointAt(0))) {
                    return true;
                }
            }
        }
        // Only ordinary words (and punctuation): "Can", "Could I", "Don't". For a person, any
        // ordinary English noun or adjective counts too ("Gravel", "Gratitude"); an organization
        // is often named with such words ("Capital Cube"), so for it only the gazetteer's list does.
        boolean person = PERSON.equals(type);
        for (int i = from; i < to; i++) {
            String w = words[i];
            if (Character.isLetterOrDigit(w.codePointAt(0)) && !(person ? facts.isPlainWord(i) : facts.isCommonWord(i))) {
                return false;
            }
        }
        return true;
    }

    private static String findingType(String modelType) {
        if (modelType == null) {
            return null;
        }
        return switch (modelType) {
            case "person" -> PERSON;
            case "location" -> LOCATION;
            case "organization" -> ORGANIZATION;
            default -> null;
        };
    }

    /**
     * Context rules. A title or "my name is" before a name is strong evidence and goes to
     * {@code strong}; a first name from the gazetteer (and the capitalised words after it) goes
     * to {@code weak}, used only where the model found nothing.
     */
    private void applyRules(WordFacts facts, Tokens tokens, int from, int to, List<Finding> strong, List<Finding> weak) {
        String[] words = tokens.words();
        for (int i = from; i < to; i++) {
            // "Brightwater Logistics Inc.": the last of several suffixes ends the name.
            if (facts.isOrganizationSuffix(i) && isCapitalised(words[i])
                    && !(i + 1 < to && isCapitalised(words[i + 1]) && facts.isOrganizationSuffix(i + 1))) {
                organizationBefore(facts, tokens, from, to, i, strong);
            }
            int next = -1;
            double score = 0;
            if (facts.isTitle(i) && Character.isUpperCase(words[i].codePointAt(0))) {
                next = i + 1;
                if (next < to && words[next].equals(".")) {
                    next++;
                }
                score = 0.85;
                if (next < to && !isCapitalised(words[next])) {
                    next = -1;
                }
            } else if (i + 1 < to && (words[i + 1].equals(":") || words[i + 1].length() == 2)
                    && isNameField(facts, words, from, to, i)) {
                next = i + 2;
                score = 0.9;
                // "my name is rosalind": in lower case, a word of letters that is no ordinary word.
                if (next < to && !isCapitalised(words[next]) && !facts.isFirstName(next)
                        && (facts.isOrdinaryWord(next) || facts.isPlace(next) || !isLetters(words[next]))) {
                    next = -1;
                }
            } else if (i + 2 < to && isCapitalised(words[i + 2]) && facts.isCue(i) && OBJECT_PRONOUNS.contains(words[i + 1])
                    && (words[i].equalsIgnoreCase("named") || words[i].equalsIgnoreCase("called")) && isCapitalised(words[i + 2])
                    && !facts.isCommonWord(i + 2)) {
                // "She named him Rufus".
                next = i + 2;
                score = 0.8;
            } else if (i + 1 < to && isCapitalised(words[i + 1]) && facts.isCue(i)
                    && !facts.isTitle(i + 1) && !facts.isCommonWord(i + 1)
                    && Character.isLetter(words[i + 1].codePointAt(0)) && !isAllCaps(words[i + 1])) {
                // "Hi Anders,", "Dear Ngozi", "a girl named Ilse", "he is called Tamas": a weak
                // rule, used only where the model found nothing.
                int end = i + 1;
                while (end < to && end - i <= 3 && isNamePart(facts, words, end, end == i + 1, false)) {
                    end++;
                }
                weak.add(new Finding(PERSON, tokens.starts()[i + 1], tokens.ends()[end - 1], 0.7, ID));
                i = end - 1;
                continue;
            }
            if (next < 0 && i + 2 < to && isCapitalised(words[i + 2]) && facts.isEmployment(i)
                    && (words[i + 1].equals("for") || words[i + 1].equals("at") || words[i + 1].equals("by"))) {
                int end = organizationAfter(facts, words, i + 2, to);
                if (end > i + 2) {
                    // Stronger than the model, which often takes a one-off company name for a person.
                    strong.add(new Finding(ORGANIZATION, tokens.starts()[i + 2], tokens.ends()[end - 1], 0.65, ID));
                    i = end - 1;
                    continue;
                }
            }
            if (next < 0 && isDoubleSurname(facts, words, from, i)) {
                weak.add(new Finding(ORGANIZATION, tokens.starts()[i], tokens.ends()[i], 0.6, ID));
                continue;
            }
            if (next < 0 && isKnownFirstName(facts, words, i, to)) {
                int end = i + 1;
                while (end < to && end - i < 3 && isSurname(facts, words, end, Character.isLowerCase(words[i].codePointAt(0)))) {
                    end++;
                }
                boolean alone = end == i + 1;
                boolean street = (!alone && Places.isStreetWord(facts.lower(end - 1)) && !facts.isLastName(end - 1))
                        || (end < to && isCapitalised(words[end]) && Places.isStreetWord(facts.lower(end)));
                if (street) {
                    i = end - 1;
                    continue;
                }
                // A first name on its own is weaker evidence, and some are also places ("Georgia")
                // or ordinary words ("Princess", "Gratitude").
                if (!alone || (!facts.isPlace(i) && !facts.isOrdinaryWord(i)
                        && Character.isUpperCase(words[i].codePointAt(0)))) {
                    weak.add(new Finding(PERSON, tokens.starts()[i], tokens.ends()[end - 1], alone ? 0.6 : 0.75, ID));
                }
                i = end - 1;
                continue;
            }
            if (next < 0 || next >= to) {
                continue;
            }
            int end = next;
            boolean lowerCase = Character.isLowerCase(words[next].codePointAt(0));
            while (end < to && end - next < 4) {
                if (isNamePart(facts, words, end, end == next, lowerCase)) {
                    end++;
                } else if (end > next && words[end].equals(".") && words[end - 1].length() == 1 && end + 1 < to
                        && isNamePart(facts, words, end + 1, false, lowerCase)) {
                    // an initial: "Bohdana K. Dvořáková"
                    end += 2;
                } else {
                    break;
                }
            }
            if (end > next) {
                strong.add(new Finding(PERSON, tokens.starts()[next], tokens.ends()[end - 1], score, ID));
            }
        }
    }

    /**
     * "works for Northwind Crate Logistics", "employed by Quorvex": the capitalised words after a
     * verb of employment name the employer, unless they look like a person (a known first name
     * followed by a capitalised word). Returns the end of the name, or {@code start} for none.
     */
    private static int organizationAfter(WordFacts facts, String[] words, int start, int to) {
        int end = start;
        while (end < to && end - start < 5 && isCapitalised(words[end]) && Character.isLetterOrDigit(words[end].codePointAt(0))
                && !facts.isTitle(end)) {
            end++;
        }
        if (end == start || (end - start == 1 && facts.isCommonWord(start))) {
            return start;
        }
        if (facts.isFirstName(start) && !facts.isLastName(start) && end - start >= 2) {
            return start;
        }
        return end;
    }

    /**
     * One word that is a known first name and neither a last name, an ordinary word nor written
     * in capitals: the model sometimes calls such a word an organization where the sentence says
     * little ("the true age of Ilse"); a company of one first-name word is rarer than a person.
     */
    static boolean isLoneFirstName(WordFacts facts, String[] words, int i, int end) {
        return end == i + 1 && facts.isFirstName(i) && !facts.isLastName(i) && !facts.isCommonWord(i)
                && !isAllCaps(words[i]);
    }

    /**
     * "Thorne-Abara", "Morrison-Kowalski": two last names joined by a hyphen, with no first name
     * or title before them, name a firm, the way law firms and old companies are named. A person
     * with a double-barrelled name is nearly always written with the first name.
     */
    private static boolean isDoubleSurname(WordFacts facts, String[] words, int from, int i) {
        String w = words[i];
        int dash = w.indexOf('-');
        if (dash <= 1 || dash >= w.length() - 2 || w.indexOf('-', dash + 1) >= 0 || !isCapitalised(w)
                || !Character.isUpperCase(w.charAt(dash + 1))) {
            return false;
        }
        String lower = facts.lower(i);
        String a = lower.substring(0, dash);
        String b = lower.substring(dash + 1);
        // One half must be a known last name (the gazetteer holds only some), neither a first name.
        if (!(facts.isLastName(a) || facts.isLastName(b)) || facts.isFirstName(a) || facts.isFirstName(b)) {
            return false;
        }
        return i == from || !(isCapitalised(words[i - 1]) || words[i - 1].equals("."));
    }

    /**
     * "Harwick Supplies Ltd", "Brightwater Logistics Inc.": capitalised words (joined by "&" or
     * "and" at most) before an organization suffix. The words before the suffix must not all be
     * ordinary words, so "Customer Support Group" stays unreported.
     */
    private static void organizationBefore(WordFacts facts, Tokens tokens, int from, int to, int suffix, List<Finding> out) {
        String[] words = tokens.words();
        int start = suffix;
        boolean named = false;
        boolean conjunction = false;
        for (int i = suffix - 1; i >= from && suffix - i <= 6; i--) {
            String w = words[i];
            if (isCapitalised(w) && Character.isLetter(w.codePointAt(0))) {
                start = i;
                named |= !facts.isCommonWord(i);
            } else if ((w.equals("&") || w.equals("and")) && i - 1 >= from && isCapitalised(words[i - 1])) {
                conjunction = true;
            } else if (w.equals(",") && conjunction && i - 1 >= from && isCapitalised(words[i - 1])) {
                // "Hawkins, Richardson and Santana LLC": commas only in a list closed by "and".
                continue;
            } else {
                break;
            }
        }
        if (start == suffix || !named) {
            return;
        }
        int end = suffix;
        // "Inc." and "Corp.": the period belongs to the abbreviation when it touches it.
        if (end + 1 < to && words[end + 1].equals(".") && tokens.ends()[end] == tokens.starts()[end + 1]
                && words[end].length() <= 4) {
            end++;
        }
        out.add(new Finding(ORGANIZATION, tokens.starts()[start], tokens.ends()[end], 0.8, ID));
    }

    /**
     * A first name from the gazetteer that is not an ordinary word, or a capitalised word before
     * a known last name; in lower case only when the
     * next word is a known last name too ("maria gonzalez"), since lower-case text is full of
     * words that are also somebody's name.
     */
    private static boolean isKnownFirstName(WordFacts facts, String[] words, int i, int to) {
        String w = words[i];
        if (w.length() < 2 || facts.isCommonWord(i) || facts.isInterjection(i)) {
            return false;
        }
        if (!facts.isFirstName(i)) {
            // An unknown capitalised word followed by a known last name: "Marguerite Okonkwo".
            return isCapitalised(w) && !isAllCaps(w) && Character.isLetter(w.codePointAt(0)) && i + 1 < to
                    && isCapitalised(words[i + 1]) && facts.isLastName(i + 1)
                    && !facts.isCommonWord(i + 1) && !facts.isPlace(i + 1);
        }
        int cp = w.codePointAt(0);
        if (Character.isUpperCase(cp)) {
            return !isAllCaps(w) || w.length() > 3;
        }
        if (i + 1 >= to || !Character.isLowerCase(words[i + 1].codePointAt(0)) || facts.isOrdinaryWord(i)) {
            return false;
        }
        // "maria gonzalez", and "patricia desrosiers": a known last name, or a word of letters
        // that is neither an ordinary word nor a place.
        return facts.isLastName(i + 1) ? !facts.isCommonWord(i + 1)
                : !facts.isOrdinaryWord(i + 1) && !facts.isPlace(i + 1) && isLetters(words[i + 1]);
    }

    private static boolean isLetters(String w) {
        if (w.length() < 3) {
            return false;
        }
        for (int k = 0; k < w.length(); k++) {
            if (!Character.isLetter(w.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSurname(WordFacts facts, String[] words, int i, boolean lowerCase) {
        String word = words[i];
        if (!Character.isLetter(word.codePointAt(0)) || facts.isCommonWord(i)
                || facts.isOrganizationSuffix(i)) {
            return false;
        }
        if (lowerCase) {
            return facts.isLastName(i);
        }
        return isCapitalised(word);
    }

    private static boolean isAllCaps(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isLowerCase(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A word of a name after a title or "my name is": capitalised, or a known first (last) name
     * in lower case. After a lower-case first name ("my name is maren solberg") also a lower-case
     * word of letters that is neither an ordinary word nor a place. Never an address word: "Mrs.
     * Helga Marsh Apt. 12" ends before "Apt".
     */
    private static boolean isNamePart(WordFacts facts, String[] words, int i, boolean first, boolean lowerCase) {
        String word = words[i];
        int cp = word.codePointAt(0);
        if (!Character.isLetter(cp) || NOT_NAME_PARTS.contains(facts.lower(i))) {
            return false;
        }
        if (isCapitalised(word)) {
            return !lowerCase;
        }
        if (first ? facts.isFirstName(i) : facts.isLastName(i)) {
            return true;
        }
        return lowerCase && !first && !facts.isOrdinaryWord(i) && !facts.isPlace(i) && isLetters(word);
    }

    /**
     * "my name is", "Her maiden name is", "Name:", "Full name:": a field or phrase that gives a
     * person's name. A bare "name" must start the line or follow a word that says whose name it is,
     * so that "file name: Report" is not taken.
     */
    private static boolean isNameField(WordFacts facts, String[] words, int from, int to, int i) {
        String w = words[i];
        if (i + 1 >= to || !(words[i + 1].equalsIgnoreCase("is") || words[i + 1].equals(":"))
                || !(w.equalsIgnoreCase("name") || w.equalsIgnoreCase("surname") || w.equalsIgnoreCase("firstname")
                || w.equalsIgnoreCase("lastname"))) {
            return false;
        }
        return i == from || NAME_OWNERS.contains(facts.lower(i - 1));
    }

    /** Ranks and forms of address, which name nobody on their own ("the Princess", "Sir"). */
    private static final Set<String> RANKS = Set.of("prince", "princess", "king", "queen", "duke", "duchess", "lord",
            "lady", "baron", "baroness", "count", "countess", "emperor", "empress", "sultan", "sheikh", "pope",
            "saint", "captain", "general", "sergeant", "officer", "judge", "doctor", "nurse", "uncle", "aunt");

    /** Drops a person finding that is one rank or title word alone: a form of address, not a name. */
    private static List<Finding> withoutLoneTitles(Tokens tokens, List<Finding> found) {
        List<Finding> out = null;
        for (int k = 0; k < found.size(); k++) {
            Finding f = found.get(k);
            boolean lone = PERSON.equals(f.type()) && isRankOrTitle(tokens.text().substring(f.start(), f.end()));
            if (lone && out == null) {
                out = new ArrayList<>(found.subList(0, k));
            } else if (!lone && out != null) {
                out.add(f);
            }
        }
        return out == null ? found : out;
    }

    private static boolean isRankOrTitle(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return RANKS.contains(lower) || TITLES.contains(lower);
    }

    private static boolean isCapitalised(String word) {
        int cp = word.codePointAt(0);
        return Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /**
     * Merges the layers in order of trust: a finding is kept unless it overlaps one kept from an
     * earlier layer or, within a layer, an earlier one. So "Dr. Ada Lovelace" from the title rule
     * beats the model's "Ada", and the model's organization "Morgan Stanley" beats the
     * gazetteer's first name "Morgan".
     */
    private static List<Finding> resolveOverlaps(List<List<Finding>> layers) {
        TreeMap<Integer, Finding> kept = new TreeMap<>();
        for (List<Finding> layer : layers) {
            for (Finding f : layer) {
                Map.Entry<Integer, Finding> before = kept.lowerEntry(f.end());
                if (before == null || before.getValue().end() <= f.start()) {
                    kept.put(f.start(), f);
                }
            }
        }
        return new ArrayList<>(kept.values());
    }
}
