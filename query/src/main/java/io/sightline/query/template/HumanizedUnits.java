package io.sightline.query.template;

import io.sightline.query.promql.parser.GoStrings;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Sizes and durations written for humans, read as Loki's {@code bytes} (go-humanize's
 * {@code ParseBytes}: {@code "42 MB"}, {@code "1.5GiB"}, {@code "10k"}) and {@code duration} (Go's
 * {@code time.ParseDuration}: {@code "1h30m"}, {@code "-1.5s"}, {@code "300ms"}, {@code "2us"}) do.
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
    private static final Map<String, Long> DURATION_UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L,
            "m", 60_000_000_000L, "h", 3_600_000_000_000L);

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

    /** Seconds of a Go duration string; fails with Go's {@code time: invalid duration "x"}. */
    static double parseGoDurationSeconds(String text) {
        String s = text;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoStrings.quote(text));
            }
            Long nanos = DURATION_UNITS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException("time: unknown unit " + GoStrings.quote(unit) + " in duration "
                        + GoStrings.quote(text));
            }
            total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(nanos)));
        }
        long ns = total.longValue();
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text);
        }
        return (neg ? -ns : ns) / 1e9;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + GoStrings.quote(text));
    }
}
