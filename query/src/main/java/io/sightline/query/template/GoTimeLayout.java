package io.sightline.query.template;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Go's reference-time layouts ({@code "2006-01-02T15:04:05Z07:00"}) for formatting and parsing, as
 * {@code time.Format} and {@code time.ParseInLocation} read them: {@code 2006 06 01 1 Jan January 02 2
 * _2 002 __2 15 03 3 04 4 05 5 PM pm Mon Monday MST -0700 -07:00 -07 -070000 -07:00:00} and the
 * {@code Z} forms of the offsets, {@code .000}/{@code .999} (or with a comma) fractional seconds.
 */
final class GoTimeLayout {
    private static final String[] CHUNKS = {
        "January", "Jan", "Monday", "Mon", "MST", "2006", "002", "__2", "_2", "01", "02", "03", "04", "05", "06",
        "15", "1", "2", "3", "4", "5", "PM", "pm", "-07:00:00", "-070000", "-07:00", "-0700", "-07",
        "Z07:00:00", "Z070000", "Z07:00", "Z0700", "Z07"};

    private GoTimeLayout() {
    }

    /** The next layout element at {@code i}, or null when the char there is literal. */
    static String chunkAt(String layout, int i) {
        char c = layout.charAt(i);
        if ((c == '.' || c == ',') && i + 1 < layout.length()
                && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char digit = layout.charAt(i + 1);
            int j = i + 1;
            while (j < layout.length() && layout.charAt(j) == digit) {
                j++;
            }
            if (j >= layout.length() || !Character.isDigit(layout.charAt(j))) {
                return layout.substring(i, j);
            }
        }
        if (c == '_' && layout.startsWith("_2006", i)) {
            return null;
        }
        for (String chunk : CHUNKS) {
            if (layout.startsWith(chunk, i)) {
                if ((chunk.equals("Jan") || chunk.equals("Mon")) && i + 3 < layout.length()
                        && Character.isLowerCase(layout.charAt(i + 3))
                        && !layout.startsWith(chunk.equals("Jan") ? "January" : "Monday", i)) {
                    return null;
                }
                return chunk;
            }
        }
        return null;
    }

