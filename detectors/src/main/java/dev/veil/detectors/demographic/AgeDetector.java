package dev.veil.detectors.demographic;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanText;
import dev.veil.detectors.demographic.Words.Word;
import dev.veil.detectors.pattern.ContextWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the age of a person ({@code pii.age}): a number from 0 to 120 that the words around it
 * make an age. The finding covers the number alone, so that redacting it leaves "[AGE] years old".
 *
 * <ul>
 *   <li>After it: "34 years old", "a 34-year-old", "34 yrs old", "34 y/o", "34 yo", "34 years of
 *       age". A thing can be years old too, so the form is not reported when a thing is named:
 *       right after it ("a 10-year-old building": only person words, verbs and function words may
 *       follow), or before it in the same sentence ("the house is 40 years old"). Score 0.7.</li>
 *   <li>Before it: "aged 34", "age 34", "age: 34", "Age: 34" (capitalised only at the start of a
 *       line or a field, so "Ice Age 3" is not an age), "the age of 34", "my age is 34". Not a
 *       range ("aged 18-25", "age 18 to 65", "aged 65+"), a threshold or a statistic ("under age
 *       18", "the average age 34", "minimum age of 18"), nor aged goods ("whisky aged 12 years").
 *       Score 0.7.</li>
 *   <li>"Edda Lund, 58, of Bergen" (a number between commas after a name, then "of", "from", "who",
 *       "was" ...). Score 0.5.</li>
 *   <li>"I'm 34", "she is 34", "he was 12", "turned 50", "I'll turn 50": weakest, so only when nothing but the
 *       end of the clause or a word such as "and", "now", "when" follows ("I'm 34 minutes late"
 *       and "turned 90 degrees" are not ages). Score 0.5.</li>
 * </ul>
 *
 * <p>Ages written in words ("thirty-four") are not found. Immutable and thread-safe.
 */
public final class AgeDetector implements Detector {

    public static final String TYPE = "pii.age";
    static final int MAX_AGE = 120;
    private static final double SCORE = 0.7;
    private static final double WEAK_SCORE = 0.5;

    /** The words after a number that make it an age; possessive and bounded, so it cannot backtrack. */
    private static final Pattern YEARS_OLD = Pattern.compile(
            "(?i)[ \\t]{0,2}+-?[ \\t]{0,2}+(?:years?|yrs?\\.?)[ \\t]{0,2}+-?[ \\t]{0,2}+(?:olds?|of[ \\t]{1,2}+age|young)(?![\\w-])"
                    + "|[ \\t]{0,2}+(?:y/o|y\\.o\\.?|yo)(?![\\w/-])");

    /** Nouns for people: right after "a 34-year-old", they make it a person's age whatever else is near. */
    private static final Set<String> PERSON_NOUNS = Set.of(
            "man", "woman", "men", "women", "boy", "girl", "boys", "girls", "guy", "lady", "gentleman", "person",
            "male", "female", "child", "kid", "baby", "infant", "newborn", "toddler", "teen", "teenager", "adult", "son", "daughter",
            "brother", "sister", "mother", "father", "mom", "mum", "dad", "wife", "husband", "partner", "girlfriend",
            "boyfriend", "friend", "patient", "client", "customer", "employee", "student", "pupil", "resident",
            "victim", "suspect", "driver", "passenger", "player", "athlete", "worker", "nurse", "doctor",
            "engineer", "teacher", "grandmother", "grandfather", "grandson", "granddaughter", "nephew", "niece",
            "cousin", "applicant", "candidate", "user", "individual", "citizen", "national", "immigrant", "refugee",
            "veteran", "retiree", "pensioner", "widow", "widower", "twin", "twins");

    /**
     * Function words and verbs that follow a person used as a noun ("a 34-year-old with ...", "is
     * 34 years old and ..."): they leave the number an age unless a thing is named before it.
     */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "with", "who", "whose", "whom", "from", "in", "at", "on", "of", "to", "for", "by", "as", "and", "or",
            "but", "is", "was", "has", "had", "have", "will", "would", "can", "could", "should", "may", "might",
            "when", "while", "that", "living", "named", "called", "today", "now", "this", "last", "next", "so",
            "then", "because", "since", "though", "although", "myself", "himself", "herself", "i", "he", "she",
            "they", "we", "you", "my", "his", "her", "their", "our", "presents", "presenting", "complains",
            "reports", "lives", "works", "dies", "here", "there", "too", "already", "yet", "soon", "tomorrow",
            "yesterday", "ago");

    private static final Set<String> POSSESSIVES = Set.of("my", "our", "his", "her", "their", "your");

    /** Things that are years old; one of them in the sentence before "years old" makes it not a person's age. */
    private static final List<String> THING_WORDS = List.of(
            "it", "its", "building", "buildings", "house", "home", "flat", "apartment", "roof", "boiler", "furnace",
            "car", "truck", "van", "bike", "bicycle", "boat", "vehicle", "engine", "tyre", "tire", "tires", "battery",
            "laptop", "computer", "pc", "phone", "iphone", "device", "machine", "printer", "server", "tv", "camera",
            "software", "code", "codebase", "app", "system", "library", "framework", "version", "release", "repo",
            "repository", "data", "dataset", "file", "record", "records", "photo", "picture", "video", "post",
            "article", "book", "paper", "document", "account", "company", "business", "firm", "brand", "startup",
            "product", "model", "item", "tree", "trees", "forest", "wine", "whisky", "whiskey", "bottle", "cheese",
            "tradition", "church", "bridge", "castle", "dog", "dogs", "cat",
            "cats", "pet", "pets", "puppy", "kitten", "horse", "mattress", "sofa", "couch", "furniture", "painting",
            "recipe", "song", "film", "movie", "game", "website", "site", "domain", "contract", "policy", "loan",
            "mortgage", "debt", "fund", "password", "key", "certificate");
    private static final Set<String> THING_SET = Set.copyOf(THING_WORDS);
    private static final ContextWords THINGS = new ContextWords(THING_WORDS, 48, 0, true);

    /** Words before "age" that make the number a threshold or a statistic, not somebody's age. */
    private static final Set<String> THRESHOLDS = Set.of("under", "over", "above", "below", "minimum", "min",
            "maximum", "max", "legal", "voting", "retirement", "drinking", "driving", "average", "mean", "median",
            "target", "pension", "school", "until", "till", "mandatory", "required", "consent", "entry", "cutoff",
            "cut-off", "threshold", "limit", "qualifying", "eligible", "eligibility", "working", "reading", "mental",
            "gestational", "bone", "ice", "stone", "bronze", "iron", "golden", "dark", "new", "middle", "space",
            "information", "digital");

    /** After "18 or" / "65 and": an open range ("16 or over", "65 and up"). */
    private static final Set<String> OPEN_ENDS = Set.of("over", "above", "older", "under", "up", "younger",
            "below", "more", "less");

    /** Goods that are aged: "a whisky aged 12 years". */
    private static final ContextWords AGED_GOODS = new ContextWords(List.of("whisky", "whiskey", "scotch",
            "bourbon", "rum", "brandy", "cognac", "wine", "wines", "port", "sherry", "cheese", "cheddar", "beef",
            "steak", "ham", "cask", "casks", "barrel", "barrels", "oak", "spirit", "spirits", "vinegar", "balsamic",
            "tequila", "beer", "sake", "bottle", "bottled", "malt"), 48, 0, true);

    /** Words between "age" and the number: "age of 34", "age is 34". */
    private static final Set<String> AGE_LINKS = Set.of("of", "is", "was");

    /** Subjects and verbs before a bare number that make it an age: "I'm 34", "she is 34". */
    private static final Set<String> BE_CONTRACTED = Set.of("i'm", "im", "he's", "she's", "hes", "shes", "turned",
            "turning", "turns");
    /** Words after "Name, 58," that go on about the person. */
    private static final Set<String> APPOSITION_NEXT = Set.of("of", "from", "who", "was", "is", "has", "had",
            "said", "says", "told", "died", "lives", "lived", "a", "an", "were", "are", "will");

    /** Month and day names, which come before a number and a comma in dates ("May, 12, ..."). */
    private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
            "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");

    /** Before "turn": "I'll turn 50", "she is about to turn 30"; "turn 90 degrees" has no such word. */
    private static final Set<String> FUTURE = Set.of("will", "i'll", "he'll", "she'll", "you'll", "we'll",
            "they'll", "ill", "to", "would", "shall", "gonna", "i'd", "she'd", "he'd");
    private static final Set<String> PERSONAL_SUBJECTS = Set.of("i", "he", "she", "who", "grandma", "grandpa",
            "granny");

    /** What may follow a bare age: "I'm 34 and ...", "she was 12 when ...". */
    private static final Set<String> AFTER_BARE_AGE = Set.of("and", "but", "now", "when", "this", "next", "today",
            "soon", "already", "too", "yet", "so", "myself", "going", "last", "then", "at", "in", "on");

    @Override
    public String id() {
        return TYPE;
    }

    @Override
    public List<String> types() {
        return List.of(TYPE);
    }

    @Override
    public List<Finding> detect(String text) {
        return detect(new ScanText(text));
    }

    @Override
    public List<Finding> detect(ScanText scanText) {
        String text = scanText.text();
        int[] clusters = scanText.digitClusters();
        List<Finding> findings = null;
        Matcher years = null;
        for (int c = 0; c < clusters.length; c += 3) {
            // An age is a run of one to three digits; a cluster may hold several ("34, 35").
            int i = clusters[c];
            int end = clusters[c + 1];
            while (i < end) {
                if (!digit(text.charAt(i))) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < text.length() && digit(text.charAt(j))) {
                    j++;
                }
                if (j - i <= 3 && standsAlone(text, i, j) && Integer.parseInt(text, i, j, 10) <= MAX_AGE) {
                    if (years == null) {
                        years = YEARS_OLD.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                    }
                    double score = score(text, i, j, years);
                    if (score > 0) {
                        if (findings == null) {
                            findings = new ArrayList<>();
                        }
                        findings.add(new Finding(TYPE, i, j, score, TYPE));
                    }
                }
                i = j;
            }
        }
        return findings == null ? List.of() : findings;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * True if {@code [start, end)} is a number on its own: not part of a word, a decimal, a version,
     * an amount, a time, a list of digits or a range ("18-25").
     */
    private static boolean standsAlone(String text, int start, int end) {
        if (start > 0) {
            char p = text.charAt(start - 1);
            if (Character.isLetterOrDigit(p) || "$£€#+/.,:_\\".indexOf(p) >= 0 && !(p == ':' || p == ',')) {
                return false;
            }
            if ((p == '-' || p == '\u2013') && start > 1 && digit(text.charAt(start - 2))) {
                return false;
            }
            if ((p == ':' || p == ',') && start > 1 && digit(text.charAt(start - 2))) {
                return false;
            }
        }
        if (end < text.length()) {
            char n = text.charAt(end);
            if (Character.isLetterOrDigit(n) && !yearsSuffix(text, end) || n == '%' || n == '+' || n == '_') {
                return false;
            }
            if ((n == '.' || n == ',' || n == ':' || n == '/') && end + 1 < text.length() && digit(text.charAt(end + 1))) {
                return false;
            }
            if ((n == '-' || n == '\u2013') && end + 1 < text.length() && digit(text.charAt(end + 1))) {
                return false;
            }
        }
        return true;
    }

    /** True at "34yo", "34y/o", "34yrs": a number glued to its unit. */
    private static boolean yearsSuffix(String text, int end) {
        char c = Character.toLowerCase(text.charAt(end));
        return c == 'y';
    }

    /** The score of the number at {@code [start, end)} as an age, or 0 if it is none. */
    private static double score(String text, int start, int end, Matcher years) {
        if (unitFollows(text, end) && years.region(end, text.length()).lookingAt()) {
            return yearsOld(text, start, end, years.end()) ? SCORE : 0;
        }
        if (end < text.length() && Character.isLetter(text.charAt(end))) {
            return 0;
        }
        if (range(text, end)) {
            return 0;
        }
        if (apposition(text, start, end)) {
            return WEAK_SCORE;
        }
        Word before = Words.before(text, labelStart(text, start));
        if (before == null) {
            return 0;
        }
        String word = before.lower(text);
        if (AGE_LINKS.contains(word)) {
            Word age = Words.before(text, before.start());
            if (age != null && age.lower(text).equals("age")) {
                return ageWord(text, age, start, end) ? SCORE : 0;
            }
            if (word.equals("is") || word.equals("was")) {
                return bareAge(text, before, end) ? WEAK_SCORE : 0;
            }
            return 0;
        }
        if (word.equals("age") || word.equals("aged")) {
            return ageWord(text, before, start, end) ? SCORE : 0;
        }
        if (BE_CONTRACTED.contains(word) || word.equals("am") || word.equals("turn") && future(text, before)) {
            return afterBareAge(text, end) ? WEAK_SCORE : 0;
        }
        return 0;
    }

    /**
     * True if a 'y' follows after at most two spaces, a hyphen and two spaces more: every form of
     * {@link #YEARS_OLD} starts so, and most numbers are followed by something else, so the
     * expression is not tried for them.
     */
    private static boolean unitFollows(String text, int end) {
        int i = end;
        int n = text.length();
        for (int k = 0; k < 2 && i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t'); k++) {
            i++;
        }
        if (i < n && text.charAt(i) == '-') {
            i++;
        }
        for (int k = 0; k < 2 && i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t'); k++) {
            i++;
        }
        return i < n && (text.charAt(i) == 'y' || text.charAt(i) == 'Y');
    }

    /** "34 years old" and its forms, ending at {@code formEnd}: is it a person's age? */
    private static boolean yearsOld(String text, int start, int end, int formEnd) {
        Word next = Words.after(text, formEnd);
        if (next != null && !Words.clauseEndsAt(text, formEnd)) {
            String w = next.lower(text);
            if (PERSON_NOUNS.contains(w)) {
                return true;
            }
            // A lower-case noun after "a 10-year-old" is a thing; a verb in the past tense or a
            // capitalised word (a nationality, a name) leaves it a person, and so does any verb
            // after "my 5-year-old" ("my 5-year-old loves trains").
            if (!FUNCTION_WORDS.contains(w) && !next.capitalised(text) && !w.endsWith("ed")
                    && !(w.endsWith("s") && !THING_SET.contains(w.substring(0, w.length() - 1))
                            && possessiveBefore(text, start))) {
                return false;
            }
        }
        return !THINGS.foundNear(text, start, end);
    }

    private static boolean possessiveBefore(String text, int start) {
        Word w = Words.before(text, start);
        return w != null && POSSESSIVES.contains(w.lower(text));
    }

    /** The position before a field separator: "Age: 34", "age - 34", "age = 34", "age 34". */
    private static int labelStart(String text, int start) {
        int i = start;
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
            i--;
        }
        if (i > 0 && ":=-\u2013|".indexOf(text.charAt(i - 1)) >= 0) {
            i--;
        }
        return i;
    }

    /** True if a range or an open end follows: "-25", " to 65", " and over", "+". */
    private static boolean range(String text, int end) {
        int i = end;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '+') {
            return true;
        }
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '\u2013')) {
            int k = i + 1;
            while (k < text.length() && text.charAt(k) == ' ') {
                k++;
            }
            return k < text.length() && digit(text.charAt(k));
        }
        Word next = Words.after(text, end);
        if (next == null) {
            return false;
        }
        String w = next.lower(text);
        if (w.equals("to") || w.equals("through") || w.equals("or") || w.equals("and")) {
            Word then = Words.after(text, next.end());
            int k = next.end();
            while (k < text.length() && text.charAt(k) == ' ') {
                k++;
            }
            return k < text.length() && digit(text.charAt(k))
                    || then != null && OPEN_ENDS.contains(then.lower(text));
        }
        return false;
    }

    /** "age 34", "aged 34", "Age: 34", "the age of 34" with {@code age} the word "age" or "aged". */
    private static boolean ageWord(String text, Word age, int start, int end) {
        if (age.capitalised(text) && !fieldStart(text, age.start())) {
            return false;
        }
        Word before = Words.before(text, age.start());
        if (before != null) {
            String w = before.lower(text);
            if (THRESHOLDS.contains(w) || w.equals("the") && thresholdBeforeThe(text, before)) {
                return false;
            }
        }
        return !AGED_GOODS.foundNear(text, start, end);
    }

    /** "under the age of 18", "from the age of 5": the word before "the" makes it a threshold. */
    private static boolean thresholdBeforeThe(String text, Word the) {
        Word w = Words.before(text, the.start());
        return w != null && (THRESHOLDS.contains(w.lower(text)) || w.lower(text).equals("reach")
                || w.lower(text).equals("reaches") || w.lower(text).equals("reached") || w.lower(text).equals("from"));
    }

    /** True if {@code i} starts a line, the text or a field ("Name: X, Age: 34", "| Age |"). */
    private static boolean fieldStart(String text, int i) {
        int j = i;
        while (j > 0 && (text.charAt(j - 1) == ' ' || text.charAt(j - 1) == '\t')) {
            j--;
        }
        return j == 0 || "\n\r,;|(.".indexOf(text.charAt(j - 1)) >= 0;
    }

    /**
     * "Edda Lund, 58, of Bergen": a number between commas after a capitalised word, followed by a
     * word that goes on about a person ("of", "from", "who", "was" ...).
     */
    private static boolean apposition(String text, int start, int end) {
        if (start < 3 || end + 2 >= text.length() || text.charAt(start - 1) != ' ' || text.charAt(start - 2) != ','
                || text.charAt(end) != ',') {
            return false;
        }
        Word name = Words.before(text, start - 2);
        Word next = Words.after(text, end + 1);
        // A name's shape: "Lund", not "A" or "NATO".
        return name != null && name.end() == start - 2 && name.end() - name.start() >= 2 && name.capitalised(text)
                && Character.isLowerCase(text.charAt(name.end() - 1)) && !MONTHS.contains(name.lower(text))
                && next != null && APPOSITION_NEXT.contains(next.lower(text));
    }

    /** True if "will", "to" or the like comes before {@code turn}. */
    private static boolean future(String text, Word turn) {
        Word w = Words.before(text, turn.start());
        return w != null && FUTURE.contains(w.lower(text));
    }

    /** "she is 34": {@code verb} is "is" or "was"; the subject before it must be a person pronoun. */
    private static boolean bareAge(String text, Word verb, int end) {
        Word subject = Words.before(text, verb.start());
        return subject != null && (PERSONAL_SUBJECTS.contains(subject.lower(text)) || PERSON_NOUNS.contains(subject.lower(text)))
                && afterBareAge(text, end);
    }

    private static boolean afterBareAge(String text, int end) {
        if (end < text.length() && (text.charAt(end) == '.' || text.charAt(end) == ',')
                && end + 1 < text.length() && digit(text.charAt(end + 1))) {
            return false;
        }
        if (Words.clauseEndsAt(text, end)) {
            int i = end;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            // "I'm 5'10" is a height, "I'm 2:1 up" a score.
            return i >= text.length() || "'\":".indexOf(text.charAt(i)) < 0;
        }
        Word next = Words.after(text, end);
        return next != null && AFTER_BARE_AGE.contains(next.lower(text)) && text.charAt(end) != '-';
    }

    @Override
    public String toString() {
        return "AgeDetector";
    }
}
