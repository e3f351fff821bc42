package dev.veil.models;

import dev.veil.detectors.nlp.Sentences;
import dev.veil.detectors.nlp.Tokens;
import dev.veil.detectors.nlp.WordTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;

/**
 * Generates labelled documents for the name finder: sentence templates filled from the entity
 * pools, composed into chat prompts, e-mails, lists, code, JSON, logs, tickets and CSV, with
 * some documents in lower or upper case. Deterministic for a given seed.
 *
 * <p>Not thread-safe.
 */
final class NameSampleGenerator {

    static final String PERSON = "person";
    static final String LOCATION = "location";
    static final String ORGANIZATION = "organization";

    private final EntityPools pools;
    private final Random random;
    private final InventedWords invented;

    NameSampleGenerator(EntityPools pools, long seed) {
        this.pools = pools;
        this.random = new Random(seed);
        this.invented = new InventedWords(random);
    }

    /** One generated document, its text and entity spans. */
    Annotated document() {
        Annotated doc = new Annotated();
        int shape = random.nextInt(100);
        if (shape < 22) {
            prose(doc, 1 + random.nextInt(4));
        } else if (shape < 34) {
            wordSalad(doc, 1 + random.nextInt(3));
        } else if (shape < 42) {
            email(doc);
        } else if (shape < 48) {
            list(doc);
        } else if (shape < 54) {
            code(doc);
        } else if (shape < 58) {
            json(doc);
        } else if (shape < 62) {
            log(doc);
        } else if (shape < 66) {
            ticket(doc);
        } else if (shape < 68) {
            csv(doc);
        } else if (shape < 78) {
            address(doc);
        } else if (shape < 84) {
            dialogue(doc);
        } else if (shape < 90) {
            social(doc);
        } else if (shape < 94) {
            contactCard(doc);
        } else {
            prose(doc, 1);
        }
        int casing = random.nextInt(100);
        if (casing < 8) {
            return doc.recased(false);
        }
        if (casing < 10) {
            return doc.recased(true);
        }
        return doc;
    }

    /** The document cut into segments exactly as the detector cuts text at run time. */
    static List<NameSample> toSamples(Annotated doc) {
        Tokens tokens = WordTokenizer.tokenize(doc.text());
        int[] bounds = Sentences.split(tokens);
        List<NameSample> out = new ArrayList<>();
        for (int k = 0; k + 1 < bounds.length; k++) {
            int from = bounds[k];
            int to = bounds[k + 1];
            String[] words = new String[to - from];
            System.arraycopy(tokens.words(), from, words, 0, words.length);
            List<Span> spans = new ArrayList<>();
            for (Annotated.Mention m : doc.mentions()) {
                int s = -1;
                int e = -1;
                for (int i = from; i < to; i++) {
                    if (tokens.starts()[i] == m.start()) {
                        s = i;
                    }
                    if (tokens.ends()[i] == m.end()) {
                        e = i;
                    }
                }
                if (s >= 0 && e >= s) {
                    spans.add(new Span(s - from, e - from + 1, m.type()));
                }
            }
            out.add(new NameSample(words, spans.toArray(new Span[0]), k == 0));
        }
        return out;
    }

