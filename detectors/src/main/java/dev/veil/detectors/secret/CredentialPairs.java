package dev.veil.detectors.secret;

import dev.veil.detectors.Finding;
import dev.veil.detectors.pattern.PlaceholderValues;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The other half of a credential: the user name written next to a password that was found
 * ({@code user = 'deploy'} above {@code password = '...'}, {@code username "ci"} in a Gradle
 * {@code credentials} block, {@code login ci} in a netrc entry, {@code -u admin -p ...} on a
 * command line). Reported as {@code secret.username} so that redaction hides the pair, never on
 * its own: a user name without a password beside it is not a secret.
 *
 * <p>Command lines that take a password as a short flag ({@code psexec \\host -u admin -p pw})
 * are read here too, since the flag alone ({@code -p}) names nothing.
 *
 * <p>Stateless and thread-safe.
 */
final class CredentialPairs {

    static final String USERNAME = "secret.username";
    static final String CLIENT_ID = "secret.oauth_client_id";
    static final String HOST = "secret.credential_host";

    /** How far from a password its user name may be written. */
    private static final int BEFORE = 300;
    private static final int AFTER = 200;
    /** How close the user name "anonymous" must be to a password to make it an anonymous login. */
    private static final int NEAR = 100;
    private static final int MAX_COMMAND = 512;

