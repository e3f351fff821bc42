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
 * Connection strings that carry a password: database and queue URLs
 * ({@code postgres://app:s3cret@db:5432/prod}, {@code jdbc:mysql://...?password=...}) and
 * key-value strings ({@code Server=db;User Id=app;Password=s3cret;}, Azure's
 * {@code DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...} and
 * {@code Endpoint=https://...;Id=...;Secret=...}). A placeholder password
 * ({@code ${DB_PASSWORD}}) is not reported.
 *
 * <p>Immutable and thread-safe.
 */
final class ConnectionStringDetector implements Detector {

    static final String TYPE = "secret.connection_string";

    private static final Pattern URL = Pattern.compile(
            "(?i:(?:jdbc:)?(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql"
                    + "|sqlserver|oracle(?::thin)?|cockroachdb|clickhouse|cassandra|couchdbs?|neo4j(?:\\+s)?|nats|kafka"
                    + "|memcached|mqtts?|db2|snowflake|redshift|sybase|cosmosdb|influxdb))"
                    + "://(?:[^\\s:/@?#\"'<>]{0,128}+:([^\\s/@\"'<>]{1,256}+)@)?+[^\\s\"'<>]{1,1024}+");
    /** Any scheme, then a user name, a password and a host. */
    private static final Pattern ANY_SCHEME_URL = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]{0,30}+(?::[A-Za-z][A-Za-z0-9+.-]{0,30}+){0,2}+)://[^\\s:/@?#\"'<>]{1,128}+:([^\\s/@\"'<>]{1,256}+)@"
                    + "[^\\s\"'<>/?#]{1,253}+[^\\s\"'<>]{0,1024}+");
    /** Schemes whose URLs with credentials {@code network.url_credentials} reports. */
    private static final Set<String> WEB_SCHEMES = Set.of("http", "https", "ftp", "ftps", "sftp", "ssh", "git", "svn",
            "ws", "wss", "smb", "ldap", "ldaps", "webdav", "rtsp", "imap", "imaps", "pop3", "pop3s", "smtp", "smtps");
    private static final Pattern PASSWORD_PARAM = Pattern.compile(
            "(?i)[?&;](?:password|pwd|pass)=([^&;\\s\"'<>]{1,256}+)");
    /** The key that carries the secret: a password, or an Azure account, access or App Configuration key. */
    private static final Pattern KEY_VALUE_PASSWORD = Pattern.compile(
            "(?i)(?:password|pwd|accountkey|sharedaccesskey|secret)\\s{0,4}+=\\s{0,4}+([^;\\n\"'<>]{1,256}+)");
    /** Where a secret key of a key-value string may start; the pattern above is tried only there. */
    private static final Keywords KEY_WORDS = new Keywords(List.of("pwd", "password", "accountkey",
            "sharedaccesskey", "secret"));
    /** The chars of a URL scheme, walked back over from "://". */
    private static final int MAX_SCHEME = 24;
    private static final Pattern KEY_VALUE_PEER = Pattern.compile(
            "(?i)(?<![\\w])(?:server|data source|host|hostname|address|addr|network address|user id|uid|"
                    + "username|user|initial catalog|database|dsn|driver|provider|accountname|endpoint"
                    + "|sharedaccesskeyname|defaultendpointsprotocol|id)\\s{0,4}+=");

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
        List<Finding> findings = new ArrayList<>();
        for (int sep = text.indexOf("://"); sep >= 0; sep = text.indexOf("://", sep + 3)) {
            int start = schemeStart(text, sep);
            if (start == sep || insideAny(findings, start)) {
                continue;
            }
            Matcher m = URL.matcher(text).region(start, Math.min(text.length(), sep + 1700));
            if (!m.lookingAt()) {
                anyScheme(text, start, sep, findings);
                continue;
            }
            String password = m.group(1);
            if (password == null) {
                Matcher p = PASSWORD_PARAM.matcher(m.group());
                password = p.find() ? p.group(1) : null;
            }
            if (password != null && !PlaceholderValues.isPlaceholder(password)) {
                findings.add(new Finding(TYPE, m.start(), trimEnd(text, m.start(), m.end()), 0.95, TYPE));
            }
        }
        keyValue(text, findings);
        return findings;
    }

    /**
     * A URL of a scheme not listed above with a user name and password in it
     * ({@code postgresql+psycopg2://app:pw@db/x}, {@code sqlserver+pyodbc://...},
     * {@code couchbase://...}). Web and file-transfer URLs ({@code https://u:p@host}) are left to
     * {@code network.url_credentials}.
     */
    private static void anyScheme(String text, int start, int sep, List<Finding> findings) {
        Matcher m = ANY_SCHEME_URL.matcher(text).region(start, Math.min(text.length(), sep + 1700));
        if (!m.lookingAt() || WEB_SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
            return;
        }
        String password = m.group(2);
        if (!PlaceholderValues.isPlaceholder(password) && !password.chars().allMatch(Character::isDigit)) {
            findings.add(new Finding(TYPE, m.start(), trimEnd(text, m.start(), m.end()), 0.9, TYPE));
        }
    }

    /** Start of the scheme that ends at {@code sep} ("jdbc:postgresql" before "://"). */
    private static int schemeStart(String text, int sep) {
        int i = sep;
        while (i > 0 && sep - i < MAX_SCHEME && schemeChar(text.charAt(i - 1))) {
            i--;
        }
        // A scheme starts with a letter; "x.postgres://" is not one.
        while (i < sep && !Character.isLetter(text.charAt(i))) {
            i++;
        }
        if (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || "_+.-".indexOf(text.charAt(i - 1)) >= 0)) {
            return sep;
        }
        return i;
    }

    private static boolean schemeChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == ':');
    }

    /** Finds {@code Key=Value;} strings with a password and a server or user key in the same segment. */
    private static void keyValue(String text, List<Finding> findings) {
        List<Integer> keys = new ArrayList<>();
        KEY_WORDS.find(text, (start, end, word) -> {
            if (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)) && text.charAt(start - 1) != '_') {
                keys.add(start);
            }
        });
        Matcher m = KEY_VALUE_PASSWORD.matcher(text);
        for (int at : keys) {
            m.region(at, Math.min(text.length(), at + 300));
            if (!m.lookingAt()) {
                continue;
            }
            if (placeholder(m.group(1)) || insideAny(findings, m.start())) {
                continue;
            }
            int segmentStart = segmentStart(text, m.start());
            int segmentEnd = segmentEnd(text, m.end());
            Matcher peer = KEY_VALUE_PEER.matcher(text).region(segmentStart, segmentEnd);
            if (!peer.find() || !hasSemicolon(text, segmentStart, segmentEnd)) {
                continue;
            }
            // An Azure key is worth more with its account name: the whole string is the credential.
            double score = Character.toLowerCase(text.charAt(m.start())) == 'p' ? 0.9 : 0.99;
            findings.add(new Finding(TYPE, segmentStart, trimEnd(text, segmentStart, segmentEnd), score, TYPE));
        }
    }

    private static boolean hasSemicolon(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ';') {
                return true;
            }
        }
        return false;
    }

    /** A template ({@code {0}}, {@code {password}}) or placeholder as the first word of a value. */
    private static boolean placeholder(String value) {
        String v = value.strip();
        int space = v.indexOf(' ');
        String first = space < 0 ? v : v.substring(0, space);
        return PlaceholderValues.isPlaceholder(v) || PlaceholderValues.isPlaceholder(first)
                || first.startsWith("{") && first.endsWith("}");
    }

    private static boolean insideAny(List<Finding> findings, int at) {
        for (Finding f : findings) {
            if (at >= f.start() && at < f.end()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Start of the quoted string or line holding {@code at}, at most 512 chars back. A string
     * written one key per line ({@code AccountName=x;} then {@code AccountKey=y;}) is one segment.
     */
    private static int segmentStart(String text, int at) {
        int limit = Math.max(0, at - 512);
        for (int i = at - 1; i >= limit; i--) {
            char c = text.charAt(i);
            if (c == '\n' && continuesOnNextLine(text, i)) {
                continue;
            }
            if (c == '\n' || c == '"' || c == '\'' || c == '`' || c == '>') {
                return skipSpaces(text, i + 1, at);
            }
        }
        return skipSpaces(text, limit, at);
    }

    private static int segmentEnd(String text, int at) {
        int limit = Math.min(text.length(), at + 512);
        for (int i = at; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n' && continuesOnNextLine(text, i)) {
                continue;
            }
            if (c == '\n' || c == '"' || c == '\'' || c == '`' || c == '<') {
                return i;
            }
        }
        return limit;
    }

    /**
     * True if the line break at {@code nl} splits one key-value string: the line before it ends
     * with ";", and both lines start with a key and "=" ({@code BlobEndpoint=...}), not with
     * code ({@code int a = 5;}).
     */
    private static boolean continuesOnNextLine(String text, int nl) {
        int b = nl;
        while (b > 0 && (text.charAt(b - 1) == '\r' || text.charAt(b - 1) == ' ' || text.charAt(b - 1) == '\t')) {
            b--;
        }
        if (b == 0 || text.charAt(b - 1) != ';') {
            return false;
        }
        int previous = b;
        while (previous > 0 && previous > nl - 512 && text.charAt(previous - 1) != '\n') {
            previous--;
        }
        return startsWithKey(text, previous) && startsWithKey(text, nl + 1);
    }

    /** True if a key and "=" start at {@code from}, after blanks: {@code User Id=}, {@code AccountKey=}. */
    private static boolean startsWithKey(String text, int from) {
        int a = from;
        int limit = Math.min(text.length(), from + 64);
        while (a < limit && (text.charAt(a) == ' ' || text.charAt(a) == '\t')) {
            a++;
        }
        if (a >= limit || !Character.isLetter(text.charAt(a))) {
            return false;
        }
        for (int k = a + 1; k < limit; k++) {
            char c = text.charAt(k);
            if (c == '=') {
                return text.charAt(k - 1) != ' ';
            }
            if (!Character.isLetterOrDigit(c) && c != ' ' && c != '_') {
                return false;
            }
        }
        return false;
    }

    private static int skipSpaces(String text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Drops trailing punctuation that ends a sentence rather than the string. */
    private static int trimEnd(String text, int start, int end) {
        int e = end;
        while (e > start && ".,;:)]}".indexOf(text.charAt(e - 1)) >= 0 || e > start && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    @Override
    public String toString() {
        return "ConnectionStringDetector";
    }
}
