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

/**
 * The rules of the street address detector, one per shape of the street line:
 * <ul>
 * <li>number first, English street type last: "221B Baker Street", "1600 Pennsylvania Ave NW"
 * (US, UK, and the other countries that write so); a street type that is also a common word
 * ("Parks", "Coves") counts only with a unit, a locality or a next line after it;
 * <li>number first, French street type first: "12 rue de la Paix";
 * <li>name first, type inside the last word, number last: "Hauptstraße 5", "Birkenvej 12"
 * (DE, AT, CH, NL, the Nordic countries), also with a leading adjective or preposition
 * ("Berliner Straße 12", "Am Lindenweg 3");
 * <li>name, then a street type as a word of its own, number last: "Fenyves utca 22", "Havlund
 * gate 8" (HU, NO, DK, PL, ...);
 * <li>street type first, number last: "Via Roma 10", "Rua do Carmo 12", "ul. Polna 5", the
 * Belgian "Rue de la Loi 16";
 * <li>any capitalised name with a number last, when a unit follows ("Kestrel 14, Apt 3") or when
 * a word before says an address comes ("lives at", "address:");
 * <li>postal shapes: "P.O. Box 123", "Postfach 1234", US military "PSC 1234, Box 5678, APO AE
 * 09001";
 * <li>intersections: "the corner of 5th Avenue and Main Street".
 * </ul>
 * Every street line takes what follows it when it is part of the address: units ("Apt. 3",
 * "Suite 200"), a locality ("Springfield, IL 62704", "London SW1A 2AA", ", 10115 Berlin",
 * ", Lyon, France") and envelope lines. Overlapping matches of the rules are reported once, the
 * strongest and then the longest.
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
            + "|el|von|vom|van|der|den|ter|ten|y|e|am|an|im|zum|zur|sur|sous|aux|an der|in der)(?![\\p{L}'’])";
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
    private static final String EN_STRONG = "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct"
            + "|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Close|Crescent|Cres|Gardens|Grove"
            + "|Mews|Row|Hill|Walk|Trail|Loop|Alley|Plaza|Pike|Ridge|Crossing|Point|Heights|Green|Park|Vale|Wharf"
            + "|Expressway|Expy|Freeway|Fwy|Turnpike|Tpke|Causeway|Bypass|Crossroad|Motorway|Esplanade|Promenade|Quay"
            + "|Boulevard|Stravenue|Overpass|Underpass|Viaduct|Skyway)";
    /**
     * Street types of the US postal list that are common words too ("Parks", "Union"): a street
     * only with more of an address after it.
     */
    private static final String EN_WEAK = "(?:Streets|Avenues|Roads|Lanes|Drives|Courts|Ways|Places|Squares|Circles"
            + "|Crescents|Groves|Hills|Ridges|Points|Greens|Parks|Parkways|Alleys|Plazas|Crossroads|Extensions?|Junctions?"
            + "|Bluffs?|Bottoms?|Branch|Bridges?|Brooks?|Burgs?|Camp|Canyon|Cape|Centers?|Cliffs?|Clubs?|Commons?"
            + "|Corners?|Course|Coves?|Creek|Crest|Curve|Dale|Dam|Divide|Estates?|Falls?|Ferry|Fields?|Flats?|Fords?"
            + "|Forest|Forges?|Forks?|Fort|Gateway|Glens?|Harbou?rs?|Haven|Hollow|Inlet|Islands?|Isle|Keys?|Knolls?"
            + "|Lakes?|Landing|Lights?|Locks?|Lodge|Manors?|Meadows?|Mills?|Mission|Mount|Mountains?|Neck|Orchard|Oval"
            + "|Pass|Passage|Path|Pines?|Plains?|Ports?|Prairie|Radial|Ramp|Ranch|Rapids?|Rest|River|Route|Run"
            + "|Shoals?|Shores?|Springs?|Spurs?|Station|Stream|Summit|Trace|Track|Tunnel|Unions?|Valleys?|Views?"
            + "|Villages?|Ville|Vista|Walks|Wall|Wells?)";
    private static final String DIRECTION = "(?:[ \\t]{1,3}+(?:NE|NW|SE|SW|N|S|E|W|North|South|East|West)(?![\\p{L}\\d]))?+";

    private static final String UNIT_WORD = "(?:Apt\\.|Apartment|Suite|Ste\\.|Unit|Flat)";
    /** A unit after the street line, on the same line or the next. */
    private static final String UNIT = "(?:,?[ \\t]{1,3}+|,?[ \\t]*+\\r?\\n[ \\t]*+)(?:(?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Flat"
            + "|Floor|Fl\\.?)[ \\t]{0,3}+#?[A-Za-z0-9-]{1,6}+|#[ \\t]{0,2}+\\d[A-Za-z0-9-]{0,5}+)(?![\\p{L}\\d])";
    private static final String UNITS = "(?:" + UNIT + "){0,2}+";

    /** A town: capitalised words, also with particles ("Saint-Jean-de-Luz", "Villar del Monte"). */
    private static final String TOWN = "\\p{Lu}[\\p{L}'’.-]{1,30}+(?:[ \\t](?:" + PARTICLE + "[ \\t])?\\p{Lu}[\\p{L}'’.-]{1,30}+){0,3}";
    private static final String UK_POSTCODE = "[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]{0,2}\\d[A-Z]{2}(?![\\p{L}\\d])";
    private static final String COUNTRY = countries();
    /**
     * The locality after a street line, taken only when it is clearly one: a US state and ZIP
     * code, a UK or Canadian postcode, a European postcode before the town, or a country.
     */
    private static final String LOCALITY = "(?:,?" + SP + TOWN + ",?" + SP + "[A-Z]{2}" + SP + "\\d{5}(?:-\\d{4})?(?!\\d)"
            + "|,?" + SP + TOWN + ",?" + SP + UK_POSTCODE
            + "|,?" + SP + TOWN + ",?" + SP + "[A-Z]{2}" + SP + "[A-Z]\\d[A-Z][ \\t]?\\d[A-Z]\\d(?![\\p{L}\\d])"
            + "|,?" + SP + "(?:[A-Z]{1,2}-)?\\d{4,5}(?:[ \\t]?[A-Z]{2})?" + SP + TOWN + "(?:," + SP + COUNTRY + "(?![\\p{L}]))?"
            + "|," + SP + TOWN + "(?:," + SP + TOWN + ")?,?" + SP + COUNTRY + "(?![\\p{L}])(?:,?" + SP + "\\d{4,5}(?!\\d))?)";
    private static final String TAIL = LOCALITY + "?+";

    /**
     * Envelope-style continuation: up to three more lines of an address (a unit, a town, a
     * region and postcode, a country, a postcode alone), each short and led by a word, so that
     * a line of phone digits after an address is not taken.
     */
    private static final String LETTER_TOKEN = "(?:[A-Z][A-Z0-9]{1,7}+(?![\\p{L}\\d])|\\p{Lu}[\\p{L}'.’-]{0,30}+"
            + "|\\(\\p{L}[\\p{L}'.’-]{0,30}+\\))";
    private static final String LINE_TOKEN = "(?:[A-Z0-9]{2,8}+(?![\\p{L}\\d])|" + LETTER_TOKEN + ")";
    private static final String NEXT_LINES = "(?:,?[ \\t]*+\\r?\\n[ \\t,]*+(?:(?:Apt\\.?|Suite|Unit|Flat)[ \\t]{0,3}+#?\\w{1,6}+|#[ \\t]{0,2}+\\d\\w{0,5}+"
            + "|\\d{4,6}+(?![\\p{L}\\d])"
            + "|(?:\\d{2,8}+[ \\t,]{1,3}+)?" + LETTER_TOKEN + "(?:[ \\t,]{1,3}+" + LINE_TOKEN + "){0,5}+)"
            + "(?=[ \\t]*+(?:\\r?\\n|$|[,.?!]))){0,3}+";
    /** What may follow any street line. */
    private static final String AFTER = UNITS + TAIL + NEXT_LINES;
    /** What a street line with a weak type needs after it: a unit, a locality or a next line. */
    private static final String EVIDENCE = "(?=" + UNIT + "|" + LOCALITY + "|,?[ \\t]*+\\r?\\n[ \\t,]*+\\p{Lu})";

    /** Street types inside the last word of a name, as German and the Nordic languages write them. */
    private static final String TYPE_SUFFIX = "(?:straße|strasse|str\\.|weg|platz|allee|gasse|damm|ufer|chaussee|steig|pfad"
            + "|ring|markt|gade|vej|veien|vegen|veg|vei|vägen|väg|gatan|gata|gate|götu|braut|vegur|stræde|stræti|straeti"
            + "|stien|bakken|plass|torget|torg|katu|tie|kuja|polku|straat|laan|plein|gracht|kade|singel|dreef|utca"
            + "|ulica|ulice|cesta|tänav|iela)";
    /** Separate words for a street that the German adjective forms come before: "Berliner Straße". */
    private static final String DE_TYPE_WORD = "(?:Straße|Strasse|Str\\.|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer|Chaussee"
            + "|Steig|Pfad|Markt)";
    private static final String DE_PREFIX = "(?:(?:Am|Im|Zum|Zur|An[ \\t]der|An[ \\t]den|In[ \\t]der|Auf[ \\t]der"
            + "|Auf[ \\t]dem|Unter[ \\t]den|Hinter[ \\t]der)" + SP + "|\\p{Lu}\\p{L}{1,30}+(?<=er|e)" + SP
            + "(?=" + DE_TYPE_WORD + SP + "\\d))?+";
    /** Lower-case street words of their own before the number: "Fenyves utca 22", "Havlund gate 8". */
    private static final String TYPE_WORD = "(?:u\\.|utca|út|útja|tér|tere|körút|krt\\.|rkp\\.|köz|sor|sétány|fasor"
            + "|gate|gata|gatan|vei|veien|veg|vej|vägen|väg|gade|allé|plass|torg|terrasse|stræde|straat|laan|weg|gracht"
            + "|kade|plein|põik|tänav|tee|iela|ulica|ulice|cesta|náměstí|třída|sokak|caddesi|cd\\.)";
    /** Street words that come first, before the name and the number. */
    private static final List<String> FIRST_WORDS = List.of("Via", "Viale", "Vicolo", "Piazza", "Piazzale", "Corso",
            "Largo", "Strada", "Contrada", "Calle", "Avenida", "Avda.", "Av.", "Paseo", "Plaza", "Camino", "Carretera",
            "Ronda", "Travesía", "Rua", "Rúa", "Travessa", "Praça", "Estrada", "Alameda", "Carrer", "Passeig", "Rue",
            "Avenue", "Chaussée", "Boulevard", "Quai", "Ul.", "ul.", "Al.", "al.", "Aleja", "C/", "Str.");
    private static final String FIRST_WORD = FIRST_WORDS.stream().map(Pattern::quote)
            .reduce((a, b) -> a + "|" + b).map(s -> "(?:" + s + ")").orElseThrow();

    /** The detector: every rule, overlapping findings resolved. */
    static Detector detector() {
        return new StreetAddressDetector(List.of(
                numberFirstEnglish(),
                unitThenNumberFirstEnglish(),
                numberFirstFrench(),
                typeInsideName(),
                typeWordBeforeNumber(),
                typeWordFirst(),
                nameThenNumberThenUnit(),
                nameThenNumberAfterAddressWord(),
                postBox(),
                military(),
                intersection(),
                unitAlone()));
    }

    /** "221B Baker Street", "1600 Pennsylvania Ave NW, Washington, DC 20500", "12 Elm Coves, Apt 4". */
    private static PatternDetector numberFirstEnglish() {
        return street(0, CharTest.digit(), CharTest.wordOr(".,/-"), StreetAddresses::numberThenSpace,
                NUMBER + SP + SECOND_NUMBER + "(?:[NSEW]\\.?" + SP + ")?(?:" + WORD + SP + "){1,4}"
                        + "(?:" + EN_STRONG + "(?![\\p{L}\\d])\\.?" + DIRECTION + "|" + EN_WEAK + "(?![\\p{L}\\d])\\.?"
                        + DIRECTION + EVIDENCE + ")" + AFTER, 0.75);
    }

    /** "Apt. 3 12 Elm Road", "Flat 2, 10 High Street": a unit before the number. */
    private static PatternDetector unitThenNumberFirstEnglish() {
        return street(24, CharTest.anyOf("AUSF"), CharTest.wordOr("."), null,
                "(?<![\\w.])(?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Flat)[ \\t]{0,3}+#?[A-Za-z0-9-]{1,6}+,?" + SP
                        + NUMBER + SP + SECOND_NUMBER + "(?:[NSEW]\\.?" + SP + ")?(?:" + WORD + SP + "){1,4}"
                        + "(?:" + EN_STRONG + "(?![\\p{L}\\d])\\.?" + DIRECTION + "|" + EN_WEAK + "(?![\\p{L}\\d])\\.?"
                        + DIRECTION + EVIDENCE + ")" + AFTER, 0.75);
    }

    /** "12 rue de la Paix", "12, avenue Victor Hugo 3" (the Belgian order has a number last too). */
    private static PatternDetector numberFirstFrench() {
        return street(0, CharTest.digit(), CharTest.wordOr(".,/-"), StreetAddresses::numberThenSpace,
                NUMBER + ",?" + SP + SECOND_NUMBER + "(?i:rue|avenue|av\\.|boulevard|bd|place|impasse|allée|allee|chemin|quai"
                        + "|cours|route|square|passage)" + SP + NAME + "(?:" + SP + HOUSE_LAST + ")?+" + AFTER, 0.75);
    }

    /** "Hauptstraße 5", "Berliner Straße 12", "Am Lindenweg 3a", "Birkenvej 12, 8000 Aarhus". */
    private static PatternDetector typeInsideName() {
        return street(64, StreetAddresses::upper, StreetAddresses::letterOrDigit, (t, i) -> wordsThenDigit(t, i, 3),
                "(?<![\\p{L}\\d])(?=\\p{Lu})" + DE_PREFIX + "\\p{Lu}[\\p{L}'’-]{0,40}+\\.?(?<=(?i:" + TYPE_SUFFIX + "))"
                        + SP + HOUSE_LAST + AFTER, 0.75);
    }

    /** "Fenyves utca 22", "Havlund gate 8", "Stensby terrasse 38". */
    private static PatternDetector typeWordBeforeNumber() {
        return street(64, StreetAddresses::upper, StreetAddresses::letterOrDigit, (t, i) -> wordsThenDigit(t, i, 4),
                "\\p{Lu}(?<![\\p{L}\\d]\\p{Lu})[\\p{L}'’.-]{0,30}+(?:" + SP + CAP + "){0,2}+" + SP + TYPE_WORD
                        + "(?![\\p{L}])" + SP + HOUSE_LAST + AFTER, 0.75);
    }

    /** "Via Roma 10", "Rua do Carmo 12", "ul. Polna 5", "3 Calle Mayor 5" (with a building number first). */
    private static PatternDetector typeWordFirst() {
        return street(64, c -> c >= '0' && c <= '9' || FIRST_CHARS.test(c), StreetAddresses::letterOrDigit,
                StreetAddresses::typeWordFirstAt,
                "(?:\\d(?<![\\p{L}\\d.,/-]\\d)\\d{0,5}+" + SP + ")?+(?<![\\p{L}\\d])" + FIRST_WORD
                        + SP + NAME + SP + HOUSE_LAST + AFTER, 0.75);
    }

    /** "Kestrel 14, Apt 3", "Oakmoor 7\nSuite 200": a name and a number make a street when a unit follows. */
    private static PatternDetector nameThenNumberThenUnit() {
        return street(64, c -> c >= '0' && c <= '9' || upper(c), StreetAddresses::letterOrDigit,
                StreetAddresses::buildingThenWordsThenDigit,
                "(?:\\d(?<![\\p{L}\\d.,/-]\\d)\\d{0,5}+" + SP + ")?+\\p{Lu}(?<![\\p{L}\\d]\\p{Lu})[\\p{L}'’.-]{0,30}+"
                        + "(?:" + SP + NAME_PART + "){0,3}+" + SP + HOUSE_LAST + "(?=" + UNIT + ")" + AFTER, 0.75);
    }

    /** "lives at Kestrel 14", "address: 12 Kestrel 14, 3000 Bern": a name and a number after an address word. */
    private static PatternDetector nameThenNumberAfterAddressWord() {
        return PatternDetector.builder(TYPE)
                .pattern("(?:\\d(?<![\\p{L}\\d.,/-]\\d)\\d{0,5}+" + SP + ")?+\\p{Lu}(?<![\\p{L}\\d]\\p{Lu})[\\p{L}'’.-]{0,30}+"
                        + "(?:" + SP + NAME_PART + "){0,3}+" + SP + HOUSE_LAST + AFTER)
                .startsWith(c -> c >= '0' && c <= '9' || upper(c), StreetAddresses::letterOrDigit)
                .startsWhere(StreetAddresses::buildingThenWordsThenDigit)
                .near(Windows.DIGITS, 64, 160)
                .requireContext(new ContextWords(List.of("address", "addresses", "my address", "home address",
                        "lives at", "live at", "living at", "lives on", "live on", "located at", "located on",
                        "ship to", "deliver to", "send it to", "sent to", "moved to", "resides at", "residence",
                        "adresse", "anschrift", "wohnhaft", "wohnt in", "dirección", "indirizzo", "endereço",
                        "domicile", "domicilio"), 48, 0, true), 0.8)
                .build();
    }

    /** "P.O. Box 123", "PO Box 12, Springfield, IL 62704", "Postfach 10 20 30". */
    private static PatternDetector postBox() {
        return PatternDetector.builder(TYPE)
                .pattern("(?<![\\p{L}\\d])(?i:p\\.?[ \\t]?o\\.?[ \\t]?box|post[ \\t]office[ \\t]box|postbox|postfach"
                        + "|boîte[ \\t]postale|apartado(?:[ \\t]de[ \\t]correos)?|casella[ \\t]postale|caixa[ \\t]postal)"
                        + SP + "#?\\d{1,6}+(?:[ \\t]\\d{2,3}+){0,2}+(?![\\p{L}\\d])" + TAIL + NEXT_LINES)
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
        PatternDetector.Builder b = PatternDetector.builder(TYPE)
                .pattern(regex)
                .startsWith(first, notAfter);
        if (where != null) {
            b.startsWhere(where);
        }
        return b
                .near(Windows.DIGITS, before, 160)
                .score(score)
                .context(ContextWords.of("address", "live at", "lives at", "living at", "located at", "ship to",
                        "deliver to", "mailing", "residence", "resides", "adresse", "anschrift", "wohnhaft",
                        "dirección", "indirizzo", "street", "postcode", "zip"), 0.9)
                .build();
    }

    private static final Pattern STREETISH = Pattern.compile("\\d|(?<![\\p{L}])(?:" + EN_STRONG + "|" + EN_WEAK + "|"
            + TYPE_WORD + ")(?![\\p{L}])|(?i:" + TYPE_SUFFIX + ")(?![\\p{L}])");

    /** True if an intersection names at least one street by a number or a street type. */
    private static boolean looksLikeStreets(String s) {
        return STREETISH.matcher(s).find();
    }

    /** The English names of the countries, longest first, and the names people write for a few. */
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
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder b = new StringBuilder("(?:");
        for (int i = 0; i < sorted.size(); i++) {
            b.append(i == 0 ? "" : "|").append(Pattern.quote(sorted.get(i)));
        }
        return b.append(')').toString();
    }

    // ------------------------------------------------------------------ start tests
    // Each accepts every start where its expression can match and rejects most others cheaply.

    private static final CharTest FIRST_CHARS = firstChars();

    private static CharTest firstChars() {
        StringBuilder b = new StringBuilder();
        for (String w : FIRST_WORDS) {
            b.append(w.charAt(0));
        }
        return CharTest.anyOf(b.toString());
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
     * True if up to {@code maxWords} words (letters, surrogates and {@code .'’-}) separated by one
     * to three spaces or tabs run from {@code start} to a digit.
     */
    static boolean wordsThenDigit(String text, int start, int maxWords) {
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

    private static boolean typeWordFirstAt(String text, int start) {
        int i = afterBuildingNumber(text, start);
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
