package io.sightline.query.template;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Sizes written for humans, read as Loki's {@code bytes} (go-humanize's {@code ParseBytes}:
 * {@code "42 MB"}, {@code "1.5GiB"}, {@code "10k"}) does; durations are {@link GoDurationParser}'s.
 */
final class HumanizedUnits {
    private static final Map<String, Double> SIZES = Map.ofEntries(
            Map.entry("", 1d), Map.entry("b", 1d),
            Map.entry("k", 1e3), Map.entry("kb", 1e3), Map.entry("ki", 0x1p10), Map.entry("kib", 0x1p10),
            Map.entry("m", 1e6), Map.entry("mb", 1e6), Map.entry("mi", 0x1p20), Map.entry("mib", 0x1p20),
            Map.entry("g", 1e9), Map.entry("gb", 1e9), Map.entry("gi", 0x1p30), Map.entry("gib", 0x1p30),
            Map.entry("t", 1e12), Map.entry("tb", 1e12), Map.entry("ti", 0x1p40), Map.entry("tib", 0x1p40),
            Map.entry("p", 1e15), Map.entry("pb", 1e15), Map.entry("pi", 0x1p50), Map.entry("pib", 0x1p50),
            Map.entry("e", 1e18), Map.entry("eb", 1e18), Map.entry("ei", 0x1p60), Map.entry("eib", 0x1p60));
    private HumanizedUnits() {
    }

    /** Bytes of a humanized size, as a float64 (Loki's result type). */
    static double parseBytes(String s) {
        int last = 0;
        boolean comma = false;
        while (last < s.length() && (Character.isDigit(s.charAt(last)) || s.charAt(last) == '.' || s.charAt(last) == ',')) {
            comma |= s.charAt(last) == ',';
            last++;
        }
        String num = comma ? s.substring(0, last).replace(",", "") : s.substring(0, last);
        Double f = GoStrconv.parseFloat(num);
        if (f == null) {
            throw new IllegalArgumentException(GoStrconv.parseFloatError(num));
        }
        String unit = GoText.trimSpace(s.substring(last)).toLowerCase(Locale.ROOT);
        Double multiplier = SIZES.get(unit);
        if (multiplier == null) {
            throw new IllegalArgumentException("unhandled size name: " + unit);
        }
        double v = f * multiplier;
        if (v >= 0x1p64) {
            throw new IllegalArgumentException("too large: " + s);
        }
        return new BigDecimal(v).toBigInteger().doubleValue();
    }
}
