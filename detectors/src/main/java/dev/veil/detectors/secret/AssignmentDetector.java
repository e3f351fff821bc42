package dev.veil.detectors.secret;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.pattern.PlaceholderValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values assigned to a key that names a credential: {@code password=...}, {@code "secret": "..."},
 * {@code DB_PASS: ...}, {@code <password>...</password>}, {@code --password ...}, and
 * {@code Authorization: Bearer ...} headers.
 *
 * <ul>
 *   <li>Password keys report any value that is not a placeholder as
 *       {@code secret.password_assignment} (passwords are often plain words).</li>
 *   <li>Other secret keys (secret, token, api key, private key, credentials) report the value as
 *       {@code secret.generic_high_entropy} only if it looks random: long enough, varied chars,
 *       or a long hex string. A hash or UUID in prose has no such key before it and is left
 *       alone; {@code max_tokens = 512} is not random.</li>
 * </ul>
 * The finding covers the value only, so that redaction keeps the key readable.
 *
 * <p>Immutable and thread-safe.
 */
final class AssignmentDetector implements Detector {

    static final String PASSWORD = "secret.password_assignment";
    static final String HIGH_ENTROPY = "secret.generic_high_entropy";
    static final String HTTP_AUTH = "secret.http_authorization";
    static final String ID = "secret.assignment";
    /**
     * Not a finding type: the key ends in "secret" ({@code jwt_secret}, {@code client_secret}),
     * so a value someone chose (a passphrase) is reported as well as a random one.
     */
    private static final String SHARED_SECRET = "shared secret";

