package dev.veil.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A text being built together with the character spans of the entities placed in it. Not thread-safe. */
final class Annotated {

    /** One labelled span, {@code [start, end)} in UTF-16 chars. */
    record Mention(String type, int start, int end) {
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Mention> mentions = new ArrayList<>();

    Annotated append(String s) {
        text.append(s);
        return this;
    }

    Annotated entity(String type, String value) {
        int start = text.length();
        text.append(value);
        if (type != null) {
            mentions.add(new Mention(type, start, text.length()));
        }
        return this;
    }

    Annotated mention(String type, int start, int end) {
        mentions.add(new Mention(type, start, end));
        return this;
    }

    int length() {
        return text.length();
    }

    String text() {
        return text.toString();
    }

    List<Mention> mentions() {
        return mentions;
    }

    /** The same labelled text with every letter changed to lower or upper case. Offsets do not move for the scripts used here. */
    Annotated recased(boolean upper) {
        Annotated copy = new Annotated();
        String s = text.toString();
        String changed = upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
        if (changed.length() != s.length()) {
            return this;
        }
        copy.text.append(changed);
        copy.mentions.addAll(mentions);
        return copy;
    }
}