    /** A key naming a user, a separator (=, :, =>, or blanks) and a value; run only near a password. */
    private static final Pattern USER = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(?:[A-Za-z0-9]{1,32}+[_.-]){0,4}+(?:user(?:_?name)?+|login|uid|user ?id)"
                    + "[\"']?+(?:[ \\t]{0,8}+(?:=>|[:=])[ \\t]{0,8}+(?:\\\\?\"|')?+"
                    // "username 'ci'" (Gradle) needs quotes; "login ci" (netrc) and a command-line
                    // flag ("-User ops", "--username ci") do not.
                    + "|(?<=[a-z])[ \\t]{1,8}+(?:\\\\?\"|')|(?<=login)[ \\t]{1,8}+"
                    + "|(?<=(?:^|\\s)-{1,2}(?:user|username|user-name))[ \\t]{1,8}+)"
                    + "([^\"'\\s;,&)\\\\]{1,128}+)");
    /** A key naming an OAuth client id, a separator and a value; run only near a client secret. */
    private static final Pattern CLIENT_ID_KEY = Pattern.compile(
            "(?i)client[_.-]?id(?![A-Za-z0-9])[\"']?+[ \\t]{0,8}+(?:=>|[:=])[ \\t]{0,8}+(?:\\\\?\"|')?+"
                    + "([A-Za-z0-9._~-]{8,128}+)(?![A-Za-z0-9._~$-])");
    /**
     * A key naming the host a credential is for ({@code host}, {@code server}, {@code domain},
     * netrc's {@code machine}, an OIDC issuer URL) and a DNS name or address; run only near a
     * password or client secret.
     */
    private static final Pattern HOST_KEY = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(?:host(?:name)?+|server|domain|machine|issuer_base_url)(?![A-Za-z0-9])[\"']?+"
                    + "(?:[ \\t]{0,8}+(?:=>|[:=])[ \\t]{0,8}+(?:\\\\?\"|')?+|(?<=machine)[ \\t]{1,8}+)"
                    + "((?:https?://)?+[A-Za-z0-9-]{1,63}+(?:\\.[A-Za-z0-9-]{1,63}+){1,8}+(?::\\d{1,5}+)?+)"
                    + "(?![A-Za-z0-9.-])");
    /** A short flag of a command line that takes a password or a user name. */
    private static final Pattern SHORT_FLAG = Pattern.compile("(?<=\\s)-([up])[ \\t]++([^\\s\"']{1,128}+)");

    private CredentialPairs() {
    }

    /**
     * The string arguments of a constructor that takes a user name and a password, the password
     * last: {@code new NetworkCredential("user", "pw")},
     * {@code new DirectoryEntry("LDAP://host", "user", "pw")}. {@code open} is the "(".
     */
    static void constructorArguments(String text, int open, List<Finding> out) {
        List<int[]> args = new ArrayList<>();
        int i = open + 1;
        int limit = Math.min(text.length(), open + 400);
        while (i < limit && args.size() < 4) {
            while (i < limit && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            if (i >= limit || text.charAt(i) != '"' && text.charAt(i) != '\'') {
                break;
            }
            int close = text.indexOf(text.charAt(i), i + 1);
            if (close < 0 || close >= limit) {
                break;
            }
            args.add(new int[] {i + 1, close});
            i = close + 1;
        }
        if (args.size() < 2 || i >= limit || text.charAt(i) != ')') {
            return;
        }
        int[] password = args.get(args.size() - 1);
        int[] user = args.get(args.size() - 2);
        String pw = text.substring(password[0], password[1]);
        if (PlaceholderValues.isPlaceholder(pw) || pw.strip().length() < 4
                || TextSpans.overlapsAny(out, password[0], password[1])) {
            return;
        }
        out.add(new Finding(AssignmentDetector.PASSWORD, password[0], password[1], 0.85, AssignmentDetector.ID));
        if (user[1] > user[0] && !PlaceholderValues.isPlaceholder(text.substring(user[0], user[1]))) {
            out.add(new Finding(USERNAME, user[0], user[1], 0.6, AssignmentDetector.ID));
        }
        if (args.size() >= 3) {
            // DirectoryEntry's path ("LDAP://dc01.corp.example/..."): the directory they open.
            int[] path = args.get(args.size() - 3);
            String p = text.substring(path[0], path[1]);
            if (p.contains("://") && !PlaceholderValues.isPlaceholder(p)) {
                out.add(new Finding(HOST, path[0], path[1], 0.5, AssignmentDetector.ID));
            }
        }
    }

    /**
     * Adds the user names that go with the password findings in {@code found} to it. A password
     * given with the user name "anonymous" is dropped: anonymous FTP and LDAP logins take any
     * password (by custom an e-mail address), so it opens nothing.
     */
    static void addUsernames(String text, List<Finding> found) {
        List<Finding> added = new ArrayList<>();
        List<Finding> anonymous = new ArrayList<>();
        int searchedTo = 0;
        int anonymousUntil = -1;
        for (Finding f : found) {
            if (!f.type().equals(AssignmentDetector.PASSWORD)) {
                continue;
            }
            if (f.start() < anonymousUntil) {
                anonymous.add(f);
                continue;
            }
            int from = Math.max(searchedTo, Math.max(0, f.start() - BEFORE));
            int to = Math.min(text.length(), f.end() + AFTER);
            if (from >= to) {
                continue;
            }
            Matcher m = USER.matcher(text).region(from, to).useTransparentBounds(true);
            List<Finding> users = new ArrayList<>();
            boolean anonymousLogin = false;
            while (m.find()) {
                int s = m.start(1);
                int e = m.end(1);
                if (m.group(1).equalsIgnoreCase("anonymous")) {
                    if (Math.abs(s - f.start()) <= NEAR) {
                        anonymousLogin = true;
                        anonymousUntil = e + NEAR;
                    }
                } else if (!PlaceholderValues.isPlaceholder(m.group(1)) && !TextSpans.overlapsAny(found, s, e)
                        && !TextSpans.overlapsAny(added, s, e)
                        && !m.group(1).startsWith("$") && !m.group(1).startsWith("%")) {
                    users.add(new Finding(USERNAME, s, e, 0.6, AssignmentDetector.ID));
                }
            }
            if (anonymousLogin) {
                anonymous.add(f); // the user names seen belong to other passwords, if any
            } else {
                added.addAll(users);
                hosts(text, from, to, found, added);
                searchedTo = to;
            }
        }
        found.removeAll(anonymous);
        found.addAll(added);
    }

    /**
     * The client id written beside an OAuth client secret that was found ({@code client_id} and
     * {@code client_secret}, {@code clientID} and {@code clientSecret}): the two together are the
     * application's credential. Reported as {@code secret.oauth_client_id} with a low score,
     * never on its own.
     */
    static void addClientIds(String text, List<Finding> secrets, List<Finding> found) {
        int searchedTo = 0;
        for (Finding f : secrets) {
            int from = Math.max(searchedTo, Math.max(0, f.start() - BEFORE));
            int to = Math.min(text.length(), f.end() + AFTER);
            if (from >= to) {
                continue;
            }
            Matcher m = CLIENT_ID_KEY.matcher(text).region(from, to).useTransparentBounds(true);
            List<Finding> added = new ArrayList<>();
            while (m.find()) {
                int s = m.start(1);
                int e = m.end(1);
                if (!PlaceholderValues.isPlaceholder(m.group(1)) && !Entropy.madeUp(m.group(1))
                        && !TextSpans.overlapsAny(found, s, e)) {
                    added.add(new Finding(CLIENT_ID, s, e, 0.5, AssignmentDetector.ID));
                }
            }
            hosts(text, from, to, found, added);
            found.addAll(added);
            searchedTo = to;
        }
    }

    /**
     * Adds to {@code added} the hosts named between {@code from} and {@code to}, beside a
     * credential: netrc's {@code machine}, PHPMailer's {@code Host}, an Auth0 {@code DOMAIN}.
     * Reported as {@code secret.credential_host} with a low score, never on its own, so that
     * redaction can hide where the credential works along with it.
     */
    private static void hosts(String text, int from, int to, List<Finding> found, List<Finding> added) {
        Matcher m = HOST_KEY.matcher(text).region(from, to).useTransparentBounds(true);
        while (m.find()) {
            int s = m.start(1);
            int e = m.end(1);
            if (!TextSpans.overlapsAny(found, s, e) && !TextSpans.overlapsAny(added, s, e)) {
                added.add(new Finding(HOST, s, e, 0.5, AssignmentDetector.ID));
            }
        }
    }

    /**
     * Passwords and user names given as {@code -p} and {@code -u} on the line of a command known
     * to take them so (PsExec, PsTools and their kin). Returns where the line read ends.
     */
    static int shortFlags(String text, int commandAt, List<Finding> out) {
        // Flags belong to the command's own line, and a command line is short: the bound keeps
        // a text full of "psexec" linear.
        int lineEnd = TextSpans.lineEnd(text, commandAt, MAX_COMMAND);
        Matcher m = SHORT_FLAG.matcher(text).region(commandAt, lineEnd).useTransparentBounds(true);
        List<Finding> line = new ArrayList<>();
        boolean password = false;
        while (m.find()) {
            String value = m.group(2);
            if (PlaceholderValues.isPlaceholder(value) || value.startsWith("%") || value.startsWith("$")) {
                continue;
            }
            boolean isPassword = m.group(1).equals("p");
            password |= isPassword;
            line.add(new Finding(isPassword ? AssignmentDetector.PASSWORD : USERNAME, m.start(2), m.end(2),
                    isPassword ? 0.85 : 0.6, AssignmentDetector.ID));
        }
        if (password) {
            for (Finding f : line) {
                if (!TextSpans.overlapsAny(out, f.start(), f.end())) {
                    out.add(f);
                }
            }
        }
        return lineEnd;
    }

}