    /**
     * Words one of which every credential key name contains (the rest is decided by
     * {@link #classify}), the command PsExec, and the schemes of an Authorization header.
     */
    private static final List<String> WORDS = List.of("pass", "pwd", "kennwort", "contrase", "secret", "token", "key",
            "credential", "auth", "psexec", "bearer", "basic", "directoryentry");
    /** Index in the key words of the first of {@link CommandLineCredentials#TOOLS}. */
    private static final int FIRST_TOOL = WORDS.size();
    private static final Keywords KEYWORDS = new Keywords(concat(WORDS, CommandLineCredentials.TOOLS));
    private static final int PSEXEC = WORDS.indexOf("psexec");
    private static final int TOKEN = WORDS.indexOf("token");
    private static final int BEARER = WORDS.indexOf("bearer");
    private static final int BASIC = WORDS.indexOf("basic");
    private static final int DIRECTORY_ENTRY = WORDS.indexOf("directoryentry");
    /** Tried only where a scheme word was found. */
    private static final Pattern AUTH_HEADER = Pattern.compile(
            "(?i)(bearer|basic|token)\\s{1,4}+([A-Za-z0-9._~+/-]{12,4096}+=*+)");
    private static final Set<String> NOT_PASSWORDS = Set.of("compass", "bypass", "surpass", "overpass",
            "underpass", "trespass", "encompass");
    private static final int MAX_VALUE = 256;
    /** A lower-case or camel-case name of letters and "_": a field name, not a password. */
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z_]*+(?:[A-Z][a-z_]*+)*+");
    private static final Pattern HOSTNAME = Pattern.compile("(?:[A-Za-z0-9-]{1,63}+\\.){1,8}+[A-Za-z]{2,24}+");

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> types() {
        return List.of(PASSWORD, HIGH_ENTROPY, HTTP_AUTH, CredentialPairs.USERNAME, CredentialPairs.CLIENT_ID,
                CredentialPairs.HOST);
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> findings = new ArrayList<>();
        int[] pos = {0};
        // Where the last command line read ends: a command written inside it was read with it.
        int[] commandTo = {0};
        List<Integer> schemes = new ArrayList<>();
        List<Finding> clientSecrets = new ArrayList<>();
        KEYWORDS.find(text, (start, end, word) -> {
            if (word == BEARER || word == BASIC || word == TOKEN) {
                schemes.add(start);
            }
            if (word == BEARER || word == BASIC || start < pos[0]) {
                return;
            }
            if (word == PSEXEC) {
                if (start >= commandTo[0]) {
                    commandTo[0] = CredentialPairs.shortFlags(text, end, findings);
                }
                pos[0] = end;
                return;
            }
            if (word >= FIRST_TOOL) {
                // "mysql" may also start a key (MYSQL_PASSWORD=...), read from the next word on.
                if (start >= commandTo[0]) {
                    commandTo[0] = CommandLineCredentials.read(text, start, end, word - FIRST_TOOL, findings);
                }
                return;
            }
            int idStart = identifierStart(text, start);
            int idEnd = identifierEnd(text, end);
            pos[0] = Math.max(idEnd, end);
            if (idEnd < text.length() && text.charAt(idEnd) == '(' && (word == DIRECTORY_ENTRY
                    || text.regionMatches(true, idEnd - 10, "credential", 0, 10))) {
                CredentialPairs.constructorArguments(text, idEnd, findings);
                return;
            }
            if (word == DIRECTORY_ENTRY) {
                return;
            }
            String key = text.substring(idStart, idEnd).toLowerCase(Locale.ROOT);
            String type = classify(key);
            if (type != null) {
                int before = findings.size();
                assignment(text, idStart, idEnd, type.equals(HIGH_ENTROPY) && key.endsWith("secret") ? SHARED_SECRET
                        : type, findings);
                if (findings.size() > before && findings.get(findings.size() - 1).type().equals(HIGH_ENTROPY)
                        && key.contains("secret")) {
                    clientSecrets.add(findings.get(findings.size() - 1));
                }
            }
        });
        for (int at : schemes) {
            authHeader(text, at, findings);
        }
        CredentialPairs.addUsernames(text, findings);
        CredentialPairs.addClientIds(text, clientSecrets, findings);
        return findings;
    }

    /** The finding type for a key name, or null if the name does not name a credential. */
    static String classify(String id) {
        if (id.endsWith("label") || id.endsWith("text") || id.endsWith("field") || id.endsWith("prompt")
                || id.endsWith("hint") || id.endsWith("placeholder") || id.endsWith("message") || id.endsWith("msg")
                || id.endsWith("title") || id.endsWith("policy") || id.endsWith("pattern") || id.endsWith("regex")
                || id.endsWith("rules") || id.endsWith("length") || id.endsWith("required")) {
            return null;
        }
        if (id.contains("password") || id.contains("passwd") || id.contains("passwort") || id.contains("passphrase")
                || id.contains("kennwort") || id.contains("contrase") || id.contains("mot_de_passe")
                || lastPart(id).equals("pwd") || (id.endsWith("pass") && !NOT_PASSWORDS.contains(id))) {
            return PASSWORD;
        }
        if (id.contains("public") || id.contains("tokeniz") || id.endsWith("_id") || id.endsWith("count")
                || id.endsWith("length") || id.endsWith("type") || id.endsWith("url") || id.endsWith("file")
                || id.endsWith("path") || id.endsWith("name")) {
            return null;
        }
        if (id.contains("secret") || id.contains("token") || id.contains("apikey") || id.contains("api_key")
                || id.contains("api-key") || id.contains("credential") || id.contains("auth")
                || lastPart(id).equals("key") || id.endsWith("privatekey") || id.endsWith("accesskey")) {
            return HIGH_ENTROPY;
        }
        return null;
    }

    private static String lastPart(String id) {
        int i = Math.max(id.lastIndexOf('_'), Math.max(id.lastIndexOf('-'), id.lastIndexOf('.')));
        String last = id.substring(i + 1);
        return last;
    }

    private static void assignment(String text, int idStart, int idEnd, String keyType, List<Finding> out) {
        String type = keyType;
        int i = idEnd;
        boolean xml = idStart > 0 && text.charAt(idStart - 1) == '<' && i < text.length() && text.charAt(i) == '>';
        // "--password x", and PowerShell's "-Password x"
        boolean flag = idStart >= 2 && text.startsWith("--", idStart - 2)
                || idStart >= 1 && text.charAt(idStart - 1) == '-' && (idStart == 1 || Character.isWhitespace(text.charAt(idStart - 2)));
        if (xml) {
            int close = text.indexOf('<', i + 1);
            if (close > i + 1 && close - i - 1 <= MAX_VALUE) {
                report(text, i + 1, close, type, true, out);
            }
            return;
        }
        char open = idStart > 0 ? text.charAt(idStart - 1) : 0;
        if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i++;
        } else if ((open == '"' || open == '\'') && valueBlankUntil(text, i, open)) {
            return; // "Password:" or 'password = ' is a string that mentions the key, not a key
        }
        if (i > idEnd && open == text.charAt(idEnd) && namedInString(text, idStart - 1, i, type, out)) {
            return;
        }
        int afterKey = i;
        if (type.equals(PASSWORD) && text.startsWith(" for ", i)) {
            i = forWhom(text, i); // "the password for user 'postgres' is 'x'"
        }
        if (type.equals(PASSWORD) && (text.startsWith(" is ", i) || text.startsWith(" was ", i))) {
            // "the password is 'hunter2'": prose gives a password away only with quotes around it.
            int q = skipBlanks(text, i + (text.charAt(i + 1) == 'i' ? 4 : 5));
            if (q < text.length() && (text.charAt(q) == '"' || text.charAt(q) == '\'')) {
                int close = closeOnLine(text, q + 1, text.charAt(q), 64, false);
                if (close > q + 1) {
                    report(text, q + 1, close, type, true, out);
                }
            }
            return;
        }
        i = skipBlanks(text, i);
        int sepStart = i;
        boolean comparison = false;
        if (text.startsWith("===", i) || text.startsWith("!==", i)) {
            i += 3;
            comparison = true;
        } else if (text.startsWith("==", i) || text.startsWith("!=", i)) {
            i += 2;
            comparison = true;
        } else if (text.startsWith(":=", i) || text.startsWith("=>", i)) {
            i += 2;
        } else if (i < text.length() && (text.charAt(i) == '=' || text.charAt(i) == ':')) {
            i++;
        } else if (!(i > afterKey && (flag || spaceSeparated(text, idStart, i)))) {
            return;
        }
        boolean colon = sepStart < text.length() && text.charAt(sepStart) == ':' && !text.startsWith(":=", sepStart);
        if (!comparison && (text.startsWith("=", i) || text.startsWith("//", i))) {
            return; // "://" a URL
        }
        if (comparison) {
            // password == "letmein", secret != "swordfish-42": comparing with a literal gives the
            // secret away, however guessable it is.
            i = skipBlanks(text, i);
            if (i >= text.length() || (text.charAt(i) != '"' && text.charAt(i) != '\'')) {
                return;
            }
            type = PASSWORD;
        }
        i = skipBlanks(text, i);
        if (i >= text.length()) {
            return;
        }
        if (text.startsWith("\\\"", i)) {
            // A value in escaped quotes, inside a string of code or JSON: \"value\"
            int close = closeOnLine(text, i + 2, '"', MAX_VALUE, true);
            if (close > i + 2) {
                report(text, i + 2, close, type, true, out);
            }
            return;
        }
        char q = text.charAt(i);
        if (q == '"' || q == '\'' || q == '`') {
            int close = closeOnLine(text, i + 1, q, MAX_VALUE, false);
            if (close > i + 1) {
                report(text, i + 1, close, type, true, out);
            }
            return;
        }
        int end = i;
        while (end < text.length() && end - i < MAX_VALUE && !stops(text.charAt(end))) {
            end++;
        }
        if (end == i) {
            return;
        }
        String value = text.substring(i, end);
        if (colon && looksLikeProse(text, value, end)) {
            return;
        }
        report(text, i, trimSentenceEnd(text, i, end), type, false, out);
    }

    private static void report(String text, int start, int end, String type, boolean quoted, List<Finding> out) {
        if (end <= start) {
            return;
        }
        String value = text.substring(start, end);
        if (PlaceholderValues.isPlaceholder(stripQuotes(value)) || codeReference(value, quoted) || label(value)) {
            return;
        }
        if (type.equals(SHARED_SECRET)) {
            if (random(value)) {
                out.add(new Finding(HIGH_ENTROPY, start, end, 0.8, ID));
            } else if (quoted && passphrase(value)) {
                out.add(new Finding(PASSWORD, start, end, 0.7, ID));
            }
        } else if (type.equals(PASSWORD)) {
            if (value.strip().length() < 4) {
                return; // "password = 123": no system takes a password this short; an example.
            }
            out.add(new Finding(PASSWORD, start, end, quoted ? 0.85 : 0.75, ID));
        } else if (random(value)) {
            out.add(new Finding(HIGH_ENTROPY, start, end, 0.8, ID));
        }
    }

    /**
     * A key written as a string, its value in the next string: the arguments of a call
     * ({@code define('DB_PASSWORD', 'x')}, {@code setenv("API_KEY", "x")}, Android Gradle's
     * {@code buildConfigField 'String', 'API_KEY', '"x"'}) or the attributes of a .NET setting
     * ({@code <add key="SmtpPassword" value="x" />}). {@code open} is the key's opening quote,
     * {@code after} the index after its closing quote. Returns true if the key is written in one
     * of these forms, whether or not a value was reported.
     */
    private static boolean namedInString(String text, int open, int after, String type, List<Finding> out) {
        int before = open;
        while (before > 0 && before > open - 16 && (text.charAt(before - 1) == ' ' || text.charAt(before - 1) == '\t')) {
            before--;
        }
        int v = skipBlanks(text, after);
        boolean argument = v < text.length() && text.charAt(v) == ','
                && (before > 0 && text.charAt(before - 1) == '(' || androidBuildValue(text, open));
        boolean attribute = !argument && before >= 4 && text.regionMatches(true, before - 4, "key=", 0, 4)
                && v < text.length() && text.regionMatches(true, v, "value", 0, 5);
        if (!argument && !attribute) {
            return false;
        }
        v = skipBlanks(text, v + (argument ? 1 : 5));
        if (attribute) {
            if (v >= text.length() || text.charAt(v) != '=') {
                return true;
            }
            v = skipBlanks(text, v + 1);
        }
        if (v >= text.length() || text.charAt(v) != '"' && text.charAt(v) != '\'') {
            return true; // a variable, not a literal
        }
        int close = closeOnLine(text, v + 1, text.charAt(v), MAX_VALUE, false);
        if (close <= v + 1) {
            return true;
        }
        int s = v + 1;
        int e = close;
        // '"value"': Gradle writes a Java string literal inside a Groovy one.
        if (e - s >= 2 && (text.charAt(s) == '"' || text.charAt(s) == '\'') && text.charAt(e - 1) == text.charAt(s)) {
            s++;
            e--;
        }
        String value = text.substring(s, e).strip();
        if (type.equals(PASSWORD) && (value.indexOf(' ') >= 0 || argument && FIELD_NAME.matcher(value).matches())) {
            // A label in a call ("password", "Mot de passe"), or the next name in a list of
            // fields (array('password', 'email')), not a password.
            return true;
        }
        report(text, s, e, type, true, out);
        return true;
    }

    /**
     * True if the line holding {@code at} starts with Android Gradle's buildConfigField or
     * resValue. Such a line is short: looking back at most 128 chars keeps a long line of
     * quoted names linear.
     */
    private static boolean androidBuildValue(String text, int at) {
        int lineStart = TextSpans.lineStart(text, at, 128);
        if (lineStart < 0) {
            return false;
        }
        int k = skipBlanks(text, lineStart);
        return text.startsWith("buildConfigField", k) || text.startsWith("resValue", k);
    }

    /**
     * After "password for": where " is " follows a short "user 'x'" or "the admin account" on
     * the same line, or {@code from} if it does not.
     */
    private static int forWhom(String text, int from) {
        int limit = Math.min(text.length(), from + 64);
        for (int j = from + 5; j < limit; j++) {
            char c = text.charAt(j);
            if (c == '\n' || c == '.' || c == ',') {
                return from;
            }
            if (text.startsWith(" is ", j)) {
                return j;
            }
        }
        return from;
    }

    /**
     * "password hunter2" with only a space between counts in the formats that write it so:
     * netrc ({@code machine host login user password secret}) and Gradle/Groovy
     * ({@code password 'secret'}).
     */
    private static boolean spaceSeparated(String text, int idStart, int valueStart) {
        if (valueStart >= text.length()) {
            return false;
        }
        char c = text.charAt(valueStart);
        if (c == '"' || c == '\'') {
            // The key must open its line: only blanks between the line start and the key.
            for (int i = idStart - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        // Both lines are looked for within a bounded distance: a text of keys on one long line
        // would otherwise be searched back to its start at every key (quadratic).
        int lineStart = TextSpans.lineStart(text, idStart, LOGIN_REACH);
        String before = text.substring(lineStart < 0 ? idStart - LOGIN_REACH : lineStart, idStart)
                .toLowerCase(Locale.ROOT);
        if (before.contains("login ")) {
            return true;
        }
        if (lineStart <= 0) {
            return false;
        }
        int previousStart = TextSpans.lineStart(text, lineStart - 1, 2 * LOGIN_REACH);
        return previousStart >= 0 && text.substring(previousStart, lineStart).strip().toLowerCase(Locale.ROOT)
                .startsWith("login ");
    }

    /** How far back "login" is looked for before a space-separated password (netrc lines are short). */
    private static final int LOGIN_REACH = 200;

    /**
     * True if a quoted value of a secret key reads like a passphrase someone chose: 8 to 64 chars
     * without blanks, letters and a symbol that names and paths do not hold
     * ({@code "blue#harbor"}), rather than a name ({@code "my-app-secret"}) or a path.
     */
    static boolean passphrase(String value) {
        int n = value.length();
        if (n < 8 || n > 64 || Entropy.madeUp(value) || value.contains("://")) {
            return false;
        }
        int letters = 0;
        boolean symbol = false;
        for (int k = 0; k < n; k++) {
            char c = value.charAt(k);
            if (Character.isWhitespace(c)) {
                return false;
            }
            letters += Character.isLetter(c) ? 1 : 0;
            symbol |= k > 0 && "!#$%&*+=?^~".indexOf(c) >= 0;
        }
        return symbol && letters >= 4;
    }

    /** True if {@code value} looks like a generated secret rather than a word or a number. */
    static boolean random(String value) {
        int n = value.length();
        if (n < 12 || value.indexOf(' ') >= 0 || Entropy.madeUp(value)) {
            return false;
        }
        if (Entropy.hex(value)) {
            return n >= 16 && !value.chars().allMatch(Character::isDigit) && Entropy.bitsPerChar(value) >= 2.5;
        }
        if (HOSTNAME.matcher(value).matches() || Entropy.wordLike(value)) {
            return false;
        }
        return Entropy.mixesClasses(value, 2) && Entropy.bitsPerChar(value) >= 3.0
                && value.chars().anyMatch(Character::isDigit) | Entropy.mixesClasses(value, 3);
    }

    /**
     * The index of the {@code quote} that closes a value starting at {@code from} (with
     * {@code escaped}, of the backslash of a {@code \"}), or -1 if a line break comes first or
     * the value would be longer than {@code max}. Bounded, so that many keys on one long line
     * cost what their values cost.
     */
    private static int closeOnLine(String text, int from, char quote, int max, boolean escaped) {
        int limit = (int) Math.min(text.length(), (long) from + max + (escaped ? 2 : 1));
        for (int j = from; j < limit; j++) {
            char c = text.charAt(j);
            if (c == '\n') {
                return -1;
            }
            if (c == quote && (!escaped || j > from && text.charAt(j - 1) == '\\')) {
                return escaped ? j - 1 : j;
            }
        }
        return -1;
    }

    /** True if only separators and blanks stand between {@code from} and the next {@code quote}. */
    private static boolean valueBlankUntil(String text, int from, char quote) {
        int close = text.indexOf(quote, from);
        if (close < 0 || close - from > 16) {
            return close < 0;
        }
        return text.substring(from, close).chars().allMatch(c -> c == ' ' || c == ':' || c == '=' || c == '\t');
    }

    private static String stripQuotes(String v) {
        String s = v.strip();
        while (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')
                && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /**
     * A value that names the field rather than filling it ("Password:", "#add-password",
     * "/users/password/edit") or that is code around a string ({@code " + getPassword() + "}).
     */
    private static boolean label(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.startsWith("+") || v.endsWith("+") || v.startsWith("arn:")
                || v.indexOf('/') >= 0 && v.chars().noneMatch(Character::isDigit) && v.equals(value.strip())
                        && v.chars().allMatch(c -> Character.isLowerCase(c) || "/#_-.".indexOf(c) >= 0)
                || v.startsWith("#") || v.startsWith("/") || v.startsWith("&lt;") || v.startsWith("#{")
                || v.endsWith(":") && v.indexOf(' ') < 0 && v.chars().filter(Character::isLetter).count() == v.length() - 1;
    }

    /** An unquoted value that names a variable or calls a function is code, not a secret. */
    private static boolean codeReference(String value, boolean quoted) {
        if (quoted) {
            return false;
        }
        return value.contains("(") || value.startsWith("$") || value.startsWith("@") || value.startsWith(".")
                || value.startsWith("\\") || value.contains("[")
                || value.matches("[a-z_][A-Za-z0-9_]*+\\.[A-Za-z_][A-Za-z0-9_.]*+")
                || value.matches("[a-z]++[A-Z][A-Za-z]*+");
    }

    /** "password: see the vault" is a sentence, not an assignment. */
    private static boolean looksLikeProse(String text, String value, int end) {
        boolean word = value.chars().allMatch(c -> Character.isLetter(c));
        return word && end + 1 < text.length() && text.charAt(end) == ' ' && Character.isLetter(text.charAt(end + 1));
    }

    private static boolean stops(char c) {
        return Character.isWhitespace(c) || ",;&)}]\"'<>`".indexOf(c) >= 0;
    }

    private static int trimSentenceEnd(String text, int start, int end) {
        int e = end;
        while (e > start + 1 && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == ':')) {
            e--;
        }
        return e;
    }

    private static int skipBlanks(String text, int i) {
        int j = i;
        while (j < text.length() && j - i < 16 && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j++;
        }
        return j;
    }

    private static int identifierStart(String text, int from) {
        int i = from;
        while (i > 0 && from - i < 64 && identifierChar(text.charAt(i - 1))) {
            i--;
        }
        while (i < from && (text.charAt(i) == '-' || text.charAt(i) == '.')) {
            i++; // "--password" is a flag named password
        }
        return i;
    }

    private static int identifierEnd(String text, int from) {
        int i = from;
        while (i < text.length() && i - from < 64 && identifierChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean identifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    /** The {@code Authorization: Bearer <token>} or {@code Basic <base64>} value after the scheme at {@code at}. */
    private static void authHeader(String text, int at, List<Finding> out) {
        if (at > 0 && (Character.isLetterOrDigit(text.charAt(at - 1)) || text.charAt(at - 1) == '_'
                || text.charAt(at - 1) == '-')) {
            return;
        }
        Matcher m = AUTH_HEADER.matcher(text).region(at, Math.min(text.length(), at + 4200));
        if (!m.lookingAt()) {
            return;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String value = m.group(2);
        boolean ok = scheme.equals("bearer") ? random(value) || value.startsWith("eyJ")
                : authorizationBefore(text, m.start()) && Entropy.mixesClasses(value, 2);
        if (ok && !PlaceholderValues.isPlaceholder(value) && !TextSpans.overlapsAny(out, m.start(2), m.end(2))) {
            out.add(new Finding(HTTP_AUTH, m.start(2), m.end(2), 0.9, ID));
        }
    }

    /** True if "authorization" is written in the 40 chars before {@code at}. */
    private static boolean authorizationBefore(String text, int at) {
        for (int i = Math.max(0, at - 40); i + 13 <= at; i++) {
            if (text.regionMatches(true, i, "authorization", 0, 13)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AssignmentDetector";
    }
}