    private void prose(Annotated doc, int sentences) {
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                doc.append(random.nextInt(4) == 0 ? "\n" : " ");
            }
            sentence(doc);
        }
    }

    private void sentence(Annotated doc) {
        List<String> templates = random.nextInt(100) < 72 ? NameTemplates.WITH_ENTITIES : NameTemplates.WITHOUT_ENTITIES;
        fill(doc, templates.get(random.nextInt(templates.size())));
    }

    private void email(Annotated doc) {
        int g = random.nextInt(5);
        switch (g) {
            case 0 -> fill(doc, "Hi {PF},\n\n");
            case 1 -> fill(doc, "Dear {TP},\n\n");
            case 2 -> fill(doc, "Hello team,\n\n");
            case 3 -> fill(doc, "Subject: {W}\nFrom: {P}\nTo: {P}\n\n");
            default -> fill(doc, "Hey {PF} -\n");
        }
        prose(doc, 1 + random.nextInt(3));
        int s = random.nextInt(4);
        switch (s) {
            case 0 -> fill(doc, "\n\nBest,\n{PF}");
            case 1 -> fill(doc, "\n\nKind regards,\n{P}\n{J}\n{O}");
            case 2 -> fill(doc, "\n\nThanks,\n{P}");
            default -> fill(doc, "\n\nCheers");
        }
    }

    private void list(Annotated doc) {
        String[] heads = {"Attendees:", "Team:", "Contacts", "Invite list:", "Speakers", "Offices:", "Action items"};
        doc.append(heads[random.nextInt(heads.length)]).append("\n");
        int n = 2 + random.nextInt(4);
        String bullet = random.nextBoolean() ? "- " : random.nextBoolean() ? "* " : "1. ";
        for (int i = 0; i < n; i++) {
            doc.append(bullet);
            String[] items = {"{P}", "{P} ({O})", "{P}, {J}", "{C}, {CO}", "{O} - {C}", "{T}", "{PF} to update the {T} docs", "{P} <{E}>"};
            fill(doc, items[random.nextInt(items.length)]);
            doc.append("\n");
        }
    }

    private void code(Annotated doc) {
        String[] lines = {
            "user = User(name=\"{P}\", city=\"{C}\")\n",
            "customer.setName(\"{P}\");\ncustomer.setCompany(\"{O}\");\n",
            "INSERT INTO customers (name, city) VALUES ('{P}', '{C}');\n",
            "// TODO({PF}): remove after the {T} migration\n",
            "# Author: {P}\n",
            "assert greet(\"{PF}\") == \"Hello, {PF}!\"\n",
            "const author = '{P}';\n",
            "def test_{T}_client():\n    client = Client(\"{T}\")\n",
            "    employees.add(new Employee(\"{P}\", \"{O}\"));\n",
            "SELECT * FROM orders WHERE city = '{C}';\n",
            "for user in users:\n    print(user.name)\n",
            "if err != nil {\n    return fmt.Errorf(\"{T} failed: %w\", err)\n}\n",
            "@Author(\"{P}\")\npublic class {T}Client {}\n"};
        int n = 1 + random.nextInt(3);
        if (random.nextBoolean()) {
            prose(doc, 1);
            doc.append("\n\n");
        }
        for (int i = 0; i < n; i++) {
            fill(doc, lines[random.nextInt(lines.length)]);
        }
    }

    private void json(Annotated doc) {
        String[] fields = {"\"name\": \"{P}\"", "\"city\": \"{C}\"", "\"country\": \"{CO}\"", "\"company\": \"{O}\"",
            "\"employer\": \"{O}\"", "\"title\": \"{J}\"", "\"product\": \"{T}\"", "\"first_name\": \"{PF}\"",
            "\"last_name\": \"{PL}\"", "\"id\": {N}", "\"status\": \"active\"", "\"location\": \"{L}\""};
        doc.append("{");
        int n = 2 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                doc.append(", ");
            }
            fill(doc, fields[random.nextInt(fields.length)]);
        }
        doc.append("}");
    }

    private void log(Annotated doc) {
        int n = 1 + random.nextInt(4);
        String[] msgs = {"INFO login succeeded for {P}", "WARN payment declined for customer {P}",
            "INFO request from {C} served in {N} ms", "ERROR {T} timeout after {N} ms",
            "DEBUG cache miss key=user:{N}", "INFO user {PF} updated profile", "INFO shipment to {C}, {CO} created",
            "INFO invoice sent to {O}"};
        for (int i = 0; i < n; i++) {
            doc.append("2025-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T0" + random.nextInt(10)
                    + ":1" + random.nextInt(10) + ":0" + random.nextInt(10) + "Z ");
            fill(doc, msgs[random.nextInt(msgs.length)]);
            doc.append("\n");
        }
    }

    private void ticket(Annotated doc) {
        fill(doc, "Ticket #{N}: {W}\nReporter: {P}\nAssignee: {P}\n");
        prose(doc, 1 + random.nextInt(2));
    }

    /** Postal addresses: street lines are not names; the city, region and country in them are places. */
    private void address(Annotated doc) {
        int form = random.nextInt(6);
        boolean upperCity = random.nextInt(4) == 0;
        switch (form) {
            case 0 -> fill(doc, "Ship to:\n{P}\n");
            case 1 -> fill(doc, "Billing address: {P}  ");
            case 2 -> fill(doc, "{P} lives at ");
            case 3 -> fill(doc, "Please send the documents to ");
            case 4 -> fill(doc, "{O}\n");
            default -> fill(doc, "My new address is ");
        }
        doc.append(pick(pools.streets));
        doc.append(random.nextBoolean() ? ", " : random.nextBoolean() ? "\n" : "  ");
        if (random.nextBoolean()) {
            doc.append(pick(pools.postcodes)).append(" ");
            placeEntity(doc, pick(pools.cities), upperCity);
        } else {
            placeEntity(doc, pick(pools.cities), upperCity);
            if (random.nextBoolean()) {
                doc.append(", ");
                doc.entity(LOCATION, pick(pools.regions));
            }
            doc.append(" ").append(pick(pools.postcodes));
        }
        if (random.nextBoolean()) {
            doc.append(random.nextBoolean() ? ", " : "\n");
            placeEntity(doc, pick(pools.countries), upperCity && random.nextBoolean());
        }
        if (random.nextBoolean()) {
            doc.append(random.nextBoolean() ? ". " : "\n");
            prose(doc, 1);
        }
    }

    private void placeEntity(Annotated doc, String value, boolean upper) {
        doc.entity(LOCATION, upper ? value.toUpperCase(Locale.ROOT) : value);
    }

    /** A chat transcript or script: speaker names before a colon, names inside the lines. */
    private void dialogue(Annotated doc) {
        int turns = 2 + random.nextInt(3);
        for (int i = 0; i < turns; i++) {
            if (i > 0) {
                doc.append(random.nextBoolean() ? "\n" : " ");
            }
            String[] roles = {"User: ", "Assistant: ", "Bot: ", "Agent: ", "Customer: ", "Q: ", "A: ", "System: ", "Me: "};
            String speaker = random.nextInt(3) == 0 ? roles[random.nextInt(roles.length)]
                    : random.nextInt(4) == 0 ? "{P}: " : "{PF}: ";
            String[] lines = {"Remember me, {PF}?", "You saved my life!", "Where were you on {D}?", "I was in {C} with {PF}.",
                "We should call {PF}.", "That is not what {PL} said.", "Fine.", "Let's go to {C}.", "I work for {O} now.",
                "Did you fix the {T} bug?", "No idea.", "See you tomorrow.", "Ask {TP}."};
            fill(doc, speaker);
            fill(doc, lines[random.nextInt(lines.length)]);
        }
    }

    private static final String[] FUNCTION_WORDS = {"the", "a", "and", "of", "to", "in", "is", "was", "for", "that",
        "with", "on", "it", "as", "at", "by", "this", "but", "from", "or", "an", "they", "we", "you", "he", "she", "his",
        "her", "their", "our", "my", "will", "would", "can", "has", "had", "been", "not", "so", "if", "when", "about"};
    private static final String[] PERSON_CUES = {"with", "by", "to", "and", "told", "asked", "said", "called", "met", "named",
        "thanked", "for", "from", "like", "as", "about", "than"};
    private static final String[] PLACE_CUES = {"in", "to", "from", "near", "at", "across", "around", "outside", "visited",
        "toward", "through", "via"};
    private static final String[] ORG_CUES = {"at", "for", "with", "joined", "by", "from", "left", "sued", "acquired", "via"};

    /**
     * Sentences of random ordinary words with entities at random places, sometimes after a cue
     * word. They teach the model what a name looks like in contexts no template has, instead of
     * letting it memorise the templates' wording.
     */
    private void wordSalad(Annotated doc, int sentences) {
        for (int s = 0; s < sentences; s++) {
            if (s > 0) {
                doc.append(" ");
            }
            int length = 4 + random.nextInt(14);
            int entities = 1 + (random.nextInt(3) == 0 ? 1 : 0);
            boolean[] at = new boolean[length];
            for (int e = 0; e < entities; e++) {
                at[random.nextInt(length)] = true;
            }
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    doc.append(random.nextInt(12) == 0 ? ", " : " ");
                }
                if (at[i]) {
                    int kind = random.nextInt(10);
                    if (kind < 5) {
                        if (random.nextBoolean() && i > 0) {
                            doc.append(PERSON_CUES[random.nextInt(PERSON_CUES.length)]).append(" ");
                        }
                        slot(doc, random.nextInt(4) == 0 ? "PL" : random.nextInt(3) == 0 ? "PF" : "P");
                    } else if (kind < 8) {
                        if (random.nextBoolean() && i > 0) {
                            doc.append(PLACE_CUES[random.nextInt(PLACE_CUES.length)]).append(" ");
                        }
                        slot(doc, random.nextBoolean() ? "C" : "L");
                    } else if (kind < 9) {
                        if (random.nextBoolean() && i > 0) {
                            doc.append(ORG_CUES[random.nextInt(ORG_CUES.length)]).append(" ");
                        }
                        slot(doc, "O");
                    } else {
                        slot(doc, new String[] {"T", "W", "D", "M", "NA", "J"}[random.nextInt(6)]);
                    }
                    continue;
                }
                String w = random.nextInt(3) == 0 ? FUNCTION_WORDS[random.nextInt(FUNCTION_WORDS.length)]
                        : pick(pools.commonWords);
                if (i == 0) {
                    w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                }
                doc.append(w);
            }
            doc.append(random.nextInt(5) == 0 ? "?" : random.nextInt(6) == 0 ? "" : ".");
        }
    }

    /** An e-mail signature or contact card: field labels are not names. */
    private void contactCard(Annotated doc) {
        fill(doc, random.nextBoolean() ? "{P}\n{J}\n" : "{P}  {J}  ");
        String sep = random.nextBoolean() ? "\n" : "  ";
        String[] fields = {"Phone: +1 555 0{N}", "Mobile: 0{N} {N} {N}", "Fax: (0{N}) {N}", "Desk: {N}-{N}",
            "E-mail: {E}", "Email: {E}", "Website: https://www.example.com/", "Company: {O}", "Office: {C}",
            "Personal Info:", "Address: " + pick(pools.streets), "Department: {W}", "Employer: {O}"};
        int n = 2 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            fill(doc, fields[random.nextInt(fields.length)]);
            doc.append(sep);
        }
    }

    /** Social media style: mentions, hashtags, slang, and names often typed in lower case. */
    private void social(Annotated doc) {
        String[] posts = {"lol {P} just posted the best thread", "omg {PF} is in {C} rn", "cant believe {O} did that again",
            "rt @{U}: {P} is speaking at the {W} summit in {C}", "me and {PF} at the beach #{W}", "{PF} u coming tonight?",
            "watching {P} live from {C} tonight!!", "{O} support is useless smh", "new vid up, shoutout to {P}",
            "@{U} ask {PF}, she knows", "just landed in {C} :)", "{P} for president", "who else is going to {C} next month",
            "is {O} down for anyone else?", "the {T} update broke everything lol", "happy {D} everyone",
            "{PF} and {PF} are the best", "miss u {PF} <3", "#{C} traffic is insane today", "thanks @{U} and {P}!!"};
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                doc.append("\n");
            }
            Annotated post = new Annotated();
            fill(post, posts[random.nextInt(posts.length)]);
            if (random.nextInt(3) == 0) {
                post = post.recased(false);
            }
            int offset = doc.length();
            doc.append(post.text());
            for (Annotated.Mention m : post.mentions()) {
                doc.mention(m.type(), offset + m.start(), offset + m.end());
            }
        }
    }

    private void csv(Annotated doc) {
        doc.append("name,company,city\n");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            fill(doc, "{P},{O},{C}\n");
        }
    }

    /** Appends {@code template} to {@code doc}, replacing every slot with a sampled value. */
    void fill(Annotated doc, String template) {
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0 || !isSlotName(template.substring(open + 1, close))) {
                int stop = open < 0 ? template.length() : open + 1;
                doc.append(template.substring(i, stop));
                i = stop;
                continue;
            }
            doc.append(template.substring(i, open));
            slot(doc, template.substring(open + 1, close));
            i = close + 1;
        }
    }

    private static boolean isSlotName(String s) {
        return !s.isEmpty() && s.length() <= 3 && s.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    private void slot(Annotated doc, String name) {
        switch (name) {
            case "P" -> person(doc);
            case "PF" -> doc.entity(PERSON, firstName());
            case "PL" -> doc.entity(PERSON, lastName());
            case "TP" -> {
                doc.append(pick(EntityPools.TITLES)).append(" ");
                doc.entity(PERSON, random.nextInt(3) == 0 ? firstName() + " " + lastName() : lastName());
            }
            case "C" -> doc.entity(LOCATION, random.nextInt(12) == 0 ? invented.place() : pick(pools.cities));
            case "CO" -> doc.entity(LOCATION, pick(pools.countries));
            case "R" -> doc.entity(LOCATION, pick(pools.regions));
            case "L" -> {
                int r = random.nextInt(3);
                doc.entity(LOCATION, r == 0 ? pick(pools.countries) : r == 1 ? pick(pools.regions) : pick(pools.cities));
            }
            case "O" -> doc.entity(ORGANIZATION, organization());
            case "T" -> doc.append(pick(pools.products));
            case "J" -> doc.append(pick(pools.jobTitles));
            case "W" -> doc.append(pick(EntityPools.CAPITALISED_WORDS));
            case "D" -> doc.append(pick(EntityPools.DAYS));
            case "M" -> doc.append(pick(EntityPools.MONTHS));
            case "N" -> doc.append(Integer.toString(random.nextInt(random.nextBoolean() ? 100 : 10000)));
            case "DIS" -> doc.append(pick(pools.diseases));
            case "MED" -> doc.append(pick(pools.medicines));
            case "U" -> doc.append(handle());
            case "NA" -> doc.append(pick(pools.nationalities));
            case "E" -> doc.append(firstName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + "@example.com");
            default -> throw new IllegalArgumentException("unknown template slot {" + name + "}");
        }
    }

    private void person(Annotated doc) {
        int form = random.nextInt(100);
        String first = firstName();
        String last = lastName();
        String value;
        if (form < 58) {
            value = first + " " + last;
        } else if (form < 70) {
            value = first;
        } else if (form < 76) {
            value = first + " " + (char) ('A' + random.nextInt(26)) + (random.nextBoolean() ? ". " : " ") + last;
        } else if (form < 84) {
            value = first + " " + firstName() + " " + last;
        } else if (form < 88) {
            value = first + " " + last + "-" + lastName();
        } else if (form < 91) {
            value = last + ", " + first;
        } else if (form < 94) {
            value = (first + " " + last).toUpperCase(Locale.ROOT);
        } else {
            value = invented.name() + " " + invented.name();
        }
        doc.entity(PERSON, value);
    }

    private String handle() {
        String h = firstName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return (h.isEmpty() ? "user" : h) + (random.nextBoolean() ? "_" + random.nextInt(100) : "");
    }

    private String organization() {
        int r = random.nextInt(100);
        if (r < 38) {
            return pick(pools.companies);
        }
        if (r < 50) {
            return pick(pools.institutions);
        }
        if (r < 72) {
            // One coined word and nothing else: the context alone says it is a company.
            return random.nextInt(3) == 0 ? invented.name() : invented.brand();
        }
        String[] suffixes = {" Inc.", " Ltd", " LLC", " GmbH", " Corp.", " Group", " Labs", " Technologies",
            " Bank", " Foundation", " Partners", " Systems", " AG", " S.A.", " Holdings", " Media", " Capital",
            " Health", " Insurance", " Airlines", " Orchestra", " Club"};
        String base = random.nextBoolean() ? invented.brand() : invented.name();
        return base + suffixes[random.nextInt(suffixes.length)];
    }

    private String firstName() {
        return random.nextInt(15) == 0 ? invented.name() : pick(pools.firstNames);
    }

    private String lastName() {
        return random.nextInt(15) == 0 ? invented.name() : pick(pools.lastNames);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
