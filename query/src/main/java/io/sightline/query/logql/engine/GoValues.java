package io.sightline.query.logql.engine;


/**
 * Go's readings of label values, for typed label filters and {@code unwrap}: {@code strconv.ParseFloat},
 * {@code time.ParseDuration} and go-humanize's {@code ParseBytes}. Each throws
 * {@link IllegalArgumentException} with Go's error text, which Loki puts in {@code __error_details__}.
 * Stateless.
 */
final class GoValues {
    private GoValues() {
    }

    static double parseFloat(String text) {
        String lower = text.toLowerCase();
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        boolean plain = !text.isEmpty();
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            plain = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
                    || c == 'x' || c == 'X' || c == 'p' || c == 'P' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
        if (plain) {
            try {
                boolean hex = unsigned.startsWith("0x");
                char last = text.charAt(text.length() - 1);
                if (!hex && "fFdD".indexOf(last) >= 0) {
                    throw new NumberFormatException(text);
                }
                return Double.parseDouble(hex && !unsigned.contains("p") ? text + "p0" : text);
            } catch (NumberFormatException e) {
                // fall through to Go's message
            }
        }
        throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + text + "\": invalid syntax");
    }

    /** A Go duration in seconds (Go's {@code time.ParseDuration}, its error messages). */
    static double parseDurationSeconds(String text) {
        return io.sightline.query.template.GoDurationParser.seconds(text);
    }

    /** go-humanize's {@code ParseBytes}: {@code 42}, {@code 1.5 MB}, {@code 2KiB}, {@code 10k}; SI and IEC units. */
    static double parseBytes(String text) {
        String s = text.strip();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
        }
        String number = s.substring(0, i).replace(",", "");
        String unit = s.substring(i).strip().toLowerCase();
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + number + "\": invalid syntax");
        }
        double scale = switch (unit) {
            case "", "b", "byte" -> 1;
            case "k", "kb" -> 1e3;
            case "ki", "kib" -> 1024;
            case "m", "mb" -> 1e6;
            case "mi", "mib" -> Math.pow(1024, 2);
            case "g", "gb" -> 1e9;
            case "gi", "gib" -> Math.pow(1024, 3);
            case "t", "tb" -> 1e12;
            case "ti", "tib" -> Math.pow(1024, 4);
            case "p", "pb" -> 1e15;
            case "pi", "pib" -> Math.pow(1024, 5);
            case "e", "eb" -> 1e18;
            case "ei", "eib" -> Math.pow(1024, 6);
            default -> throw new IllegalArgumentException("unhandled size name: " + unit);
        };
        return Math.floor(value * scale);
    }
}
