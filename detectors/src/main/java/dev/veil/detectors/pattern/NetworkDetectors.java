package dev.veil.detectors.pattern;

import dev.veil.detectors.Detector;
import dev.veil.detectors.pattern.PatternDetector.CharTest;
import dev.veil.detectors.validate.Ipv4;
import dev.veil.detectors.validate.Ipv6;
import java.util.List;
import java.util.Locale;

/** Detectors of network identifiers: IP and MAC addresses, URLs that carry credentials. */
public final class NetworkDetectors {

    /** Words that make a dotted quad a version or an OID, not an address. */
    private static final ContextWords NOT_AN_ADDRESS = new ContextWords(List.of("version", "versions", "ver",
            "v", "release", "build", "firmware", "oid", "revision", "rev", "sdk", "bump", "upgrade",
            "upgraded", "downgrade", "semver", "changelog"), 20, 0);

    private NetworkDetectors() {
    }

    /** Every network detector, in a stable order. */
    public static List<Detector> all() {
        return List.of(ipv4(), ipv6(), mac(), urlCredentials());
    }

    /** IPv4 addresses, but not "version 1.2.3.4" nor part of a longer dotted number. */
    public static Detector ipv4() {
        return PatternDetector.builder("network.ipv4")
                .pattern("\\d(?<![\\w.-]\\d|\\d\\.\\d)\\d{0,2}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(?![\\w-]|\\.\\d)")
                .startsWith(CharTest.digit(), CharTest.wordOr(".-"))
                .startsWhere(NetworkDetectors::octetThenDot)
                .near(Windows.DIGITS, 0, 0)
                .minAnchors(4)
                .validator(Ipv4::valid)
                .score(0.85)
                .context(ContextWords.of("ip", "ip address", "ipv4", "host", "server", "address", "addr",
                        "client", "gateway", "dns", "subnet", "ping", "ssh", "connect", "from", "src", "dst"), 0.95)
                .exclude(NOT_AN_ADDRESS)
                .build();
    }

    /** IPv6 addresses with at least three groups (so "::" and "a::b" in code are left alone). */
    public static Detector ipv6() {
        return PatternDetector.builder("network.ipv6")
                .pattern("(?=[0-9A-Fa-f:])(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}+:){2,7}+(?:[0-9A-Fa-f]{1,4}+(?:\\.\\d{1,3}){3}+|[0-9A-Fa-f]{1,4}+)?+"
                        + "(?![\\w:]|\\.\\w)")
                .startsWith(c -> isHex(c) || c == ':', CharTest.wordOr(":."))
                .startsWhere(NetworkDetectors::hexGroupThenColon)
                .near(":", 45, 45)
                .minAnchors(2)
                .validator(NetworkDetectors::plausibleIpv6)
                .score(0.9)
                .literals(":")
                .build();
    }

    private static boolean plausibleIpv6(String s) {
        if (!Ipv6.valid(s)) {
            return false;
        }
        int hexGroups = 0;
        boolean hexLetter = false;
        for (String g : s.split(":")) {
            if (!g.isEmpty()) {
                hexGroups += g.indexOf('.') >= 0 ? 2 : 1;
            }
            hexLetter |= g.chars().anyMatch(c -> Character.isLetter(c));
        }
        // "10:30:00" is a time and "1::2" an index: an address has letters or many groups.
        return hexGroups >= 3 && (hexLetter || hexGroups >= 5 || s.contains("::"));
    }

    /** MAC addresses: six hex pairs with ':' or '-', or Cisco's three dotted quads of hex. */
    public static Detector mac() {
        return PatternDetector.builder("network.mac")
                .pattern("[0-9A-Fa-f](?<![\\w:.-][0-9A-Fa-f])(?:[0-9A-Fa-f]([:-])(?:[0-9A-Fa-f]{2}\\1){4}[0-9A-Fa-f]{2}"
                        + "|[0-9A-Fa-f]{3}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4})(?![\\w:-]|\\.\\w)")
                .startsWith(NetworkDetectors::isHex, CharTest.wordOr(":.-"))
                .startsWhere((t, i) -> Starts.at(t, i + 1, NetworkDetectors::isHex)
                        && (Starts.at(t, i + 2, c -> c == ':' || c == '-')
                        || Starts.all(t, i + 2, 2, NetworkDetectors::isHex) && Starts.at(t, i + 4, c -> c == '.')))
                .validator(v -> !v.replaceAll("[:.-]", "").chars().allMatch(Character::isDigit)
                        || v.indexOf(':') >= 0 || v.indexOf('-') >= 0)
                .near(":-.", 15, 15)
                .minAnchors(2)
                .score(0.85)
                .build();
    }

    /**
     * URLs with a user name and password in them ({@code https://user:pass@host/...}). Database
     * and queue URLs are reported as {@code secret.connection_string} instead; placeholder
     * passwords ({@code ${PASSWORD}}, {@code <password>}, {@code ****}) are not reported.
     */
    public static Detector urlCredentials() {
        return PatternDetector.builder("network.url_credentials")
                .pattern("(?<![\\w+.-])((?i:https?|ftps?|sftp|ssh|git|svn|ws|wss|smb|ldaps?|webdav|rtsp|imaps?|pop3s?|smtps?))"
                        + "://[^\\s:/@?#\"'<>]{1,128}+:([^\\s/@\"'<>]{1,256}+)@[\\w.-]{1,253}+(?::\\d{1,5})?+"
                        + "(?:/[^\\s\"'<>]{0,1024}+)?+")
                .near("@", 420, 1300)
                .validator(v -> !PlaceholderValues.isPlaceholder(passwordOf(v)))
                .score(0.95)
                .literals("://")
                .build();
    }

    /** Up to three digits from {@code start}, a dot and a digit, as every dotted quad starts. */
    private static boolean octetThenDot(String text, int start) {
        int i = start + 1;
        while (i < start + 3 && Starts.at(text, i, CharTest.digit())) {
            i++;
        }
        return Starts.at(text, i, c -> c == '.') && Starts.at(text, i + 1, CharTest.digit());
    }

    /** Up to four hex digits from {@code start}, then a colon, as every IPv6 address starts. */
    private static boolean hexGroupThenColon(String text, int start) {
        int i = start;
        while (i < start + 4 && Starts.at(text, i, NetworkDetectors::isHex)) {
            i++;
        }
        return Starts.at(text, i, c -> c == ':');
    }

    /** {@code [0-9A-Fa-f]}. */
    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }

    static String passwordOf(String url) {
        int scheme = url.indexOf("://") + 3;
        int at = url.indexOf('@', scheme);
        int colon = url.indexOf(':', scheme);
        return colon < 0 || colon > at ? "" : url.substring(colon + 1, at).toLowerCase(Locale.ROOT);
    }
}
