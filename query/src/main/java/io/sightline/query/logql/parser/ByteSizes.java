package io.sightline.query.logql.parser;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Byte sizes as Loki reads them (go-humanize's {@code ParseBytes}: {@code 20MB} = 20,000,000,
 * {@code 1KiB} = 1024, {@code 1.5K} = 1500, unit case ignored) and as this parser writes them: the
 * largest unit that divides the value exactly. Loki writes {@code humanize.Bytes}, which rounds
 * ({@code 1.2MB} for 1,234,567) and so does not parse back to the same filter.
 */
final class ByteSizes {
    private static final long KI = 1024;
    private static final Map<String, Long> UNITS = Map.ofEntries(Map.entry("b", 1L),
            Map.entry("k", 1000L), Map.entry("kb", 1000L), Map.entry("ki", KI), Map.entry("kib", KI),
            Map.entry("m", 1000_000L), Map.entry("mb", 1000_000L), Map.entry("mi", KI * KI), Map.entry("mib", KI * KI),
            Map.entry("g", 1000_000_000L), Map.entry("gb", 1000_000_000L),
            Map.entry("gi", KI * KI * KI), Map.entry("gib", KI * KI * KI),
            Map.entry("t", 1000_000_000_000L), Map.entry("tb", 1000_000_000_000L),
            Map.entry("ti", KI * KI * KI * KI), Map.entry("tib", KI * KI * KI * KI),
            Map.entry("p", 1000_000_000_000_000L), Map.entry("pb", 1000_000_000_000_000L),
            Map.entry("pi", KI * KI * KI * KI * KI), Map.entry("pib", KI * KI * KI * KI * KI));
    /** Largest first; a value is written in the first unit that divides it. */
    private static final String[] WRITTEN = {"PiB", "PB", "TiB", "TB", "GiB", "GB", "MiB", "MB", "KiB", "kB"};

    private ByteSizes() {
    }

    /** The bytes of {@code 20MB}, or empty when the text is not a size (or is 2^63 or more). */
    static OptionalLong parse(String text) {
        int digits = 0;
        while (digits < text.length() && (Character.isDigit(text.charAt(digits)) || text.charAt(digits) == '.')) {
            digits++;
        }
        Long unit = UNITS.get(text.substring(digits).toLowerCase(Locale.ROOT));
        if (digits == 0 || unit == null) {
            return OptionalLong.empty();
        }
        double value;
        try {
            value = Double.parseDouble(text.substring(0, digits)) * unit;
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        if (!(value < 0x1p63)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) value);
    }

    static String format(long bytes) {
        if (bytes != 0) {
            for (String unit : WRITTEN) {
                long size = UNITS.get(unit.toLowerCase(Locale.ROOT));
                if (bytes % size == 0) {
                    return (bytes / size) + unit;
                }
            }
        }
        return bytes + "B";
    }
}
