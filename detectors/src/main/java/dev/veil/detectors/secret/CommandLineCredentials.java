package dev.veil.detectors.secret;

import dev.veil.detectors.Finding;
import dev.veil.detectors.pattern.PlaceholderValues;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials on the command line of tools that take them in their own syntax, where the flag
 * alone names nothing: {@code curl -u user:password}, {@code mysql -u user -ppassword} (the
 * password written right after {@code -p}; {@code -p} alone asks for it), and a short flag and
 * its value: {@code sshpass -p}, {@code docker login -u -p}, {@code sqlcmd -U -P},
 * {@code mongosh -u -p}, {@code redis-cli -a}, {@code ldapsearch -D -w}. Only the tool's own line
 * is read, at most 512 chars of it.
 *
 * <p>Stateless and thread-safe.
 */
final class CommandLineCredentials {

    /**
     * A tool that takes a password as a short flag and its value: the word that starts its
     * command ({@code mongo} also starts mongosh and mongodump), the word that must follow it
     * ("login" for docker, whose {@code -p} is otherwise a port), and its flags.
     */
    private record FlagTool(String word, String then, String passwordFlag, Pattern flags) {
    }

    private static final List<FlagTool> FLAG_TOOLS = List.of(
            flagTool("sshpass", "", "p", ""),
            flagTool("docker", "login", "p", "u"),
            flagTool("sqlcmd", "", "P", "U"),
            flagTool("mongo", "", "p", "u"),
            flagTool("redis-cli", "", "a", ""),
            flagTool("ldap", "", "w", "D"));

    /** The tools, as written on a command line ({@code mysql} also starts mysqldump and mysqladmin). */
    static final List<String> TOOLS = tools();

    private static final int MAX_COMMAND = 512;
    private static final Pattern CURL = Pattern.compile(
            "(?<=\\s)(?:-u|--user)[ \\t]++['\"]?+([^\\s:'\"]{1,128}+):([^\\s'\"]{1,256}+)");
    private static final Pattern MYSQL_USER = Pattern.compile("(?<=\\s)(?:-u[ \\t]*+|--user=)([^\\s'\"-][^\\s'\"]{0,127}+)");
    private static final Pattern MYSQL_PASSWORD = Pattern.compile(
            "(?<=\\s)-p(?:'([^'\\n]{1,256}+)'|\"([^\"\\n]{1,256}+)\"|([^\\s'\"-][^\\s'\"]{0,255}+))");

    private CommandLineCredentials() {
    }

    private static FlagTool flagTool(String word, String then, String password, String user) {
        String flags = user.isEmpty() ? password : password + user;
        return new FlagTool(word, then, password, Pattern.compile(
                "(?<=\\s)-([" + flags + "])[ \\t]++['\"]?+([^\\s'\"]{1,256}+)"));
    }

    private static List<String> tools() {
        List<String> all = new ArrayList<>(List.of("curl", "mysql"));
        for (FlagTool t : FLAG_TOOLS) {
            all.add(t.word());
        }
        return List.copyOf(all);
    }

    /**
     * Reads the command line of {@code tool} (an index of {@link #TOOLS}) written at
     * {@code [start, end)}, if it stands as a command word, and adds what it passes. Returns
     * where the line read ends ({@code end} if it was not a command).
     */
    static int read(String text, int start, int end, int tool, List<Finding> out) {
        int e = end;
        // The rest of the command's name: mysqldump, mongosh, ldapsearch.
        while (e < text.length() && e - end < 12 && (Character.isLowerCase(text.charAt(e)) || text.charAt(e) == '-')) {
            e++;
        }
        if (start > 0 && !commandBoundary(text.charAt(start - 1)) || e >= text.length()
                || text.charAt(e) != ' ' && text.charAt(e) != '\t') {
            return end;
        }
        FlagTool flagTool = tool >= 2 ? FLAG_TOOLS.get(tool - 2) : null;
        if (flagTool != null && !flagTool.then().isEmpty()) {
            int next = e;
            while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
                next++;
            }
            if (!text.startsWith(flagTool.then(), next)) {
                return end;
            }
            e = next + flagTool.then().length();
        }
        int lineEnd = TextSpans.lineEnd(text, e, MAX_COMMAND);
        List<Finding> line = new ArrayList<>();
        switch (tool) {
            case 0 -> {
                Matcher m = CURL.matcher(text).region(e, lineEnd).useTransparentBounds(true);
                while (m.find()) {
                    if (password(m.group(2))) {
                        line.add(new Finding(CredentialPairs.USERNAME, m.start(1), m.end(1), 0.6, AssignmentDetector.ID));
                        line.add(passwordFinding(m.start(2), m.end(2)));
                    }
                }
            }
            case 1 -> {
                Matcher m = MYSQL_PASSWORD.matcher(text).region(e, lineEnd).useTransparentBounds(true);
                while (m.find()) {
                    int g = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3;
                    if (password(m.group(g))) {
                        line.add(passwordFinding(m.start(g), m.end(g)));
                    }
                }
                if (!line.isEmpty()) {
                    Matcher u = MYSQL_USER.matcher(text).region(e, lineEnd).useTransparentBounds(true);
                    while (u.find()) {
                        if (!PlaceholderValues.isPlaceholder(u.group(1)) && !u.group(1).startsWith("$")) {
                            line.add(new Finding(CredentialPairs.USERNAME, u.start(1), u.end(1), 0.6,
                                    AssignmentDetector.ID));
                        }
                    }
                }
            }
            default -> {
                Matcher m = flagTool.flags().matcher(text).region(e, lineEnd).useTransparentBounds(true);
                List<Finding> users = new ArrayList<>();
                while (m.find()) {
                    if (m.group(1).equals(flagTool.passwordFlag())) {
                        if (password(m.group(2))) {
                            line.add(passwordFinding(m.start(2), m.end(2)));
                        }
                    } else if (!PlaceholderValues.isPlaceholder(m.group(2)) && !m.group(2).startsWith("$")
                            && !m.group(2).startsWith("%")) {
                        users.add(new Finding(CredentialPairs.USERNAME, m.start(2), m.end(2), 0.6, AssignmentDetector.ID));
                    }
                }
                if (!line.isEmpty()) {
                    line.addAll(users);
                }
            }
        }
        for (Finding f : line) {
            if (!TextSpans.overlapsAny(out, f.start(), f.end())) {
                out.add(f);
            }
        }
        return lineEnd;
    }

    private static boolean commandBoundary(char c) {
        return Character.isWhitespace(c) || c == '`' || c == '"' || c == '\'' || c == '(' || c == '|' || c == ';'
                || c == '$' || c == '/' || c == '\\';
    }

    /** A literal password: not a placeholder, a variable or a prompt, at least 4 chars. */
    private static boolean password(String v) {
        return v.length() >= 4 && !PlaceholderValues.isPlaceholder(v) && !v.startsWith("$") && !v.startsWith("%");
    }

    private static Finding passwordFinding(int start, int end) {
        return new Finding(AssignmentDetector.PASSWORD, start, end, 0.85, AssignmentDetector.ID);
    }

}
