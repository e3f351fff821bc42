package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * A glob as written in a policy file: {@code *} matches any run of characters (dots included),
 * every other character matches itself. Matching is case-sensitive. Immutable and thread-safe.
 */
public final class Glob {

    private final String text;
    private final Pattern pattern;
    /** Set when the glob is {@code prefix*} with no other star: the common {@code secret.*} form. */
    private final String prefix;

    private Glob(String text) {
        this.text = text;
        int firstStar = text.indexOf('*');
        this.prefix = firstStar == text.length() - 1 ? text.substring(0, firstStar) : null;
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int star = text.indexOf('*'); star >= 0; star = text.indexOf('*', from)) {
            if (star > from) {
                regex.append(Pattern.quote(text.substring(from, star)));
            }
            regex.append(".*");
            from = star + 1;
        }
        if (from < text.length()) {
            regex.append(Pattern.quote(text.substring(from)));
        }
        this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    public static Glob of(String text) {
        return new Glob(requireNonNull(text, "text"));
    }

    public boolean matches(String value) {
        // Literal and prefix globs are nearly all globs in practice; skip the regex for them.
        if (prefix != null) {
            return value.startsWith(prefix);
        }
        if (isLiteral()) {
            return text.equals(value);
        }
        return pattern.matcher(value).matches();
    }

    /** True if any of {@code globs} matches {@code value}. */
    public static boolean anyMatches(Collection<Glob> globs, String value) {
        for (Glob g : globs) {
            if (g.matches(value)) {
                return true;
            }
        }
        return false;
    }

    public boolean isLiteral() {
        return text.indexOf('*') < 0;
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob g && g.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
