package dev.veil.proxy.metrics;

import java.util.List;

/** Escaping and number formatting of the Prometheus text format 0.0.4. */
final class TextFormat {

    private TextFormat() {
    }

    static void appendHelp(StringBuilder out, String help) {
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /**
     * Appends {@code {a="x",b="y"}} for the given names and values, plus one extra pair when
     * {@code extraName} is not null (the {@code le} of a histogram bucket). Appends nothing when
     * there are no pairs at all.
     */
    static void appendLabels(StringBuilder out, List<String> names, List<String> values, String extraName,
            String extraValue) {
        if (names.isEmpty() && extraName == null) {
            return;
        }
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendPair(out, names.get(i), values.get(i));
        }
        if (extraName != null) {
            if (!names.isEmpty()) {
                out.append(',');
            }
            appendPair(out, extraName, extraValue);
        }
        out.append('}');
    }

    private static void appendPair(StringBuilder out, String name, String value) {
        out.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    /** A sample value: integers without a fraction, infinities and NaN as Prometheus spells them. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
