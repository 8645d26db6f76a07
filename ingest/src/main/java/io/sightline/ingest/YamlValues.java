package io.sightline.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Typed reading of snakeyaml's plain values in Prometheus's configuration conventions (durations
 * like {@code 1m30s}, sizes like {@code 10MB} in powers of 1024), each failure naming where in the
 * file it is. Stateless.
 */
public final class YamlValues {
    private static final Pattern DURATION = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] DURATION_UNIT_MS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*([KMGT]i?B|B)?");

    private YamlValues() {
    }

    /** The document, with duplicate keys refused; null for an empty one. */
    public static Object load(String yaml) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(options).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Prometheus durations: {@code 1h30m}, {@code 15s}, {@code 500ms}, {@code 1d}, {@code 1w}, {@code 1y}. */
    public static Duration duration(Object value, String where) {
        String text = string(value, where);
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(where + ": \"" + text + "\" is not a duration (e.g. 15s, 1m30s, 500ms)");
        }
        long ms = 0;
        for (int g = 1; g <= 7; g++) {
            if (m.group(g) != null) {
                ms += Long.parseLong(m.group(g)) * DURATION_UNIT_MS[g - 1];
            }
        }
        return Duration.ofMillis(ms);
    }

    /** Prometheus byte sizes, powers of 1024: {@code 10MB}, {@code 512KiB}, a bare number of bytes. */
    public static long bytes(Object value, String where) {
        String text = String.valueOf(value).strip();
        Matcher m = BYTES.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + ": \"" + text + "\" is not a size (e.g. 10MB, 512KiB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        return n << shift;
    }

    /** A whole number from {@code min} to {@code Integer.MAX_VALUE}. */
    public static int integer(Object value, int min, String where) {
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
                || ((Number) value).longValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": expected a whole number from " + min + ", got " + value);
        }
        return ((Number) value).intValue();
    }

    /** A number (integer or decimal). */
    public static double number(Object value, String where) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(where + ": expected a number, got " + value);
        }
        return n.doubleValue();
    }

    public static boolean bool(Object value, String where) {
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(where + ": expected true or false, got " + value);
        }
        return b;
    }

    /** A string; numbers and booleans as written. */
    public static String string(Object value, String where) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException(where + ": expected a string, got " + (value == null ? "nothing" : value));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected a mapping");
        }
        return (Map<String, Object>) m;
    }

    public static List<?> list(Object value, String where) {
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException(where + ": expected a list");
        }
        return l;
    }

    /** Fails naming the first key of {@code m} that is not in {@code known}. */
    public static void onlyKeys(Map<String, Object> m, java.util.Set<String> known, String where) {
        for (String key : m.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown field \"" + key + "\" (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
