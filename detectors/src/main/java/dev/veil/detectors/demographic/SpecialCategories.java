package dev.veil.detectors.demographic;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.custom.AhoCorasick;
import dev.veil.detectors.demographic.Words.Word;
import dev.veil.detectors.nlp.Gazetteer;
import dev.veil.detectors.nlp.NlpDetectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds mentions of a person's nationality or racial or ethnic origin ({@code pii.nationality}),
 * religious belief ({@code pii.religion}) and political affiliation
 * ({@code pii.political_affiliation}): the special categories of personal data of GDPR Art. 9,
 * with nationality, which often stands for ethnic origin.
 *
 * <p>The terms come from word lists ({@code nationalities.txt}, {@code religions.txt},
 * {@code political.txt} beside this class), found in one Aho-Corasick pass on word boundaries,
 * as written or in lower case (lower score). Most mentions of such words are not about a person:
 * "Italian food", "German Shepherd", "American Express", "translate into Japanese", "a Catholic
 * school", "Labour Day". A term is therefore reported only where the words around it make it a
 * statement about a person:
 *
 * <ul>
 *   <li>a word for a person follows: "a Nigerian citizen", "Muslim women", "Labour voters",
 *       "of Mexican descent", "Nigerian-born";</li>
 *   <li>it is said of a person: "I'm Japanese", "she is half Korean", "my wife is Brazilian",
 *       "Maria is Catholic" (a name the gazetteer of the NLP detectors knows), with the end of the
 *       clause or a conjunction after it;</li>
 *   <li>it is a noun for a person: "a Muslim.", "as an atheist,", "a proud Democrat";</li>
 *   <li>"identifies as Hispanic", "I vote Labour";</li>
 *   <li>it is joined by "and", "or" or a comma to a term reported so ("I'm French and Italian").</li>
 * </ul>
 *
 * <p>A language is never a nationality here: no rule reports "speaks Spanish", "written in French",
 * "into Japanese" or "French-speaking". Immutable and thread-safe.
 */
public final class SpecialCategories implements Detector {

    public static final String ID = "special-categories";
    public static final String NATIONALITY = "pii.nationality";
    public static final String RELIGION = "pii.religion";
    public static final String POLITICAL = "pii.political_affiliation";

    static final double SCORE = 0.6;
    static final double LOWER_CASE_SCORE = 0.45;

    /** One entry of a word list. */
    record Term(String text, String type, boolean capitalisedOnly, boolean personNoun) {
    }

    /** Words for people (and for where they come from) that, after a term, make it about a person. */
    private static final Set<String> PERSON_WORDS = Set.of(
            "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "guy", "guys", "lady", "ladies",
            "gentleman", "person", "people", "persons", "individual", "individuals", "child", "children", "kid",
            "kids", "baby", "teen", "teenager", "teenagers", "adult", "adults", "male", "female", "family",
            "families", "parents", "parent", "mother", "father", "mom", "mum", "dad", "son", "daughter", "sons",
            "daughters", "brother", "sister", "wife", "husband", "partner", "girlfriend", "boyfriend", "fiancé",
            "fiancee", "fiancée", "grandmother", "grandfather", "grandparents", "relatives", "cousin", "friend",
            "friends", "neighbour", "neighbor", "colleague", "colleagues", "coworker", "boss", "citizen",
            "citizens", "citizenship", "national", "nationals", "nationality", "passport", "resident", "residents",
            "immigrant", "immigrants", "migrant", "migrants", "expat", "expats", "refugee", "refugees",
            "descent", "origin", "origins", "heritage", "ancestry", "background", "roots", "ethnicity", "born",
            "student", "students", "employee", "employees", "worker", "workers", "applicant", "applicants",
            "candidate", "candidates", "patient", "patients", "client", "clients", "customer", "customers",
            "tenant", "tenants", "victim", "victims", "suspect", "nurse", "nurses", "doctor", "doctors",
            "engineer", "engineers", "developer", "developers", "author", "writer", "writers", "artist",
            "artists", "singer", "actor", "actress", "player", "players", "athlete", "athletes", "soldier",
            "soldiers", "veteran", "veterans", "priest", "nun", "pastor", "convert", "converts", "teenage",
            "voter", "voters", "supporter", "supporters", "member", "members", "activist",
            "activists", "politician", "politicians", "senator", "congressman", "congresswoman", "lawmaker",
            "lawmakers", "mp", "mps", "councillor", "councilor", "donor", "donors", "believer", "believers",
            "myself", "himself", "herself", "themselves",
            "american", "americans", "canadian", "canadians", "australian", "australians");