    static String format(GoTime time, String layout) {
        ZonedDateTime z = time.zoned();
        StringBuilder out = new StringBuilder(layout.length() + 10);
        for (int i = 0; i < layout.length(); ) {
            String chunk = chunkAt(layout, i);
            if (chunk == null) {
                out.append(layout.charAt(i++));
                continue;
            }
            i += chunk.length();
            int hour12 = z.getHour() % 12 == 0 ? 12 : z.getHour() % 12;
            switch (chunk) {
                case "January" -> out.append(z.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case "Jan" -> out.append(z.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case "Monday" -> out.append(z.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case "Mon" -> out.append(z.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case "MST" -> out.append(zoneName(time, z));
                case "2006" -> pad(out, z.getYear(), 4, '0');
                case "06" -> pad(out, z.getYear() % 100, 2, '0');
                case "002" -> pad(out, z.getDayOfYear(), 3, '0');
                case "__2" -> pad(out, z.getDayOfYear(), 3, ' ');
                case "_2" -> pad(out, z.getDayOfMonth(), 2, ' ');
                case "01" -> pad(out, z.getMonthValue(), 2, '0');
                case "1" -> out.append(z.getMonthValue());
                case "02" -> pad(out, z.getDayOfMonth(), 2, '0');
                case "2" -> out.append(z.getDayOfMonth());
                case "15" -> pad(out, z.getHour(), 2, '0');
                case "03" -> pad(out, hour12, 2, '0');
                case "3" -> out.append(hour12);
                case "04" -> pad(out, z.getMinute(), 2, '0');
                case "4" -> out.append(z.getMinute());
                case "05" -> pad(out, z.getSecond(), 2, '0');
                case "5" -> out.append(z.getSecond());
                case "PM" -> out.append(z.getHour() >= 12 ? "PM" : "AM");
                case "pm" -> out.append(z.getHour() >= 12 ? "pm" : "am");
                default -> {
                    if (chunk.charAt(0) == '.' || chunk.charAt(0) == ',') {
                        fraction(out, chunk, z.getNano());
                    } else {
                        offset(out, chunk, z.getOffset().getTotalSeconds());
                    }
                }
            }
        }
        return out.toString();
    }

    private static String zoneName(GoTime time, ZonedDateTime z) {
        ZoneId zone = time.zone();
        if (zone.equals(ZoneOffset.UTC) || zone.getId().equals("UTC") || zone.getId().equals("Z")) {
            return "UTC";
        }
        if (!(zone instanceof ZoneOffset)) {
            String name = z.format(java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH));
            if (!name.startsWith("GMT") || name.equals("GMT")) {
                return name;
            }
        }
        // Go's fallback for a zone without an abbreviation: the offset as -0700, minutes only if not zero.
        int minutes = z.getOffset().getTotalSeconds() / 60;
        StringBuilder out = new StringBuilder().append(minutes < 0 ? '-' : '+');
        pad(out, Math.abs(minutes) / 60, 2, '0');
        if (minutes % 60 != 0) {
            pad(out, Math.abs(minutes) % 60, 2, '0');
        }
        return out.toString();
    }

    private static void fraction(StringBuilder out, String chunk, int nanos) {
        String digits = String.format("%09d", nanos).substring(0, chunk.length() - 1);
        if (chunk.charAt(1) == '9') {
            int end = digits.length();
            while (end > 0 && digits.charAt(end - 1) == '0') {
                end--;
            }
            if (end == 0) {
                return;
            }
            digits = digits.substring(0, end);
        }
        out.append(chunk.charAt(0)).append(digits);
    }

    private static void offset(StringBuilder out, String chunk, int seconds) {
        if (chunk.charAt(0) == 'Z' && seconds == 0) {
            out.append('Z');
            return;
        }
        int abs = Math.abs(seconds);
        out.append(seconds < 0 ? '-' : '+');
        pad(out, abs / 3600, 2, '0');
        boolean colon = chunk.contains(":");
        int digits = chunk.length() - 1 - (colon ? chunk.length() == 9 ? 2 : 1 : 0);
        if (digits >= 4) {
            if (colon) {
                out.append(':');
            }
            pad(out, abs / 60 % 60, 2, '0');
        }
        if (digits >= 6) {
            if (colon) {
                out.append(':');
            }
            pad(out, abs % 60, 2, '0');
        }
    }

    private static void pad(StringBuilder out, int value, int width, char fill) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append(fill);
        }
        out.append(s);
    }

    /**
     * Go's {@code time.ParseInLocation}: a value without an offset is read in {@code zone}.
     *
     * @return the time, or null when the value does not match the layout (sprig's {@code toDate}
     *         turns that into the zero time)
     */
    static GoTime parse(String layout, String value, ZoneId zone) {
        try {
            return new LayoutParser(layout, value).parse(zone);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** One parse of a value against a layout; throws on any mismatch. */
    private static final class LayoutParser {
        private final String layout;
        private final String value;
        private int v;
        private int year = 1;
        private int month = 1;
        private int day = 1;
        private int hour;
        private int minute;
        private int second;
        private int nanos;
        private int pm = -1;
        private Integer offsetSeconds;
        private boolean utcName;

        LayoutParser(String layout, String value) {
            this.layout = layout;
            this.value = value;
        }

        GoTime parse(ZoneId zone) {
            for (int i = 0; i < layout.length(); ) {
                String chunk = chunkAt(layout, i);
                if (chunk == null) {
                    expect(layout.charAt(i++));
                    continue;
                }
                i += chunk.length();
                element(chunk, i);
            }
            if (v != value.length()) {
                throw new DateTimeException("extra text");
            }
            if (pm == 1 && hour < 12) {
                hour += 12;
            } else if (pm == 0 && hour == 12) {
                hour = 0;
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            if (utcName) {
                return GoTime.utc(local.toInstant(ZoneOffset.UTC));
            }
            if (offsetSeconds != null) {
                ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
                Instant instant = local.toInstant(offset);
                boolean sameAsZone = zone.getRules().getOffset(instant).equals(offset);
                return new GoTime(instant, sameAsZone ? zone : offset.equals(ZoneOffset.UTC) ? ZoneOffset.UTC : offset);
            }
            return new GoTime(local.atZone(zone).toInstant(), zone);
        }

        private void element(String chunk, int layoutNext) {
            switch (chunk) {
                case "January", "Jan", "Monday", "Mon" -> name(chunk);
                case "MST" -> zoneAbbreviation();
                case "2006" -> year = fixed(4);
                case "06" -> {
                    int y = fixed(2);
                    year = y >= 69 ? 1900 + y : 2000 + y;
                }
                case "002", "__2" -> {
                    skipSpaces(chunk.equals("__2"));
                    number(1, 3, chunk.equals("002") ? 3 : 1);
                }
                case "01", "1" -> month = number(1, 2, chunk.length());
                case "02", "2", "_2" -> {
                    skipSpaces(chunk.equals("_2"));
                    day = number(1, 2, chunk.equals("02") ? 2 : 1);
                }
                case "15" -> hour = number(1, 2, 1);
                case "03", "3" -> hour = number(1, 2, chunk.length());
                case "04", "4" -> minute = number(1, 2, chunk.length());
                case "05", "5" -> {
                    second = number(1, 2, chunk.length());
                    if (v + 1 < value.length() && (value.charAt(v) == '.' || value.charAt(v) == ',')
                            && Character.isDigit(value.charAt(v + 1))) {
                        String next = layoutNext < layout.length() ? chunkAt(layout, layoutNext) : null;
                        if (next == null || (next.charAt(0) != '.' && next.charAt(0) != ',')) {
                            v++;
                            nanos = fractionDigits(-1);
                        }
                    }
                }
                case "PM", "pm" -> {
                    String ampm = value.substring(v, v + 2).toUpperCase(Locale.ROOT);
                    pm = switch (ampm) {
                        case "AM" -> 0;
                        case "PM" -> 1;
                        default -> throw new DateTimeException("bad am/pm");
                    };
                    v += 2;
                }
                default -> {
                    if (chunk.charAt(0) == '.' || chunk.charAt(0) == ',') {
                        boolean optional = chunk.charAt(1) == '9';
                        if (v < value.length() && (value.charAt(v) == '.' || value.charAt(v) == ',')) {
                            v++;
                            nanos = fractionDigits(optional ? -1 : chunk.length() - 1);
                        } else if (!optional) {
                            throw new DateTimeException("missing fraction");
                        }
                    } else {
                        zoneOffset(chunk);
                    }
                }
            }
        }

        private void expect(char c) {
            if (v >= value.length() || value.charAt(v) != c) {
                throw new DateTimeException("literal mismatch");
            }
            v++;
        }

        private void skipSpaces(boolean allowed) {
            while (allowed && v < value.length() && value.charAt(v) == ' ') {
                v++;
            }
        }

        private int fixed(int width) {
            return number(width, width, width);
        }

        /** Digits, at least {@code min} (or {@code fixedWidth} when it is above 1), at most {@code max}. */
        private int number(int min, int max, int fixedWidth) {
            int start = v;
            while (v < value.length() && v - start < max && Character.isDigit(value.charAt(v))) {
                v++;
            }
            if (v - start < Math.max(min, fixedWidth == 1 ? 1 : fixedWidth)) {
                throw new DateTimeException("bad number");
            }
            return Integer.parseInt(value.substring(start, v));
        }

        private int fractionDigits(int exact) {
            int start = v;
            while (v < value.length() && Character.isDigit(value.charAt(v))) {
                v++;
            }
            int n = v - start;
            if (n == 0 || (exact > 0 && n != exact) || n > 9) {
                throw new DateTimeException("bad fraction");
            }
            return Integer.parseInt((value.substring(start, v) + "000000000").substring(0, 9));
        }

        private void name(String chunk) {
            boolean monthName = chunk.startsWith("J");
            boolean full = chunk.length() > 3;
            for (int i = 1; i <= (monthName ? 12 : 7); i++) {
                String name = monthName
                        ? java.time.Month.of(i).getDisplayName(full ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH)
                        : java.time.DayOfWeek.of(i).getDisplayName(full ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH);
                if (value.regionMatches(true, v, name, 0, name.length())) {
                    v += name.length();
                    if (monthName) {
                        month = i;
                    }
                    return;
                }
            }
            throw new DateTimeException("bad name");
        }

        private void zoneAbbreviation() {
            int start = v;
            while (v < value.length() && Character.isUpperCase(value.charAt(v))) {
                v++;
            }
            if (v - start < 3) {
                throw new DateTimeException("bad zone");
            }
            String name = value.substring(start, v);
            // Go: UTC is UTC; an unknown abbreviation gets a zero offset.
            utcName = name.equals("UTC") || name.equals("GMT") || offsetSeconds == null;
        }

        private void zoneOffset(String chunk) {
            if (chunk.charAt(0) == 'Z' && v < value.length() && value.charAt(v) == 'Z') {
                v++;
                utcName = true;
                return;
            }
            char sign = v < value.length() ? value.charAt(v) : ' ';
            if (sign != '+' && sign != '-') {
                throw new DateTimeException("bad offset");
            }
            v++;
            int hours = fixed(2);
            int minutes = 0;
            int seconds = 0;
            boolean colon = chunk.contains(":");
            int digits = chunk.length() - 1 - (colon ? chunk.length() == 9 ? 2 : 1 : 0);
            if (digits >= 4) {
                if (colon) {
                    expect(':');
                }
                minutes = fixed(2);
            }
            if (digits >= 6) {
                if (colon) {
                    expect(':');
                }
                seconds = fixed(2);
            }
            int total = hours * 3600 + minutes * 60 + seconds;
            offsetSeconds = sign == '-' ? -total : total;
            utcName = false;
        }
    }
}
