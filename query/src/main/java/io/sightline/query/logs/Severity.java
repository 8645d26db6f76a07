package io.sightline.query.logs;

import java.util.Locale;

/**
 * OpenTelemetry severity numbers and their short names: TRACE 1-4, DEBUG 5-8, INFO 9-12,
 * WARN 13-16, ERROR 17-20, FATAL 21-24. A name stands for the lowest number of its range.
 */
public final class Severity {
    private static final String[] NAMES = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

    private Severity() {
    }

    /** A severity given as a number 0-24 or a name (TRACE .. FATAL, also WARNING, case-insensitive). */
    public static int parse(String value) {
        String text = value.trim().toUpperCase(Locale.ROOT);
        if (text.equals("WARNING")) {
            text = "WARN";
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(text)) {
                return i * 4 + 1;
            }
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= 0 && number <= 24) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("\"" + value + "\" is not a severity: use 0-24 or TRACE, DEBUG, INFO, WARN, ERROR, FATAL");
    }

    /** The short name of a severity number, "UNSPECIFIED" for 0. */
    public static String name(int number) {
        if (number < 1 || number > 24) {
            return "UNSPECIFIED";
        }
        return NAMES[(number - 1) / 4];
    }
}