    /** What may follow a term said of a person, besides the end of the clause: "I'm French and ...". */
    private static final Set<String> AFTER_PREDICATE = Set.of("and", "or", "but", "by", "from", "who",
            "too", "now", "so", "myself", "himself", "herself", "themselves", "although", "though", "because",
            "since", "living", "raised", "through", "on", "btw", "lol");

    /** Verbs that say something of their subject. */
    private static final Set<String> BE = Set.of("is", "was", "are", "were", "am", "be", "been", "being",
            "become", "became", "becomes", "remain", "remains", "remained", "considered");

    /** The same verbs with a person subject written in: "I'm", "she's". */
    private static final Set<String> SUBJECT_BE = Set.of("i'm", "im", "he's", "she's", "we're", "they're",
            "you're", "who's", "i've", "ive");

    /** Subjects of "is"/"was" that are persons. */
    private static final Set<String> PERSON_SUBJECTS = Set.of("i", "he", "she", "we", "they", "you", "who",
            "wife", "husband", "partner", "mother", "father", "mom", "mum", "dad", "parents", "son", "daughter",
            "family", "brother", "sister", "grandmother", "grandfather", "grandparents", "girlfriend",
            "boyfriend", "friend", "boss", "colleague", "neighbour", "neighbor", "patient", "client", "employee",
            "applicant", "candidate", "student", "tenant", "customer", "user", "founder", "owner", "manager",
            "ceo", "director", "teacher", "doctor", "nurse", "landlord", "landlady", "author", "victim", "suspect",
            "man", "woman", "guy", "lady", "person", "child", "kid", "baby", "cousin", "uncle", "aunt", "nephew",
            "niece", "fiancé", "fiancée", "spouse", "roommate", "flatmate", "grandma", "grandpa");

    /** Capitalised words that start a sentence as the subject but name no person. */
    private static final Set<String> NON_PERSON_SUBJECTS = Set.of("it", "this", "that", "these", "those",
            "there", "here", "what", "which", "everything", "something", "nothing", "everyone", "food", "dinner",
            "lunch", "breakfast", "cuisine", "menu", "design", "style", "text", "document", "language", "car",
            "wine", "company", "team", "product", "version");

    /** Words that may stand between the verb and the term: "I'm half Japanese", "she is a proud Muslim". */
    private static final Set<String> MODIFIERS = Set.of("half", "part", "partly", "also", "originally",
            "fully", "ethnically", "culturally", "proudly", "both", "mostly", "mainly", "technically", "proud",
            "devout", "practising", "practicing", "lifelong", "committed", "registered", "staunch", "not",
            "still", "very", "quite", "actually", "really", "born", "raised", "nonpracticing", "non-practicing");

    private static final Set<String> ARTICLES = Set.of("a", "an");
    private static final Set<String> IDENTIFY = Set.of("identify", "identifies", "identified", "identifying");
    private static final Set<String> VOTE = Set.of("vote", "votes", "voted", "voting");

    private final List<Term> terms;
    private final AhoCorasick matcher;
    /** Whether a capitalised word is a person's name ("Maria is Catholic"), not a thing ("Sushi is Japanese"). */
    private final Predicate<String> personName;

    SpecialCategories(List<Term> terms, Predicate<String> personName) {
        this.terms = List.copyOf(requireNonNull(terms, "terms"));
        this.personName = requireNonNull(personName, "personName");
        this.matcher = new AhoCorasick(this.terms.stream().map(Term::text).toList(), true, true);
    }

    /** The detector with Veil's word lists. */
    public static SpecialCategories standard() {
        List<Term> all = new ArrayList<>();
        all.addAll(read("nationalities.txt", NATIONALITY));
        all.addAll(read("religions.txt", RELIGION));
        all.addAll(read("political.txt", POLITICAL));
        return new SpecialCategories(all, SpecialCategories::knownName);
    }

    /**
     * A first name, or a last name that is no ordinary word, in the shipped gazetteer; the
     * gazetteer is loaded on the first capitalised subject, not before.
     */
    private static boolean knownName(String word) {
        Gazetteer g = NlpDetectors.gazetteer();
        String lower = word.toLowerCase(Locale.ROOT);
        return g.isFirstName(lower) || g.isLastName(lower) && !g.commonWords().contains(lower);
    }

