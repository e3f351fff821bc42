package dev.veil.detectors.pattern;

import java.util.Locale;
import java.util.Set;

/**
 * Values that stand for a secret without being one: template variables, masks, and the words
 * documentation uses. A credential detector must not fire on {@code password=${DB_PASSWORD}}.
 */
public final class PlaceholderValues {

    private static final Set<String> WORDS = Set.of("password", "passwd", "pass", "pwd", "secret",
            "token", "changeme", "change_me", "example", "sample", "dummy", "placeholder", "redacted",
            "null", "none", "nil", "undefined", "true", "false", "empty", "your_password",
            "yourpassword", "mypassword", "my_password", "your-password", "your_token", "your_secret",
            "your_api_key", "api_key", "apikey", "xxx", "todo", "tbd", "string", "value", "foo", "bar",
            "test", "user", "username", "env", "required", "optional", "os.environ", "process.env",
            "getenv", "config", "settings", "secrets", "hidden", "masked", "removed", "omitted");

    private PlaceholderValues() {
    }

    /** True if {@code value} is a placeholder, a template variable, a mask or empty. */
    public static boolean isPlaceholder(String value) {
        String v = value.strip();
        if (v.length() < 3) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (WORDS.contains(lower) || lower.startsWith("your") || lower.startsWith("<") || lower.startsWith("${")
                || lower.startsWith("{{") || lower.startsWith("$(") || lower.startsWith("%(")
                || lower.startsWith("process.env") || lower.startsWith("os.environ") || lower.startsWith("env[")
                || lower.startsWith("%") && lower.endsWith("%") || lower.startsWith("[") && lower.endsWith("]")
                || lower.startsWith("$") && lower.length() > 1 && Character.isLetter(lower.charAt(1))) {
            return true;
        }
        // A mask: one repeated char ("****", "xxxxxx", "......").
        return v.chars().allMatch(c -> c == v.charAt(0)) || lower.matches("x{3,}+[-_x]*+");
    }
}
