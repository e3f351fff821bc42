package dev.veil.detectors.nlp;

import dev.veil.detectors.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Document-level rules of the name detector, applied to what the model and the rules already
 * found in one text: a name found once is the same name where it comes again ("Asya Godina ...
 * Asya", a company named twice). The model decides each sentence alone and misses a name in a
 * sentence that gives it too little context; the rest of the text often has it. (Taking the other
 * one-word members of a list with a person in it for people too, "Varga, Thomas and Pruitt", was
 * tried: it also took law-firm style company names, "Brandt, Okoye and Marsh", for people.)
 *
 * <p>Stateless and thread-safe.
 */
final class Mentions {

    static final double SCORE = 0.6;

    private Mentions() {
    }

    /** Findings for further mentions of the names in {@code found}; may overlap nothing in it. */
    static List<Finding> repeated(WordFacts facts, Tokens tokens, List<Finding> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        String[] words = tokens.words();
        int n = words.length;
        // The finding each word belongs to, or null.
        Finding[] at = new Finding[n];
        Set<String> personWords = new HashSet<>();
        // first word -> (phrase -> type): a word is compared only with the phrases it can start.
        Map<String, Map<String, String>> phrases = new HashMap<>();
        int t = 0;
        for (Finding f : found) {
            while (t < n && tokens.ends()[t] <= f.start()) {
                t++;
            }
            int first = t;
            for (int i = t; i < n && tokens.starts()[i] < f.end(); i++) {
                at[i] = f;
                if (NameDetector.PERSON.equals(f.type()) && isNameWord(facts, words[i], i)) {
                    personWords.add(words[i]);
                }
            }
            if (!NameDetector.PERSON.equals(f.type()) && first < n && hasNameWord(facts, words, first, at, f)) {
                phrases.computeIfAbsent(words[first], w -> new HashMap<>())
                        .putIfAbsent(tokens.text().substring(f.start(), f.end()), f.type());
            }
        }
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (at[i] != null || !isCapitalised(words[i])) {
                continue;
            }
            int end = phraseAt(tokens, phrases, at, i, out);
            if (end > i) {
                i = end - 1;
                continue;
            }
            if (personWords.contains(words[i])) {
                end = i + 1;
                while (end < n && end - i < 4 && at[end] == null && personWords.contains(words[end])
                        && !tokens.lineBreakBefore(end)) {
                    end++;
                }
                out.add(new Finding(NameDetector.PERSON, tokens.starts()[i], tokens.ends()[end - 1], SCORE, NameDetector.ID));
                for (int k = i; k < end; k++) {
                    at[k] = out.get(out.size() - 1);
                }
                i = end - 1;
            }
        }
        speakers(facts, tokens, at, out);
        firstNameLists(facts, tokens, at, out);
        return out;
    }

    /**
     * A chat or script with two or more "Name: ..." lines, one of them a person found already or
     * a known first name: the other speakers are people too ("Vsevolod: Who are you?").
     */
    private static void speakers(WordFacts facts, Tokens tokens, Finding[] at, List<Finding> out) {
        String[] words = tokens.words();
        List<Integer> labels = new ArrayList<>();
        boolean person = false;
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i + 1].equals(":") && (i == 0 || tokens.lineBreakBefore(i)) && isNameWord(facts, words[i], i)
                    && !FIELD_LABELS.contains(facts.lower(i)) && saysSomething(tokens, i + 2)) {
                labels.add(i);
                person |= facts.isFirstName(i) || (at[i] != null && NameDetector.PERSON.equals(at[i].type()));
            }
        }
        if (labels.size() < 2 || !person) {
            return;
        }
        for (int i : labels) {
            if (at[i] == null) {
                addPerson(tokens, at, i, out);
            }
        }
    }

    /** Labels of form fields and chat roles, which also stand at the start of a line before a colon. */
    private static final Set<String> FIELD_LABELS = Set.of(
            "phone", "mobile", "cell", "tel", "telephone", "fax", "desk", "email", "e-mail", "mail", "website", "web",
            "address", "subject", "from", "to", "cc", "bcc", "date", "time", "title", "company", "employer",
            "department", "office", "note", "notes", "status", "priority", "reporter", "assignee", "owner", "user",
            "assistant", "bot", "system", "agent", "customer", "support", "admin", "moderator", "host", "guest",
            "re", "fwd", "ps", "q", "a", "me", "you", "update", "edit", "summary", "location", "where", "when");

    /** A line that goes on after the colon with words, not with a number, an address or nothing. */
    private static boolean saysSomething(Tokens tokens, int i) {
        if (i >= tokens.size() || tokens.lineBreakBefore(i)) {
            return false;
        }
        int cp = tokens.words()[i].codePointAt(0);
        return !Character.isDigit(cp) && cp != '+' && cp != '(' && !tokens.words()[i].startsWith("http");
    }

    /**
     * "Liesel, Paul, Ines and Marco": a list of three or more one-word members, at least two of
     * them known first names, is a list of people. (Lists of last names are left alone: "Brandt,
     * Okoye and Marsh" is as often a firm as three people.)
     */
    private static void firstNameLists(WordFacts facts, Tokens tokens, Finding[] at, List<Finding> out) {
        String[] words = tokens.words();
        int n = words.length;
        int i = 0;
        while (i < n) {
            // A list starts with "<member> ,": check the comma first, it is the cheap test.
            if (i + 1 >= n || !words[i + 1].equals(",") || !isListMember(facts, tokens, i)) {
                i++;
                continue;
            }
            List<Integer> members = new ArrayList<>();
            members.add(i);
            int k = i;
            while (k + 2 < n && (words[k + 1].equals(",") || words[k + 1].equals("and")) && isListMember(facts, tokens, k + 2)) {
                k += 2;
                members.add(k);
                if (words[k - 1].equals("and")) {
                    break;
                }
            }
            int known = 0;
            for (int m : members) {
                known += facts.isFirstName(m) ? 1 : 0;
            }
            if (members.size() >= 3 && known >= 2) {
                for (int m : members) {
                    if (at[m] == null) {
                        addPerson(tokens, at, m, out);
                    }
                }
            }
            i = k + 1;
        }
    }

    private static boolean isListMember(WordFacts facts, Tokens tokens, int i) {
        String[] words = tokens.words();
        return isNameWord(facts, words[i], i) && (i + 1 >= words.length || !isCapitalised(words[i + 1]))
                && (i == 0 || !isCapitalised(words[i - 1]));
    }

    private static void addPerson(Tokens tokens, Finding[] at, int i, List<Finding> out) {
        Finding f = new Finding(NameDetector.PERSON, tokens.starts()[i], tokens.ends()[i], SCORE, NameDetector.ID);
        out.add(f);
        at[i] = f;
    }

    /** An organization or place named again word for word. Returns the end word, or i. */
    private static int phraseAt(Tokens tokens, Map<String, Map<String, String>> byFirstWord, Finding[] at, int i,
            List<Finding> out) {
        Map<String, String> phrases = byFirstWord.get(tokens.words()[i]);
        if (phrases == null) {
            return i;
        }
        String text = tokens.text();
        for (Map.Entry<String, String> e : phrases.entrySet()) {
            String phrase = e.getKey();
            int start = tokens.starts()[i];
            if (!text.startsWith(phrase, start)) {
                continue;
            }
            int endChar = start + phrase.length();
            for (int k = i; k < at.length && tokens.starts()[k] < endChar; k++) {
                if (at[k] != null) {
                    break;
                }
                if (tokens.ends()[k] == endChar) {
                    Finding f = new Finding(e.getValue(), start, endChar, SCORE, NameDetector.ID);
                    out.add(f);
                    for (int m = i; m <= k; m++) {
                        at[m] = f;
                    }
                    return k + 1;
                }
            }
        }
        return i;
    }

    private static boolean hasNameWord(WordFacts facts, String[] words, int first, Finding[] at, Finding f) {
        for (int i = first; i < words.length && at[i] == f; i++) {
            if (isNameWord(facts, words[i], i)) {
                return true;
            }
        }
        return false;
    }

    /** A capitalised word of letters that is not an ordinary word, a title or all capitals. */
    static boolean isNameWord(WordFacts facts, String w, int i) {
        if (w.length() < 2 || !isCapitalised(w) || !Character.isLetter(w.codePointAt(0)) || facts.isCommonWord(i)
                || facts.isTitle(i)) {
            return false;
        }
        for (int k = 1; k < w.length(); k++) {
            if (Character.isLowerCase(w.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCapitalised(String word) {
        int cp = word.codePointAt(0);
        return Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }
}