    /** Reads a word list: one term a line, {@code #} comments, {@code |cap} and {@code |noun} flags. */
    static List<Term> read(String resource, String type) {
        List<Term> out = new ArrayList<>();
        try (InputStream in = SpecialCategories.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing word list " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int bar = t.indexOf('|');
                String flag = bar < 0 ? "" : t.substring(bar + 1);
                String term = bar < 0 ? t : t.substring(0, bar);
                if (!flag.isEmpty() && !flag.equals("cap") && !flag.equals("noun")) {
                    throw new IllegalStateException(resource + ": unknown flag '" + flag + "'");
                }
                out.add(new Term(term, type, flag.equals("cap"), flag.equals("noun")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> types() {
        return List.of(NATIONALITY, RELIGION, POLITICAL);
    }

    @Override
    public List<Finding> detect(String text) {
        List<AhoCorasick.Match> matches = matcher.find(text);
        if (matches.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        int lastEnd = -1;
        for (AhoCorasick.Match m : matches) {
            Term term = terms.get(m.term());
            String found = text.substring(m.start(), m.end());
            // A lower-case term ("atheist") counts as written also at the start of a sentence.
            boolean asWritten = found.equals(term.text()) || Character.isLowerCase(term.text().charAt(0))
                    && found.equals(Character.toUpperCase(term.text().charAt(0)) + term.text().substring(1));
            if (!asWritten && (term.capitalisedOnly() || !found.equals(term.text().toLowerCase(Locale.ROOT)))) {
                continue;
            }
            if (aboutPerson(text, m.start(), m.end(), term) || joinedTo(text, lastEnd, m.start())) {
                findings.add(new Finding(term.type(), m.start(), m.end(), asWritten ? SCORE : LOWER_CASE_SCORE, ID));
                lastEnd = m.end();
            }
        }
        return findings;
    }

    /** True if the words around {@code [start, end)} make the term a fact about a person. */
    private boolean aboutPerson(String text, int start, int end, Term term) {
        if (start > 0 && (text.charAt(start - 1) == '-' || text.charAt(start - 1) == '@'
                || text.charAt(start - 1) == '#' || text.charAt(start - 1) == '.')) {
            return false; // "anti-American", "platform-agnostic", handles, hashtags, code
        }
        Word next = Words.after(text, end);
        boolean clauseEnds = Words.clauseEndsAt(text, end);
        if (!clauseEnds && next != null && next.in(text, PERSON_WORDS)) {
            return true;
        }
        boolean predicate = clauseEnds
                || next != null && text.charAt(end) != '-' && next.in(text, AFTER_PREDICATE);
        if (term.personNoun()) {
            return predicate || next == null || !next.capitalised(text);
        }
        Word before = Words.before(text, start);
        if (before == null) {
            return false;
        }
        String w = before.lower(text);
        if (term.type().equals(POLITICAL) && VOTE.contains(w)) {
            return true;
        }
        if (w.equals("as")) {
            Word verb = Words.before(text, before.start());
            return verb != null && verb.in(text, IDENTIFY);
        }
        if (!predicate) {
            return false;
        }
        // Up to two modifiers and an article: "is a proud", "I'm half".
        for (int k = 0; k < 2 && MODIFIERS.contains(w); k++) {
            Word b = Words.before(text, before.start());
            if (b == null) {
                return false;
            }
            before = b;
            w = b.lower(text);
        }
        if (ARTICLES.contains(w)) {
            // "a Muslim." is a person; "a Catholic school" did not get here.
            return true;
        }
        if (SUBJECT_BE.contains(w)) {
            return true;
        }
        if (BE.contains(w)) {
            if (w.equals("am")) {
                return true;
            }
            Word subject = Words.before(text, before.start());
            return subject != null && personSubject(text, subject);
        }
        return false;
    }

    private boolean personSubject(String text, Word subject) {
        String s = subject.lower(text);
        if (PERSON_SUBJECTS.contains(s)) {
            return true;
        }
        // A name: "Maria is Catholic"; not "It is French", "Dinner was Italian", "Sushi is Japanese".
        return subject.capitalised(text) && !NON_PERSON_SUBJECTS.contains(s) && !BE.contains(s)
                && personName.test(subject.in(text));
    }

    /** True if only "and", "or", "&", "/" or a comma stands between a reported term and this one. */
    private static boolean joinedTo(String text, int lastEnd, int start) {
        if (lastEnd < 0 || start - lastEnd > 6) {
            return false;
        }
        String gap = text.substring(lastEnd, start).strip().toLowerCase(Locale.ROOT);
        return gap.equals(",") || gap.equals("and") || gap.equals("or") || gap.equals("&") || gap.equals("/")
                || gap.equals(", and") || gap.equals(",and") || gap.equals("-") || gap.isEmpty();
    }

    @Override
    public String toString() {
        return "SpecialCategories[" + terms.size() + " terms]";
    }
}
