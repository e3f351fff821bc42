package dev.veil.detectors.pattern;

import java.time.Year;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the dates that people write, just enough to reject impossible ones. */
final class Dates {

    private static final Pattern NUMBERS = Pattern.compile("\\d{1,4}");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
        "oct", "nov", "dec"};

    private Dates() {
    }

    /**
     * True if {@code s} reads as a real calendar date in some common order (day-month-year,
     * month-day-year, year-month-day) with a year between 1900 and this year; two-digit years
     * are accepted as they are ambiguous anyway.
     */
    static boolean plausibleBirthDate(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        int month = -1;
        for (int i = 0; i < MONTHS.length; i++) {
            if (lower.contains(MONTHS[i])) {
                month = i + 1;
                break;
            }
        }
        Matcher m = NUMBERS.matcher(lower);
        int[] n = new int[3];
        int count = 0;
        while (m.find() && count < 3) {
            n[count++] = Integer.parseInt(m.group());
        }
        int thisYear = Year.now().getValue();
        if (month > 0) {
            return count == 2 && day(n[0]) && year(n[1], true, thisYear);
        }
        if (count != 3) {
            return false;
        }
        String first = m.reset().find() ? m.group() : "";
        if (first.length() == 4) {
            return year(n[0], false, thisYear) && monthDay(n[1], n[2]);
        }
        return year(n[2], true, thisYear) && (monthDay(n[0], n[1]) || monthDay(n[1], n[0]));
    }

    private static boolean day(int d) {
        return d >= 1 && d <= 31;
    }

    private static boolean monthDay(int month, int day) {
        return month >= 1 && month <= 12 && day(day);
    }

    private static boolean year(int y, boolean twoDigitsAllowed, int thisYear) {
        return (y >= 1900 && y <= thisYear) || (twoDigitsAllowed && y < 100);
    }
}
