package io.sightline.ingest.otlp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * OTLP names and values in Prometheus's terms, per the OpenTelemetry specification "Prometheus and
 * OpenMetrics Compatibility" (OTLP → Prometheus) and the choices Prometheus's own OTLP receiver
 * makes where the specification leaves room:
 * <ul>
 *   <li>metric names: every run of characters outside {@code [a-zA-Z0-9:]} separates words, words
 *       are joined by one {@code _}; the unit's word(s) are appended unless a word of the name is
 *       already the unit ({@code s} → {@code seconds}, {@code By} → {@code bytes}, {@code 1} →
 *       nothing, {@code {requests}} → nothing, {@code By/s} → {@code bytes_per_second}); counters
 *       end in {@code _total}, gauges of unit {@code 1} in {@code _ratio}; a leading digit gets a
 *       {@code _} prefix;
 *   <li>label names: characters outside {@code [a-zA-Z0-9_]} become {@code _}, runs of {@code _}
 *       become one; a leading digit gets {@code key_}, a leading {@code _} gets {@code key};
 *   <li>floats in {@code le} and {@code quantile}: shortest decimal without exponent or trailing
 *       zeros ({@code 0.005}, {@code 1}, {@code +Inf}), as Go's {@code FormatFloat(f, 'f', -1)}.
 * </ul>
 * Thread-safe (static, stateless).
 */
public final class PrometheusNaming {
    /** What a metric becomes, which decides its suffixes. */
    public enum Kind { COUNTER, GAUGE, NON_MONOTONIC_SUM, HISTOGRAM, SUMMARY }

    /** OTel (UCUM) units and the Prometheus words for them; anything else is kept as written. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"), Map.entry("s", "seconds"),
            Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"),
            Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
            Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tebibytes"), Map.entry("KBy", "kilobytes"),
            Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"), Map.entry("TBy", "terabytes"),
            Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"), Map.entry("J", "joules"),
            Map.entry("W", "watts"), Map.entry("g", "grams"), Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"),
            Map.entry("1", ""), Map.entry("%", "percent"));
    /** The denominators of "per" units, singular: {@code /s} → {@code per_second}. */
    private static final Map<String, String> PER_UNITS = Map.of("s", "second", "m", "minute", "h", "hour", "d", "day",
            "w", "week", "mo", "month", "y", "year");

    private PrometheusNaming() {
    }

    /** The Prometheus metric name of an OTLP metric (without {@code _bucket}/{@code _sum}/{@code _count}). */
    public static String metricName(String name, String unit, Kind kind) {
        List<String> words = words(name);
        String[] units = unitWords(unit);
        String main = units[0];
        String per = units[1];
        if (words.contains(main)) {
            main = "";
        }
        if (words.contains(per)) {
            per = "";
        }
        if (!main.isEmpty()) {
            words.add(main);
        }
        if (!per.isEmpty()) {
            words.add(per);
        }
        if (kind == Kind.COUNTER) {
            words.removeIf("total"::equals);
            words.add("total");
        }
        if (kind == Kind.GAUGE && unit.equals("1")) {
            words.removeIf("ratio"::equals);
            words.add("ratio");
        }
        String joined = String.join("_", words);
        return !joined.isEmpty() && Character.isDigit(joined.charAt(0)) ? "_" + joined : joined;
    }

    /** The unit as Prometheus writes it in metadata: {@code seconds}, {@code bytes_per_second}, "" for none. */
    public static String unit(String unit) {
        String[] units = unitWords(unit);
        return units[0].isEmpty() ? units[1] : units[1].isEmpty() ? units[0] : units[0] + "_" + units[1];
    }

    /** An attribute key as a label name. */
    public static String labelName(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            char next = valid ? c : '_';
            if (next == '_' && !out.isEmpty() && out.charAt(out.length() - 1) == '_') {
                continue;
            }
            out.append(next);
        }
        if (out.isEmpty()) {
            return "";
        }
        char first = out.charAt(0);
        if (first >= '0' && first <= '9') {
            return "key_" + out;
        }
        return first == '_' ? "key" + out : out.toString();
    }

    /** A float as Prometheus writes {@code le} and {@code quantile}: "0.005", "1", "+Inf". */
    public static String formatFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** An attribute value as a label value: strings as they are, others in their OTel string form. */
    public static String labelValue(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> formatFloat(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> {
                StringBuilder json = new StringBuilder();
                json(value, json);
                yield json.toString();
            }
            case VALUE_NOT_SET, STRING_VALUE_STRINDEX -> "";
        };
    }

    private static void json(AnyValue value, StringBuilder out) {
        switch (value.getValueCase()) {
            case STRING_VALUE -> quote(value.getStringValue(), out);
            case BYTES_VALUE -> quote(labelValue(value), out);
            case ARRAY_VALUE -> {
                out.append('[');
                List<AnyValue> values = value.getArrayValue().getValuesList();
                for (int i = 0; i < values.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    json(values.get(i), out);
                }
                out.append(']');
            }
            case KVLIST_VALUE -> {
                out.append('{');
                List<KeyValue> entries = value.getKvlistValue().getValuesList();
                for (int i = 0; i < entries.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    quote(entries.get(i).getKey(), out);
                    out.append(':');
                    json(entries.get(i).getValue(), out);
                }
                out.append('}');
            }
            case VALUE_NOT_SET -> out.append("null");
            default -> out.append(labelValue(value));
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The words of a metric name: runs of {@code [a-zA-Z0-9:]}. */
    private static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= name.length(); i++) {
            boolean word = i < name.length() && isWordChar(name.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                words.add(name.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':';
    }

    /** {main unit word, "per_" word}, either "" when absent; annotations in braces are dropped. */
    private static String[] unitWords(String unit) {
        int slash = unit.indexOf('/');
        String main = (slash < 0 ? unit : unit.substring(0, slash)).strip();
        String per = slash < 0 ? "" : unit.substring(slash + 1).strip();
        String mainWord = main.isEmpty() || main.contains("{") || main.contains("}") ? ""
                : cleanUnit(UNITS.getOrDefault(main, main));
        String perWord = per.isEmpty() || per.contains("{") || per.contains("}") ? ""
                : cleanUnit(PER_UNITS.getOrDefault(per, per));
        return new String[] {mainWord, perWord.isEmpty() ? "" : "per_" + perWord};
    }

    /** A unit word reduced to metric-name characters, runs of {@code _} collapsed, no edge {@code _}. */
    private static String cleanUnit(String word) {
        String joined = String.join("_", words(word));
        return joined;
    }
}
