package dev.veil.detectors.pattern;

import dev.veil.detectors.Detector;
import dev.veil.detectors.pattern.PatternDetector.CharTest;
import dev.veil.detectors.pattern.PatternDetector.StartTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules of the street address detector, one per shape of the street line:
 * <ul>
 * <li>number first, English street type last: "221B Baker Street", "1600 Pennsylvania Ave NW"
 * (US, UK, CA, AU, IE, IN and the other countries that write so); a street type that is also a
 * common word ("Parks", "Coves") counts only with a unit, a locality or a next line after it;
 * <li>number first, French street type first: "12 rue de la Paix";
 * <li>name first, type inside the last word, number last: "Hauptstraße 5", "Birkenvej 12"
 * (DE, AT, CH, NL, the Nordic countries), also with a leading adjective or preposition
 * ("Berliner Straße 12", "Am Lindenweg 3"), initials ("J. P. Veldstraat 14"), a staircase and
 * flat ("Koivutie 12 B 34"), and a building number before it ("3310 Lindenweg 12");
 * <li>name, then a street type as a word of its own, number last: "Fenyves utca 22", "Havlund
 * gate 8" (HU, NO, DK, PL, ...); Hungarian names may hold lower-case words and the house
 * number its full stop ("Bocskai fejedelem útja 3.");
 * <li>street type first, number last: "Via Roma 10", "Via Roma, 10", "Calle Mayor, nº 5", "Rua do
 * Carmo 12", "ul. Polna 5", the Belgian "Rue de la Loi 16";
 * <li>any capitalised name with a number last, when a unit follows ("Kestrel 14, Apt 3"), when
 * a word before says an address comes ("lives at", "address:"), or when a locality with a
 * postcode follows ("Kestrel 14, 10115 Lindau");
 * <li>romanised Japanese blocks: "1-2-3 Kitamachi, Minato-ku";
 * <li>postal shapes: "P.O. Box 123", "Postfach 1234", US military "PSC 1234, Box 5678, APO AE
 * 09001";
 * <li>intersections: "the corner of 5th Avenue and Main Street".
 * </ul>
 * Every street line takes what follows it when it is part of the address: units and floors
 * ("Apt. 3", "Suite 200", "Fifth Floor", "2. th.", "3º B"), a district ("Col. Roma Norte"), a
 * locality in the shapes postal services write it ("Springfield, IL 62704", "London SW1A 2AA",
 * ", 10115 Berlin", "00-950 Warszawa", "São Paulo - SP, 01310-200", "Tokyo 105-0011", ", Lyon,
 * France", "OAKDENE Australia") and envelope lines. A match inside a longer one is part of it;
 * other overlapping matches are reported once, the strongest and then the longest.
 *
 * <p>Every expression is linear: possessive or bounded repetition only.
 */
final class StreetAddresses {

    static final String TYPE = "pii.street_address";

    private StreetAddresses() {
    }

    private static final String SP = "[ \\t]{1,3}+";
    /** A capitalised word: "Baker", "O'Neil", "Saint-Denis", "St.", "Λ.". */
    private static final String CAP = "\\p{Lu}[\\p{L}'’.-]{0,30}+";
    /** Lower-case words inside street and town names: "Rue de la Paix", "Via dei Mille". */
    private static final String PARTICLE = "(?:de|del|della|delle|dei|degli|di|da|do|dos|das|du|des|la|le|les|los|las"
            + "|el|von|vom|van|der|den|ter|ten|y|e|am|an|im|zum|zur|sur|sous|aux|an der|in der|z|ze|u|nad|pod|na)(?![\\p{L}'’])";
    /** A capitalised word after up to two particles or an elision: "de la Paix", "d'Orvanne". */
    private static final String NAME_PART = "(?:(?:" + PARTICLE + SP + "){0,2}+|[dlDL]['’])" + CAP;
    /** One to four words of a street name. */
    private static final String NAME = NAME_PART + "(?:" + SP + NAME_PART + "){0,3}+";
    /** A house number that comes last: "5", "12a", "5-7", "14/2"; not "3.11" nor "10:30". */
    private static final String HOUSE_LAST = "\\d{1,4}+[A-Za-z]?(?:[/-]\\d{1,4}+[A-Za-z]?)?+(?![\\p{L}\\d]|[.,:]\\d)";
    /** A house number that comes first; the first digit before the lookbehind, so other chars fail at once. */
    private static final String NUMBER = "\\d(?<![\\w.,/-]\\d)\\d{0,5}+[A-Za-z]?(?:-\\d{1,4})?";
    /** A building number before the house number, as some countries and data sets write it. */
    private static final String SECOND_NUMBER = "(?:\\d{1,5}+[A-Za-z]?" + SP + ")?+";
    private static final String WORD = "(?:\\p{Lu}[\\p{L}'.-]{0,30}+|\\d{1,3}(?:st|nd|rd|th))";

    /** Street types that make a street on their own. */
    private static final List<String> EN_STRONG_WORDS = List.of(
            "Street", "St", "Str", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln", "Drive", "Dr", "Court",
            "Ct", "Way", "Place", "Pl", "Terrace", "Ter", "Circle", "Cir", "Parkway", "Pkwy", "Highway", "Hwy",
            "Square", "Sq", "Close", "Crescent", "Cres", "Gardens", "Grove", "Mews", "Row", "Hill", "Walk", "Trail",
            "Loop", "Alley", "Plaza", "Pike", "Ridge", "Crossing", "Point", "Heights", "Green", "Park", "Vale",
            "Wharf", "Expressway", "Expy", "Freeway", "Fwy", "Turnpike", "Tpke", "Causeway", "Bypass", "Crossroad",
            "Motorway", "Esplanade", "Promenade", "Quay", "Stravenue", "Overpass", "Underpass", "Viaduct", "Skyway");
    /**
     * Street types of the US postal list that are common words too ("Parks", "Union"): a street
     * only with more of an address after it.
     */
    private static final List<String> EN_WEAK_WORDS = List.of(
            "Streets", "Avenues", "Roads", "Lanes", "Drives", "Courts", "Ways", "Places", "Squares", "Circles",
            "Crescents", "Groves", "Hills", "Ridges", "Points", "Greens", "Parks", "Parkways", "Alleys", "Plazas",
            "Crossroads", "Extensions", "Extension", "Junctions", "Junction", "Bluffs", "Bluff", "Bottoms", "Bottom",
            "Branch", "Bridges", "Bridge", "Brooks", "Brook", "Burgs", "Burg", "Camp", "Canyon", "Cape", "Centers",
            "Center", "Cliffs", "Cliff", "Clubs", "Club", "Commons", "Common", "Corners", "Corner", "Course",
            "Coves", "Cove", "Creek", "Crest", "Curve", "Dale", "Dam", "Divide", "Estates", "Estate", "Falls",
            "Fall", "Ferry", "Fields", "Field", "Flats", "Flat", "Fords", "Ford", "Forest", "Forges", "Forge",
            "Forks", "Fork", "Fort", "Gateway", "Glens", "Glen", "Harbours", "Harbour", "Harbors", "Harbor", "Haven",
            "Hollow", "Inlet", "Islands", "Island", "Isle", "Keys", "Key", "Knolls", "Knoll", "Lakes", "Lake",
            "Landing", "Lights", "Light", "Locks", "Lock", "Lodge", "Manors", "Manor", "Meadows", "Meadow", "Mills",
            "Mill", "Mission", "Mount", "Mountains", "Mountain", "Neck", "Orchard", "Oval", "Pass", "Passage",
            "Path", "Pines", "Pine", "Plains", "Plain", "Ports", "Port", "Prairie", "Radial", "Ramp", "Ranch",
            "Rapids", "Rapid", "Rest", "River", "Route", "Run", "Shoals", "Shoal", "Shores", "Shore", "Springs",
            "Spring", "Spurs", "Spur", "Station", "Stream", "Summit", "Trace", "Track", "Tunnel", "Unions", "Union",
            "Valleys", "Valley", "Views", "View", "Villages", "Village", "Ville", "Vista", "Walks", "Wall", "Wells",
            "Well");
    /** Both lists in one alternation, so that a rule tries them in one pass. */
    private static final String EN_TYPE = WordAlternation.of(
            Stream.concat(EN_STRONG_WORDS.stream(), EN_WEAK_WORDS.stream()).toList());
    private static final String DIRECTION = "(?:[ \\t]{1,3}+(?:NE|NW|SE|SW|N|S|E|W|North|South|East|West)(?![\\p{L}\\d]))?+";

    private static final String UNIT_WORD = "(?:Apt\\.|Apartment|Suite|Ste\\.|Unit|Flat)";
    /** A unit after the street line, on the same line or the next. */
    private static final String UNIT = "(?:,?[ \\t]{1,3}+|,?[ \\t]*+\\r?\\n[ \\t]*+)(?:(?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Flat"
            + "|Floor|Fl\\.?|lok\\.|m\\.)(?!\\p{Ll})[ \\t]{0,3}+#?[A-Za-z0-9-]{1,6}+|#[ \\t]{0,2}+\\d[A-Za-z0-9-]{0,5}+"
            // "Fifth Floor", "2nd Floor" (US, UK); "2. th.", "st. tv." (DK); "3º B", "2º izq." (ES)
            + "|(?:\\d{1,2}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Ground|Top)"
            + "[ \\t]{1,3}+Floor|(?:\\d{1,2}\\.|st\\.|kl\\.)[ \\t]{0,2}+(?:th|tv|mf)\\.?"
            + "|\\d{1,2}[º°ª][ \\t]{0,2}+(?:[A-Z]|izq\\.?|izda\\.?|dcha\\.?|dr\\.?)?+)(?![\\p{L}\\d])";
    private static final String UNITS = "(?:" + UNIT + "){0,2}+";

    /** A town: capitalised words, also with particles ("Saint-Jean-de-Luz", "Villar del Monte"). */
    private static final String TOWN = "\\p{Lu}[\\p{L}'’.-]{1,30}+(?:[ \\t](?:" + PARTICLE + "[ \\t])?\\p{Lu}[\\p{L}'’.-]{1,30}+){0,3}";
    private static final String UK_POSTCODE = "[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]{0,2}\\d[A-Z]{2}(?![\\p{L}\\d])";
    /** An Irish Eircode: a routing key and a unique identifier, "D02 X285". */
    private static final String EIRCODE = "[AC-FHKNPRTV-Y]\\d[\\dW][ \\t]?[AC-FHKNPRTV-Y\\d]{4}(?![\\p{L}\\d])";
    /** A postcode before the town: "10115", "1010", "A-1010", "75008", "00-950" (PL), "113 21" (SE, CZ, SK, GR), "1012 AB" (NL). */
    private static final String POSTCODE_FIRST = "(?:(?:[A-Z]{1,2}-)?\\d{4,5}(?:[ \\t]?[A-Z]{2}(?![\\p{L}\\d]))?|\\d{2}-\\d{3}|\\d{4}-\\d{3}"
            + "|\\d{3}[ \\t]\\d{2})(?![\\p{L}\\d-])";
    /** A district between the street and the town: "Col. Roma Norte" (MX), "Bairro Centro" (BR), "Urb. Los Olivos" (ES). */
    private static final String DISTRICT = "(?:," + SP + "(?:Col\\.|Colonia|Fracc\\.|Barrio|Bairro|Urb\\.|Urbanización)" + SP
            + "\\p{Lu}[\\p{L}'’.-]{1,30}+(?:[ \\t]\\p{Lu}[\\p{L}'’.-]{1,30}+){0,3}+)?+";
    private static final String COUNTRY = countries();
    /**
     * The locality after a street line, taken only when it is clearly one: a US state and ZIP
     * code, a UK or Canadian postcode, a European postcode before the town, or a country.
     */
    private static final String LOCALITY = "(?:,?" + SP + TOWN + ",?" + SP + "[A-Z]{2,3}" + SP + "\\d{4,5}(?:-\\d{3,4})?(?!\\d)"
            + "(?:,?" + SP + COUNTRY + "(?![\\p{L}]))?"
            // A state or province written out: "Springfield, Illinois 62704", "Ravelford, Victoria 3121"
            + "|," + SP + TOWN + "," + SP + TOWN + SP + "\\d{4,5}(?:-\\d{4})?(?![\\p{L}\\d])"
            + "|,?" + SP + TOWN + ",?" + SP + "(?:" + UK_POSTCODE + "|" + EIRCODE + ")"
            + "|,?" + SP + TOWN + ",?" + SP + "[A-Z]{2}" + SP + "[A-Z]\\d[A-Z][ \\t]?\\d[A-Z]\\d(?![\\p{L}\\d])"
            + "|,?" + SP + TOWN + "(?:," + SP + TOWN + ")?[ \\t]{0,3}+[-/,][ \\t]{0,3}+[A-Z]{2},?" + SP + "\\d{5}-?\\d{3}(?![\\p{L}\\d])"
            + "|,?" + SP + POSTCODE_FIRST + SP + TOWN + "(?:,?" + SP + "\\(?[A-Z]{2}\\)?(?![\\p{L}\\d]))?(?:," + SP
            + "(?:" + COUNTRY + "(?![\\p{L}])|[A-Z]{2,4}(?![\\p{L}\\d])))?"
            // A town and a postcode of six digits or with a dash: IN "Pune 411001", "Mumbai - 400001"; JP "Tokyo 150-0002"
            + "|,?" + SP + TOWN + "(?:," + SP + TOWN + ")?(?:" + SP + "|[ \\t]{0,3}+-[ \\t]{0,3}+)(?:\\d{3}[ \\t]?\\d{3}|\\d{3}-\\d{4})"
            + "(?![\\p{L}\\d])"
            + "|," + SP + "(?:" + TOWN + ",?" + SP + "(?:" + TOWN + ",?" + SP + ")?)?" + COUNTRY + "(?![\\p{L}])(?:,?" + SP
            + "\\d{4,5}(?!\\d))?"
            // A town in capitals, as the postal standards of many countries write it, then a country.
            + "|" + SP + "\\p{Lu}{2,}+[\\p{Lu}'’.-]{0,30}+(?:[ \\t]\\p{Lu}{2,}+[\\p{Lu}'’.-]{0,30}+){0,2}+,?" + SP + COUNTRY
            + "(?![\\p{L}])"
            // Without a comma, a country ("... Jordan said") ends the line or comes before its postcode.
            + "|" + SP + "(?:" + TOWN + ",?" + SP + "(?:" + TOWN + ",?" + SP + ")?)?" + COUNTRY + "(?![\\p{L}])(?:,?" + SP
            + "\\d{4,5}(?![\\p{L}\\d])|(?=[ \\t]*+(?:\\r?\\n|$|[.,;:!?)])))"
            + "|,?" + SP + TOWN + ",?" + SP + "[A-Z]{2,3}(?![\\p{L}\\d])(?=[ \\t]*+(?:\\r?\\n|$|[.,;:!?)])))";
    private static final String TAIL = LOCALITY + "?+";

    /**
     * Envelope-style continuation: up to three more lines of an address (a unit, a town, a
     * region and postcode, a country, a postcode alone), each short and led by a word, so that
     * a line of phone digits after an address is not taken.
     */
    private static final String LETTER_TOKEN = "(?:[A-Z][A-Z0-9]{1,7}+(?![\\p{L}\\d])|\\p{Lu}[\\p{L}'.’-]{0,30}+"
            + "|\\(\\p{L}[\\p{L}'.’-]{0,30}+\\))";
    private static final String LINE_TOKEN = "(?:[A-Z0-9]{2,8}+(?![\\p{L}\\d])|" + LETTER_TOKEN + ")";
    private static final String NEXT_LINES = "(?:,?[ \\t]*+\\r?\\n(?:[ \\t]*+>){0,4}+[ \\t,]*+(?:(?:Apt\\.?|Suite|Unit|Flat)(?!\\p{Ll})[ \\t]{0,3}+#?\\w{1,6}+"
            + "|#[ \\t]{0,2}+\\d\\w{0,5}+"
            + "|\\d{4,6}+(?![\\p{L}\\d])"
            + "|(?:\\d{2,8}+[ \\t,]{1,3}+)?" + LETTER_TOKEN + "(?:[ \\t,]{1,3}+" + LINE_TOKEN + "){0,5}+)"
            + "(?:(?=[ \\t]*+(?:\\r?\\n|$|[,.?!;)]))|(?<=[^\\p{L}\\d]\\d{4,6})(?=[ \\t]{1,3}+\\p{Ll}))){0,3}+";
    /**
     * What may follow any street line: units, a locality, envelope lines. After a unit, the
     * words that end the line are the town ("Suite 5 Lowmoor Dunfield"), as a one-line address
     * without commas writes it.
     */
    static final Pattern AFTER = Pattern.compile("(?:(?:" + UNIT + "){1,2}+" + SP + TOWN + "(?=[ \\t]*+(?:\\r?\\n|$|[.;!?]))"
            + "|" + UNITS + DISTRICT + TAIL + ")" + NEXT_LINES);
    /** A unit right after a street line. */
    static final Pattern UNIT_AFTER = Pattern.compile(UNIT);

    /** English words that end like a street type of another language: "Brigade" is no "-gade". */
    private static final List<String> NOT_STREET_WORDS = List.of("brigade", "renegade", "blockade", "cutie", "sweetie",
            "hottie", "necktie", "bowtie", "aggregate", "delegate", "navigate", "investigate", "propagate", "mitigate",
            "litigate", "irrigate", "instigate", "obligate", "relegate", "surrogate", "segregate", "congregate",
            "interrogate", "variegate", "tailgate", "floodgate", "watergate");
    /** English words that are a street type of another language as a whole: "Gate 12" is at an airport. */
    private static final List<String> NOT_STREET_NAMES = List.of("gate", "tie", "kade", "laan");

    /** French street types, which come first: "12 rue de la Paix". */
    private static final List<String> FR_TYPE_LIST = List.of("rue", "avenue", "av.", "boulevard", "bd", "place",
            "impasse", "allée", "allee", "chemin", "quai", "cours", "route", "square", "passage");
    private static final Set<String> FR_TYPES = Set.copyOf(FR_TYPE_LIST.stream().map(t -> t.replace(".", "")).toList());

    /** Street types inside the last word of a name, as German and the Nordic languages write them. */
    private static final List<String> TYPE_SUFFIX_WORDS = List.of(
            "straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "damm", "ufer", "chaussee", "steig",
            "pfad", "markt", "gade", "vej", "veien", "vegen", "veg", "vei", "vägen", "väg", "gatan", "gata",
            "gate", "götu", "braut", "vegur", "stræde", "stræti", "straeti", "stien", "bakken", "plass", "torget",
            "torg", "gränd", "plads", "vænget", "vænge", "katu", "tie", "kuja", "polku", "väylä", "kaari", "raitti", "straat",
            "laan", "plein", "gracht", "kade", "singel", "dreef", "steeg", "dijk",
            "utca", "ulica", "ulice", "cesta", "tänav", "iela");
    private static final String TYPE_SUFFIX = WordAlternation.of(TYPE_SUFFIX_WORDS);
    /** Separate words for a street that the German adjective forms come before: "Berliner Straße". */
    private static final List<String> DE_TYPE_WORD_WORDS = List.of(
            "Straße", "Strasse", "Str.", "Weg", "Allee", "Platz", "Gasse", "Ring", "Damm", "Ufer", "Chaussee",
            "Steig", "Pfad", "Markt");
    private static final String DE_TYPE_WORD = WordAlternation.of(DE_TYPE_WORD_WORDS);
    private static final String DE_PREFIX = "(?:(?:Am|Im|Zum|Zur|An[ \\t]der|An[ \\t]den|In[ \\t]der|Auf[ \\t]der"
            + "|Auf[ \\t]dem|Unter[ \\t]den|Hinter[ \\t]der)" + SP + "|\\p{Lu}\\p{L}{1,30}+(?<=er|e)" + SP
            + "(?=" + DE_TYPE_WORD + SP + "\\d))?+";
    /** Lower-case street words of their own before the number: "Fenyves utca 22", "Havlund gate 8". */
    private static final List<String> HU_TYPE_WORDS = List.of(
            "u.", "utca", "út", "útja", "tér", "tere", "körút", "krt.", "rkp.", "rakpart", "köz", "sor", "sétány",
            "fasor", "kapu", "dűlő", "lépcső", "liget", "udvar", "sugárút", "körtér", "lejtő");
    /**
     * Hungarian street types: the name before them may hold lower-case words ("Bocskai fejedelem
     * útja"), and the house number after them ends with a full stop ("Fő utca 12.").
     */
    private static final String HU_TYPE_WORD = WordAlternation.of(HU_TYPE_WORDS);
    private static final List<String> TYPE_WORD_WORDS = Stream.concat(HU_TYPE_WORDS.stream(), Stream.of(
            "gate", "gata", "gatan", "vei", "veien", "veg", "vej", "vägen", "väg", "gade", "allé", "plass", "torg",
            "terrasse", "stræde", "straat", "laan", "weg", "gracht", "kade", "plein", "põik", "tänav", "tee", "iela",
            "ulica", "ulice", "cesta", "trg", "náměstí", "nábřeží", "třída", "maantee", "puiestee", "sokak", "caddesi",
            "cd.")).toList();
    private static final String TYPE_WORD = WordAlternation.of(TYPE_WORD_WORDS);
    /** Street words that come first, before the name and the number. */
    private static final List<String> FIRST_WORDS = List.of("Via", "Viale", "Vicolo", "Piazza", "Piazzale", "Corso",
            "Largo", "Strada", "Contrada", "Piazzetta", "Salita", "Lungomare", "Borgo", "Calle", "Avenida", "Avda.", "Av.",
            "Paseo", "Plaza", "Camino", "Carretera", "Ronda", "Travesía", "Callejón", "Pasaje", "Glorieta", "Calzada",
            "Rua", "Rúa", "Travessa", "Praça", "Estrada", "Alameda", "Rodovia", "Ladeira", "Carrer", "Passeig", "Rue",
            "Avenue", "Chaussée", "Boulevard", "Quai", "Ul.", "ul.", "Al.", "al.", "Aleja", "Pl.", "pl.", "Plac", "C/",
            "Str.", "Οδός", "Λεωφόρος", "Πλατεία");
    private static final String FIRST_WORD = WordAlternation.of(FIRST_WORDS);

    /** The detector: every rule, extended by what follows, overlapping findings resolved. */
    static Detector detector() {
        return new StreetAddressDetector(List.of(
                new StreetAddressDetector.Rule(numberFirst(), (t, s, e) -> englishNeeds(t.substring(s, e))),
                new StreetAddressDetector.Rule(unitThenNumberFirstEnglish(), (t, s, e) -> englishNeeds(t.substring(s, e))),
                new StreetAddressDetector.Rule(typedNameThenNumber(), Need.NOTHING),
                new StreetAddressDetector.Rule(typeWordFirst(), Need.NOTHING),
                new StreetAddressDetector.Rule(nameThenNumberThenUnit(), Need.NOTHING),
                new StreetAddressDetector.Rule(nameThenNumberAfterAddressWord(), Need.NOTHING),
                new StreetAddressDetector.Rule(nameThenNumberThenLocality(), Need.POSTCODE),
                new StreetAddressDetector.Rule(postBox(), Need.NOTHING),
                new StreetAddressDetector.Rule(japaneseBlock(), Need.NOTHING),
                new StreetAddressDetector.Rule(military(), Need.NO_EXTENSION),
                new StreetAddressDetector.Rule(intersection(), Need.NO_EXTENSION),
                new StreetAddressDetector.Rule(unitAlone(), Need.NO_EXTENSION)));
    }

    /** What a street line needs after it to be reported, and whether it takes what follows. */
    enum Need {
        /** Reported as it is, and takes what follows. */
        NOTHING,
        /** Reported only with a unit, a locality or a next line after it, which it takes. */
        MORE,
        /** Reported as it is; what follows is not part of it. */
        NO_EXTENSION,
        /** Reported only when what follows holds a postcode ({@link #POSTCODE}), which it takes. */
        POSTCODE
    }

    /**
     * A postcode in what follows a street line: four to six digits that are not a year, "113 21",
     * "00-950", or a UK, Canadian or Irish shape.
     */
    static final Pattern POSTCODE = Pattern.compile("(?<![\\p{L}\\d])(?:(?!(?:19|20)\\d\\d(?!\\d))\\d{4,6}+|\\d{3} \\d{2}"
            + "|\\d{2}-\\d{3}|" + UK_POSTCODE + "|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|" + EIRCODE + ")(?![\\p{L}\\d])");

    private static final Set<String> WEAK_TYPES = Set.copyOf(EN_WEAK_WORDS);
    private static final Pattern LAST_WORD = Pattern.compile("(\\p{L}++)\\.?(?:[ \\t]{1,3}+(?:NE|NW|SE|SW|N|S|E|W|North|South|East|West))?$");

    private static final Pattern FRENCH = Pattern.compile("^[^ \\t,]++,?[ \\t]{1,3}+(?:\\d{1,5}+[A-Za-z]?[ \\t]{1,3}+)?+"
            + "(?i:" + String.join("|", FR_TYPE_LIST).replace(".", "\\.") + ")(?![\\p{L}])");

    /** A street type that is also a common word ("12 Elm Coves") needs more of an address after it. */
    private static Need englishNeeds(String street) {
        java.util.regex.Matcher m = LAST_WORD.matcher(street);
        return m.find() && WEAK_TYPES.contains(m.group(1)) && !FRENCH.matcher(street).find() ? Need.MORE : Need.NOTHING;
    }


    /** "Apt. 3 12 Elm Road", "Flat 2, 10 High Street": a unit before the number. */
    private static PatternDetector unitThenNumberFirstEnglish() {
        return street(24, CharTest.anyOf("AUSF"), CharTest.wordOr("."),
                (t, i) -> unitWordAt(t, i) && letterRunWithin(t, i, 180, EN_TYPES, false),
                "(?<![\\w.])(?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Flat)(?!\\p{Ll})[ \\t]{0,3}+#?[A-Za-z0-9-]{1,6}+,?" + SP
                        + NUMBER + SP + SECOND_NUMBER + "(?:[NSEW]\\.?" + SP + ")?(?:" + WORD + SP + "){1,4}"
                        + EN_TYPE + "(?![\\p{L}\\d])\\.?" + DIRECTION, 0.75);
    }




    private static final String FR_TYPE = "(?i:" + String.join("|", FR_TYPE_LIST).replace(".", "\\.") + ")";

    /**
     * Number first: "221B Baker Street", "1600 Pennsylvania Ave NW", "12 Elm Coves" (English
     * street types last), "12 rue de la Paix", "12, avenue Victor Hugo 3" (French types first;
     * the Belgian order has a number last too). One expression for both, so that the text is
     * walked once for them.
     */
    private static PatternDetector numberFirst() {
        return street(0, 112, CharTest.digit(), CharTest.wordOr(".,/-"),
                (t, i) -> numberThenName(t, i, true) && letterRunWithin(t, i, 160, EN_TYPES, false)
                        || numberThenName(t, i, false) && letterRunWithin(t, i, 40, FR_TYPES, true),
                NUMBER + "(?:" + SP + SECOND_NUMBER + "(?:[NSEW]\\.?" + SP + ")?(?:" + WORD + SP + "){1,4}"
                        + EN_TYPE + "(?![\\p{L}\\d])\\.?" + DIRECTION
                        + "|,?" + SP + SECOND_NUMBER + FR_TYPE + SP + NAME + "(?:" + SP + HOUSE_LAST + ")?+)", 0.75);
    }

    /**
     * The number last, after a name that holds its street type: "Hauptstraße 5", "Berliner
     * Straße 12", "Am Lindenweg 3a" (the type inside the last word, as German and the Nordic
     * languages write it), "Fenyves utca 22", "Havlund gate 8" (a type word of its own).
     */
    private static PatternDetector typedNameThenNumber() {
        return street(64, 12, c -> c >= '0' && c <= '9' || upper(c), StreetAddresses::letterOrDigit,
                (t, i) -> wordsThenDigit(t, afterBuildingNumber(t, i), 4, StreetAddresses::typedWord),
                BUILDING_NUMBER + "(?<![\\p{L}\\d])(?=\\p{Lu})(?:" + INITIALS + DE_PREFIX + "\\p{Lu}[\\p{L}'’-]{0,40}+\\.?(?<=(?i:" + TYPE_SUFFIX + "))(?<!(?i:" + String.join("|", NOT_STREET_WORDS) + "))(?<!(?<![\\p{L}'’-])(?i:" + String.join("|", NOT_STREET_NAMES) + "))"
                        // "Boarding gate 12" is at an airport, "Havlund gate 8" in Norway.
                        + "|(?!(?:Boarding|Departure|Arrival|Security|Exit|Entrance)s?[ \\t]{1,3}+gate)"
                        + "\\p{Lu}[\\p{L}'’.-]{0,30}+(?:" + SP + CAP + "){0,2}+" + SP + TYPE_WORD + "(?![\\p{L}])"
                        + "|\\p{Lu}[\\p{L}'’.-]{0,30}+(?:" + SP + "\\p{L}[\\p{L}'’.-]{0,30}+){0,2}" + SP + HU_TYPE_WORD + "(?![\\p{L}]))"
                        + SP + HOUSE_LAST + HU_STOP + STAIRCASE, 0.75);
    }

    /** A staircase and a flat after the house number, as Finland and Sweden write them: "Kuusitie 12 B 34". */
    private static final String STAIRCASE = "(?:" + SP + "[A-H](?:" + SP + "\\d{1,3}+)?+(?![\\p{L}\\d]))?+";
    /** A building number before the street line, as some data sets and forms write it: "12 Lindenweg 4". */
    private static final String BUILDING_NUMBER = "(?:\\d(?<![\\p{L}\\d.,/-]\\d)\\d{0,5}+" + SP + ")?+";
    /** Initials or a title before a name that holds its type: "J. P. Coenstraat", "Dr. Lindenweg". */
    private static final String INITIALS = "(?:\\p{Lu}\\p{Ll}{0,3}+\\." + SP + "){0,3}+";
    /** The full stop of a Hungarian house number ("Fő utca 12."), not of a decimal nor a sentence that goes on. */
    private static final String HU_STOP = "(?:(?<=(?:" + HU_TYPE_WORD + ")[ \\t]{1,3}\\d{1,4}[A-Za-z]?(?:[/-]\\d{1,4}[A-Za-z]?)?)\\.(?=[ \\t\\r\\n,;]|$))?";

    private static boolean typedWord(String word) {
        return TYPE_WORDS.contains(word) || endsWithTypeSuffix(word);
    }

    /** "Via Roma 10", "Rua do Carmo 12", "ul. Polna 5", "3 Calle Mayor 5" (with a building number first). */
    private static PatternDetector typeWordFirst() {
        return street(64, 12, c -> c >= '0' && c <= '9' || FIRST_CHARS.test(c), StreetAddresses::letterOrDigit,
                StreetAddresses::typeWordFirstAt,
                "(?:\\d(?<![\\p{L}\\d.,/-]\\d)\\d{0,5}+" + SP + ")?+(?<![\\p{L}\\d])" + FIRST_WORD
                        + SP + NAME + ",?" + SP + "(?:(?:n[º°.]|núm\\.|Nr\\.)[ \\t]{0,2}+)?+" + HOUSE_LAST, 0.75);
    }

    /** "Kestrel 14, Apt 3", "Oakmoor 7\nSuite 200": a name and a number make a street when a unit follows. */
    private static PatternDetector nameThenNumberThenUnit() {
        return PatternDetector.builder(TYPE)
                .pattern(NAME_THEN_NUMBER + "(?=" + UNIT + ")")
                .validator(StreetAddresses::notADate)
                // Texts without a unit word skip this rule at once.
                .literals("Apt", "Apartment", "Suite", "Ste", "Unit", "Flat", "Fl", "#")
                .startsWith(c -> c >= '0' && c <= '9' || upper(c), StreetAddresses::letterOrDigit)
                .startsWhere((t, i) -> buildingThenWordsThenDigit(t, i) && unitAfterNextNumber(t, i))
                .near(Windows.DIGITS, 64, 12)
                .score(0.75)
                .context(STREET_WORDS, 0.9)
                .build();
    }

    /** "lives at Kestrel 14", "address: 12 Kestrel 14": a name and a number after an address word. */
    private static PatternDetector nameThenNumberAfterAddressWord() {
        return PatternDetector.builder(TYPE)
                .pattern(NAME_THEN_NUMBER)
                .validator(StreetAddresses::notADate)
                .startsWith(c -> c >= '0' && c <= '9' || upper(c), StreetAddresses::letterOrDigit)
                .startsWhere(StreetAddresses::buildingThenWordsThenDigit)
                .near(Windows.DIGITS, 64, 12)
                .requireContext(ADDRESS_WORDS, 0.8)
                .build();
    }

    /**
     * "Kestrel 14, 10115 Lindau", "Kestrel 14\nLindau\n10115": a name and a number at the end of
     * a line or before a comma make a street when a locality with a postcode follows, as most
     * of Europe and Latin America write an address whose street has no type word.
     */
    private static PatternDetector nameThenNumberThenLocality() {
        return PatternDetector.builder(TYPE)
                .pattern(NAME_THEN_NUMBER + "(?=[ \\t]*+[,\\r\\n])")
                // Tabs line up the columns of a table ("Help\t\t90\n"), not the words of a street.
                .validator(c -> notADate(c) && c.indexOf('\t') < 0)
                .startsWith(c -> c >= '0' && c <= '9' || upper(c), StreetAddresses::letterOrDigit)
                .startsWhere((t, i) -> buildingThenWordsThenDigit(t, i) && breakAfterNextNumber(t, i)
                        && !unitWordAt(t, afterBuildingNumber(t, i)))
                .near(Windows.DIGITS, 64, 12)
                .score(0.75)
                .context(STREET_WORDS, 0.9)
                .build();
    }

    private static final String NAME_THEN_NUMBER = "(?:\\d(?<![\\p{L}\\d.,/-]\\d)\\d{0,5}+" + SP + ")?+"
            + "\\p{Lu}(?<![\\p{L}\\d]\\p{Lu})[\\p{L}'’.-]{0,30}+(?:" + SP + NAME_PART + "){0,3}+" + SP + HOUSE_LAST;

    private static final ContextWords ADDRESS_WORDS = new ContextWords(List.of("address", "addresses", "my address",
            "home address", "lives at", "live at", "living at", "lives on", "live on", "located at", "located on",
            "ship to", "deliver to", "send it to", "sent to", "moved to", "resides at", "residence", "adresse",
            "anschrift", "wohnhaft", "wohnt in", "dirección", "indirizzo", "endereço", "domicile", "domicilio"), 48, 0,
            true);

    /**
     * A Japanese address written in Latin letters: block numbers first, then the district and
     * the ward or city ("1-2-3 Kitamachi, Minato-ku", "4-5 Sakuradai, Nerima City"); the
     * prefecture and postcode after it are the locality ("Tokyo 105-0011").
     */
    private static PatternDetector japaneseBlock() {
        return PatternDetector.builder(TYPE)
                .pattern("\\d(?<![\\p{L}\\d.,/-]\\d)\\d?+-\\d{1,4}+(?:-\\d{1,4}+)?+,?" + SP
                        + "\\p{Lu}[\\p{L}'’-]{1,30}+(?:" + SP + "\\p{Lu}[\\p{L}'’-]{1,30}+)?+,?" + SP
                        + "\\p{Lu}\\p{L}{1,30}+(?:-(?:ku|shi|cho|machi|gun|mura)(?![\\p{L}\\d])"
                        // "City" is a word of team and company names too: here only before a prefecture and postcode.
                        + "|" + SP + "(?:City|Ward)(?=,?" + SP + "\\p{Lu}\\p{L}{1,30}+,?" + SP + "\\d{3}-\\d{4}(?![\\p{L}\\d])))")
                .literals("-ku", "-shi", "-cho", "-machi", "-gun", "-mura", " City", " Ward")
                .startsWith(CharTest.digit(), CharTest.wordOr(".,/-"))
                .near(Windows.DIGITS, 0, 72)
                .score(0.75)
                .context(STREET_WORDS, 0.9)
                .build();
    }

    /** "P.O. Box 123", "PO Box 12, Springfield, IL 62704", "Postfach 10 20 30". */
    private static PatternDetector postBox() {
        return PatternDetector.builder(TYPE)
                .pattern("(?<![\\p{L}\\d])(?i:p\\.?[ \\t]?o\\.?[ \\t]?box|post[ \\t]office[ \\t]box|postbox|postfach"
                        + "|boîte[ \\t]postale|apartado(?:[ \\t]de[ \\t]correos)?|casella[ \\t]postale|caixa[ \\t]postal)"
                        + SP + "#?\\d{1,6}+(?:[ \\t]\\d{2,3}+){0,2}+(?![\\p{L}\\d])")
                .literals("Box", "box", "BOX", "Postfach", "postfach", "POSTFACH", "postale", "partado", "postal")
                .startsWith(CharTest.anyOf("PpBbAaCc"), StreetAddresses::letterOrDigit)
                .near(Windows.DIGITS, 40, 160)
                .score(0.8)
                .build();
    }

    /** US military mail: "PSC 1234, Box 5678, APO AE 09001", "Unit 2050 Box 4190\nAPO AP 96278", "USNS Comfort FPO AA 34090". */
    private static PatternDetector military() {
        return PatternDetector.builder(TYPE)
                .pattern("(?<![\\p{L}\\d])(?i:(?:psc|cmr|unit)" + SP + "\\d{1,5}+,?" + SP + "box" + SP + "\\d{1,5}+"
                        + "|(?:usns|usnv|uss|uscgc)" + SP + "\\p{L}[\\p{L}'’-]{0,30}+(?:" + SP + "\\p{L}[\\p{L}'’-]{0,30}+)?+)"
                        + "[ \\t]*+,?[ \\t]*+(?:\\r?\\n[ \\t]*+)?(?i:apo|fpo|dpo)" + SP + "(?i:aa|ae|ap)" + SP
                        + "\\d{5}(?:-\\d{4})?(?![\\p{L}\\d])")
                .literals("APO", "FPO", "DPO", "apo", "fpo", "dpo", "Apo", "Fpo", "Dpo")
                .startsWith(CharTest.anyOf("PpCcUu"), StreetAddresses::letterOrDigit)
                .near(Windows.DIGITS, 72, 40)
                .score(0.9)
                .build();
    }

    /** "the corner of 5th Avenue and Main Street": both streets, when one has a number or a street type. */
    private static PatternDetector intersection() {
        String side = "(?:\\d{1,5}+[A-Za-z]?" + SP + ")?+(?:(?:ul|u|al)\\." + SP + ")?+" + WORD + "(?:" + SP
                + "(?:" + WORD + "|\\d{1,4}+\\.?(?![\\p{L}\\d])|" + TYPE_WORD + "(?![\\p{L}]))){0,4}+";
        return PatternDetector.builder(TYPE)
                .pattern("(?<![\\p{L}\\d])(?i:corner)" + SP + "(?i:of)" + SP + "(" + side + SP + "(?:and|&)" + SP + side + ")")
                .group(1)
                .literals("corner", "Corner", "CORNER")
                .startsWith(CharTest.anyOf("Cc"), StreetAddresses::letterOrDigit)
                .validator(StreetAddresses::looksLikeStreets)
                .score(0.75)
                .build();
    }

    /** A unit on its own ("Flat 4", "Suite 12") is part of an address: reported, weakly. */
    private static PatternDetector unitAlone() {
        return PatternDetector.builder(TYPE)
                .startsWith(CharTest.anyOf("AUSF"), CharTest.wordOr("."))
                .pattern("(?=[AUSF])" + UNIT_WORD + "(?<![\\w.]" + UNIT_WORD + ")[ \\t]{1,3}+#?\\d{1,5}+[A-Z]?(?![\\w-])")
                .near(Windows.DIGITS, 16, 4)
                .score(0.5)
                .build();
    }

    /** {@code before}: how far before a digit a match may start (0 where it starts with the number). */
    private static PatternDetector street(int before, CharTest first, CharTest notAfter, StartTest where, String regex,
            double score) {
        return street(before, 160, first, notAfter, where, regex, score);
    }

    /** {@code after}: how far after its last digit a match may end. */
    private static PatternDetector street(int before, int after, CharTest first, CharTest notAfter, StartTest where,
            String regex, double score) {
        PatternDetector.Builder b = PatternDetector.builder(TYPE)
                .pattern(regex)
                .startsWith(first, notAfter);
        if (where != null) {
            b.startsWhere(where);
        }
        return b
                .near(Windows.DIGITS, before, after)
                .score(score)
                .context(STREET_WORDS, 0.9)
                .build();
    }

    /** Words near a street line that make it more likely an address. */
    private static final ContextWords STREET_WORDS = ContextWords.of("address", "live at", "lives at", "living at",
            "located at", "ship to", "deliver to", "mailing", "residence", "resides", "adresse", "anschrift",
            "wohnhaft", "dirección", "indirizzo", "street", "postcode", "zip");

    private static final Pattern STREETISH = Pattern.compile("\\d|(?<![\\p{L}])(?:" + EN_TYPE + "|"
            + TYPE_WORD + ")(?![\\p{L}])|(?i:" + TYPE_SUFFIX + ")(?![\\p{L}])");

    /** True if an intersection names at least one street by a number or a street type. */
    private static boolean looksLikeStreets(String s) {
        return STREETISH.matcher(s).find();
    }

    /** The English names of the countries and the names people write for a few. */
    private static String countries() {
        Set<String> names = new LinkedHashSet<>();
        for (String code : Locale.getISOCountries()) {
            String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
            if (!name.isEmpty() && !name.equals(code)) {
                names.add(name);
            }
        }
        names.addAll(List.of("USA", "U.S.A.", "United States of America", "UK", "U.K.", "Great Britain", "England",
                "Scotland", "Wales", "Northern Ireland", "Czech Republic", "Deutschland", "Österreich", "Schweiz",
                "Suisse", "España", "Italia", "Nederland", "België", "Belgique", "Sverige", "Norge", "Danmark", "Suomi",
                "Polska", "Magyarország", "Éire"));
        return WordAlternation.of(names);
    }

    // ------------------------------------------------------------------ start tests
    // Each accepts every start where its expression can match and rejects most others cheaply.

    private static final CharTest FIRST_CHARS = firstChars();

    private static CharTest firstChars() {
        StringBuilder ascii = new StringBuilder();
        StringBuilder other = new StringBuilder();
        for (String w : FIRST_WORDS) {
            (w.charAt(0) < 128 ? ascii : other).append(w.charAt(0));
        }
        CharTest anyAscii = CharTest.anyOf(ascii.toString());
        String rest = other.toString();
        // The Greek words: a char outside ASCII is rare in most texts, and then looked up.
        return c -> c < 128 ? anyAscii.test(c) : rest.indexOf(c) >= 0;
    }

    private static boolean upper(char c) {
        return Character.getType(c) == Character.UPPERCASE_LETTER;
    }

    /** {@code [\\p{L}\\d]} of the expressions. */
    static boolean letterOrDigit(char c) {
        return Character.isLetter(c) || c >= '0' && c <= '9';
    }

    /**
     * True if the house number that starts at {@code start} (digits, a letter, a dash and
     * digits: "221B", "12-14") ends at a space, tab or comma, as it must before a street name.
     */
    static boolean numberThenSpace(String text, int start) {
        int i = start + 1;
        while (i < text.length() && (letterOrDigit(text.charAt(i)) || text.charAt(i) == '-')) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == ',');
    }

    /**
     * True if the house number at {@code start} ends at a space, tab or comma and, after it and
     * perhaps a second number, a word starts: a letter, or a digit and a letter ("5th"). Runs of
     * number groups (cards, phone numbers) are rejected here without running an expression.
     * With {@code capital}, the word must start with a capital or a digit, as English street
     * names do ("221B Baker Street", "5 5th Avenue").
     */
    static boolean numberThenName(String text, int start, boolean capital) {
        if (!numberThenSpace(text, start)) {
            return false;
        }
        int n = text.length();
        int i = start + 1;
        while (i < n && (letterOrDigit(text.charAt(i)) || text.charAt(i) == '-')) {
            i++;
        }
        i = skipSpaces(text, i);
        if (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            int digits = i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i < n && Character.isLetter(text.charAt(i))) {
                return true;
            }
            if (i == digits || i >= n || text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
            i = skipSpaces(text, i);
            if (i + 1 < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                return Character.isLetter(text.charAt(i + 1)) || text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '9';
            }
        }
        if (i >= n) {
            return false;
        }
        char c = text.charAt(i);
        return Character.isSurrogate(c) || (capital ? Character.isUpperCase(c) || Character.isTitleCase(c)
                : Character.isLetter(c));
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == ',')) {
            i++;
        }
        return i;
    }

    private static final List<String> UNIT_WORDS = List.of("Apt", "Apartment", "Suite", "Ste", "Unit", "Flat");

    private static boolean unitWordAt(String text, int start) {
        for (String w : UNIT_WORDS) {
            if (text.startsWith(w, start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if up to {@code maxWords} words (letters, surrogates and {@code .'’-}) separated by one
     * to three spaces or tabs run from {@code start} to a digit.
     */
    static boolean wordsThenDigit(String text, int start, int maxWords) {
        return wordsThenDigit(text, start, maxWords, w -> true);
    }

    /** As {@link #wordsThenDigit(String, int, int)}, where the word before the digit passes {@code last}. */
    static boolean wordsThenDigit(String text, int start, int maxWords, java.util.function.Predicate<String> last) {
        int n = text.length();
        int i = start;
        for (int w = 0; w <= maxWords; w++) {
            int wordStart = i;
            while (i < n && wordChar(text.charAt(i))) {
                i++;
            }
            if (i == wordStart) {
                return false;
            }
            int spaces = 0;
            while (i < n && spaces < 3 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
                spaces++;
            }
            if (spaces == 0 || i >= n) {
                return false;
            }
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return last.test(text.substring(wordStart, i - spaces));
            }
        }
        return false;
    }

    /** The longest street type of the lists, and how many words a street line holds before its type at most. */
    private static final int MAX_TYPE_LENGTH = 12;
    private static final int MAX_RUNS = 8;
    private static final Set<String> EN_TYPES = new java.util.HashSet<>(new LinkedHashSet<>(
            Stream.concat(EN_STRONG_WORDS.stream(), EN_WEAK_WORDS.stream()).toList()));
    private static final Set<String> TYPE_WORDS = Set.copyOf(TYPE_WORD_WORDS);

    /**
     * True if one of the runs of letters in the {@code maxChars} chars after {@code start},
     * before any char that no street name holds, is one of {@code words} ({@code lowerCase}: compared in lower case): a cheap look
     * for the street type that the expression needs, before running it.
     */
    static boolean letterRunWithin(String text, int start, int maxChars, Set<String> words, boolean lowerCase) {
        int end = Math.min(text.length(), start + maxChars);
        int i = start;
        int runs = 0;
        while (i < end) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                if (!(c >= '0' && c <= '9' || c == ' ' || c == '\t' || c == ',' || c == '.' || c == '\'' || c == '’'
                        || c == '-' || c == '#' || Character.isSurrogate(c))) {
                    return false;
                }
                i++;
                continue;
            }
            int runStart = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            // Street types are short and, in English, capitalised: most runs fail without a look-up.
            if (i - runStart <= MAX_TYPE_LENGTH && (lowerCase || Character.isUpperCase(c))
                    && words.contains(lowerCase ? text.substring(runStart, i).toLowerCase(Locale.ROOT)
                            : text.substring(runStart, i))) {
                return true;
            }
            if (++runs == MAX_RUNS) {
                return false;
            }
        }
        return false;
    }

    private static final Set<String> NOT_STREETS = Set.copyOf(Stream.concat(NOT_STREET_WORDS.stream(),
            NOT_STREET_NAMES.stream()).toList());

    /** True if {@code word}, in lower case, ends with a street type of {@code TYPE_SUFFIX}. */
    private static boolean endsWithTypeSuffix(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (NOT_STREETS.contains(w)) {
            return false;
        }
        for (String suffix : TYPE_SUFFIX_WORDS) {
            if (w.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordChar(char c) {
        return Character.isLetter(c) || Character.isSurrogate(c) || c == '.' || c == '\'' || c == '’' || c == '-'
                || c == '/';
    }

    /** Digits and spaces first (a building number), then {@link #wordsThenDigit}; or that alone. */
    private static boolean buildingThenWordsThenDigit(String text, int start) {
        return wordsThenDigit(text, afterBuildingNumber(text, start), 4);
    }

    /**
     * True if a unit word comes after the first number after {@code start} (and a building
     * number at it): where a unit can follow the name and number that start there.
     */
    private static boolean unitAfterNextNumber(String text, int start) {
        int n = text.length();
        int i = afterNextNumber(text, start);
        while (i < n && " \t,\r\n".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        if (i < n && text.charAt(i) == '#') {
            return true;
        }
        for (String w : UNIT_WORDS) {
            if (text.startsWith(w, i)) {
                return true;
            }
        }
        return text.startsWith("Fl", i);
    }

    private static final Set<String> MONTHS = Set.of("Jan", "January", "Feb", "February", "Mar", "March", "Apr", "April",
            "May", "Jun", "June", "Jul", "July", "Aug", "August", "Sep", "Sept", "September", "Oct", "October", "Nov",
            "November", "Dec", "December");

    /** False for a month and a day ("Mar 4, #1532", "2017 May 11"): a date, not a name and a house number. */
    static boolean notADate(String candidate) {
        int i = afterBuildingNumber(candidate, 0);
        int j = i;
        while (j < candidate.length() && Character.isLetter(candidate.charAt(j))) {
            j++;
        }
        return !MONTHS.contains(candidate.substring(i, j));
    }

    /**
     * Where the first number after {@code start} (and after a building number at it) ends, with
     * what is glued to it ("12B", "12/3", "12-14").
     */
    private static int afterNextNumber(String text, int start) {
        int n = text.length();
        int i = afterBuildingNumber(text, start);
        while (i < n && !(text.charAt(i) >= '0' && text.charAt(i) <= '9')) {
            i++;
        }
        while (i < n && (letterOrDigit(text.charAt(i)) || text.charAt(i) == '/' || text.charAt(i) == '-')) {
            i++;
        }
        return i;
    }

    /** True if a comma or a line break comes right after the first number after {@code start}. */
    private static boolean breakAfterNextNumber(String text, int start) {
        int n = text.length();
        int i = afterNextNumber(text, start);
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i < n && (text.charAt(i) == ',' || text.charAt(i) == '\n' || text.charAt(i) == '\r');
    }

    /** Street types written short with four letters or more, whose full stop is their own. */
    private static final Set<String> LONG_ABBREVIATIONS = Set.of("Blvd", "Pkwy", "Expy", "Tpke", "Cres", "Hwy", "Frwy",
            "Avda", "Bvd");

    /**
     * Where an address ends: before a full stop after a word ("12 Lark Street.", "...\nSweden."),
     * which ends the sentence, but not after an abbreviation ("St.", "D.C.", "Blvd.").
     */
    static int withoutFullStop(String text, int start, int end) {
        if (end <= start || text.charAt(end - 1) != '.') {
            return end;
        }
        int i = end - 1;
        while (i > start && Character.isLetter(text.charAt(i - 1))) {
            i--;
        }
        return end - 1 - i >= 4 && !LONG_ABBREVIATIONS.contains(text.substring(i, end - 1)) ? end - 1 : end;
    }

    private static boolean typeWordFirstAt(String text, int start) {
        int i = afterBuildingNumber(text, start);
        if (i >= text.length() || !FIRST_CHARS.test(text.charAt(i))) {
            return false;
        }
        for (String word : FIRST_WORDS) {
            if (text.startsWith(word, i)) {
                return true;
            }
        }
        return false;
    }

    /** Where the name starts: after the digits and spaces at {@code start}, or {@code start}. */
    private static int afterBuildingNumber(String text, int start) {
        int n = text.length();
        int i = start;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            return start;
        }
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
