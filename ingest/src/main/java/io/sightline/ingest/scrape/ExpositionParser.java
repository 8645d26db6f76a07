package io.sightline.ingest.scrape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;

/**
 * Reads a scraped page in the Prometheus text format 0.0.4 or OpenMetrics 1.0 text into samples
 * and family metadata. Histograms and summaries are their series ({@code _bucket{le}},
 * {@code _sum}, {@code _count}, {@code {quantile}}); OpenMetrics {@code _created} series are kept
 * as samples; exemplars are checked for shape and skipped. Labels with empty values are dropped
 * (empty means absent in Prometheus). Any problem throws {@link ExpositionException} naming the
 * line. One instance per page (call {@link #parse}); not thread-safe.
 */
public final class ExpositionParser {
    private final String page;
    private final boolean openMetrics;
    private final int maxSamples;
    /** Series texts whose labels the caller knows already: such samples come out without labels. */
    private final Set<String> known;
    private final List<ScrapedSample> samples = new ArrayList<>();
    private final Map<String, String[]> families = new LinkedHashMap<>();
    private int lineNumber;
    private String line;
    private int pos;

    private ExpositionParser(String page, ExpositionFormat format, int maxSamples, Set<String> known) {
        this.page = page;
        this.openMetrics = format == ExpositionFormat.OPENMETRICS;
        this.maxSamples = maxSamples;
        this.known = known;
    }

    /**
     * @param maxSamples more sample lines than this refuse the page (0: no limit)
     */
    public static ScrapedPage parse(String page, ExpositionFormat format, int maxSamples) throws ExpositionException {
        return parse(page, format, maxSamples, Set.of());
    }

    /**
     * As {@link #parse(String, ExpositionFormat, int)}, but a sample whose series text (name and
     * label set as written) is in {@code known} is not parsed further than its end: it comes out
     * with {@link ScrapedSample#labels()} null (the text was valid when the caller learnt it, so it
     * is now). What Prometheus's scrape cache saves: a steady page's labels are read once.
     */
    public static ScrapedPage parse(String page, ExpositionFormat format, int maxSamples, Set<String> known)
            throws ExpositionException {
        ExpositionParser parser = new ExpositionParser(page, format, maxSamples, known);
        parser.run();
        List<MetricMetadata> metadata = new ArrayList<>(parser.families.size());
        parser.families.forEach((family, m) -> metadata.add(new MetricMetadata(family,
                m[0] == null ? "unknown" : m[0], m[1] == null ? "" : m[1], m[2] == null ? "" : m[2])));
        return new ScrapedPage(parser.samples, metadata);
    }

    private void run() throws ExpositionException {
        int start = 0;
        boolean eof = false;
        while (start < page.length()) {
            int end = page.indexOf('\n', start);
            if (end < 0) {
                end = page.length();
            }
            lineNumber++;
            line = page.substring(start, end);
            pos = 0;
            start = end + 1;
            if (eof) {
                throw error("content after # EOF");
            }
            if (openMetrics && line.equals("# EOF")) {
                eof = true;
            } else if (line.startsWith("#")) {
                comment();
            } else if (!line.isBlank()) {
                sample();
            } else if (openMetrics) {
                throw error("empty line (OpenMetrics allows none)");
            }
        }
        if (openMetrics && !eof) {
            lineNumber = 0;
            throw new ExpositionException(0, "OpenMetrics page does not end with # EOF");
        }
    }

    private void comment() throws ExpositionException {
        pos = 1;
        if (!skipBlanks()) {
            return; // "#" alone, or "#" + spaces
        }
        String keyword = token();
        int kind = switch (keyword) {
            case "HELP" -> 1;
            case "TYPE" -> 0;
            case "UNIT" -> openMetrics ? 2 : -1;
            default -> -1;
        };
        if (kind < 0) {
            if (openMetrics) {
                throw error("unknown comment \"# " + keyword + "\" (OpenMetrics allows HELP, TYPE, UNIT and EOF)");
            }
            return; // a plain comment in the text format
        }
        if (!skipBlanks()) {
            throw error("expected a metric name after # " + keyword);
        }
        String family = metricName();
        String text = "";
        if (pos < line.length()) {
            if (!isBlank(line.charAt(pos))) {
                throw error("invalid character '" + line.charAt(pos) + "' in metric name after # " + keyword);
            }
            pos++;
            text = kind == 1 ? unescapeHelp(line.substring(pos)) : line.substring(pos).strip();
        }
        String[] meta = families.computeIfAbsent(family, f -> new String[3]);
        if (kind == 0) {
            meta[0] = type(text);
        } else {
            meta[kind] = text;
        }
    }

    private String type(String text) throws ExpositionException {
        String type = text.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "counter", "gauge", "histogram", "summary" -> type;
            case "untyped" -> "unknown";
            case "unknown", "gaugehistogram", "info", "stateset" -> {
                if (!openMetrics) {
                    throw error("unknown metric type \"" + text + "\"");
                }
                yield type;
            }
            default -> throw error("unknown metric type \"" + text + "\"");
        };
    }

    private void sample() throws ExpositionException {
        if (maxSamples > 0 && samples.size() >= maxSamples) {
            throw error("more than " + maxSamples + " samples (sample_limit)");
        }
        skipBlanks();
        int seriesStart = pos;
        int seriesEnd = known.isEmpty() ? -1 : seriesEnd();
        String series = seriesEnd < 0 ? null : line.substring(seriesStart, seriesEnd);
        Labels parsed = null;
        String name;
        int afterName;
        if (series != null && known.contains(series)) {
            name = series;
            pos = seriesEnd;
            afterName = pos;
            skipBlanks();
        } else {
            name = metricName();
            Labels.Builder labels = Labels.builder().set(Labels.METRIC_NAME, name);
            afterName = pos;
            if (skipBlanks() && line.charAt(pos) == '{') { // blanks before '{' are allowed, as Prometheus's lexer does
                pos++;
                labelSet(labels, name);
                afterName = pos;
                skipBlanks();
            }
            parsed = labels.build();
            series = line.substring(seriesStart, afterName);
        }
        if (pos == afterName && pos < line.length()) {
            throw error("unexpected character '" + line.charAt(pos) + "' in the series name or labels");
        }
        if (pos >= line.length()) {
            throw error("expected a value after " + name);
        }
        String valueText = token();
        double value = value(valueText);
        long timestamp = ScrapedSample.NO_TIMESTAMP;
        if (skipBlanks() && !(openMetrics && line.charAt(pos) == '#')) {
            timestamp = timestamp(token());
            skipBlanks();
        }
        if (pos < line.length()) {
            if (openMetrics && line.charAt(pos) == '#') {
                exemplar();
            } else {
                throw error("unexpected \"" + line.substring(pos).strip() + "\" after the sample");
            }
        }
        samples.add(new ScrapedSample(parsed, series, value, timestamp));
    }

    /**
     * Where the series text starting at {@link #pos} ends (after the name, or after the label
     * set's '}' with the blanks before '{'), without reading it; -1 when it is not plainly
     * well-formed (the full reading then says why).
     */
    private int seriesEnd() {
        int i = pos;
        int n = line.length();
        while (i < n && isNameChar(line.charAt(i), i == pos, true)) {
            i++;
        }
        if (i == pos) {
            return -1;
        }
        int j = i;
        while (j < n && isBlank(line.charAt(j))) {
            j++;
        }
        if (j >= n || line.charAt(j) != '{') {
            return i;
        }
        boolean quoted = false;
        for (j++; j < n; j++) {
            char c = line.charAt(j);
            if (quoted && c == '\\') {
                j++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '}') {
                return j + 1;
            }
        }
        return -1;
    }

    /** Reads {@code # {labels} value [timestamp]} and drops it. */
    private void exemplar() throws ExpositionException {
        pos++;
        if (!skipBlanks() || line.charAt(pos) != '{') {
            throw error("expected '{' to start an exemplar's labels");
        }
        pos++;
        labelSet(Labels.builder(), "the exemplar");
        if (!skipBlanks()) {
            throw error("expected the exemplar's value");
        }
        value(token());
        if (skipBlanks()) {
            timestamp(token());
            if (skipBlanks()) {
                throw error("unexpected \"" + line.substring(pos).strip() + "\" after the exemplar");
            }
        }
    }

    private void labelSet(Labels.Builder labels, String owner) throws ExpositionException {
        List<String> seen = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= line.length()) {
                throw error("unterminated label set of " + owner + ": expected '}'");
            }
            if (line.charAt(pos) == '}') {
                pos++;
                return;
            }
            String name = labelName();
            skipBlanks();
            expect('=', "after label name \"" + name + "\"");
            skipBlanks();
            expect('"', "to open the value of label \"" + name + "\"");
            String value = labelValue(name);
            if (seen.contains(name) || name.equals(Labels.METRIC_NAME)) {
                throw error("duplicate label name \"" + name + "\"");
            }
            seen.add(name);
            if (!value.isEmpty()) {
                labels.set(name, value);
            }
            skipBlanks();
            if (pos < line.length() && line.charAt(pos) == ',') {
                pos++;
            } else if (pos >= line.length() || line.charAt(pos) != '}') {
                throw error("expected ',' or '}' after the value of label \"" + name + "\", found " + found());
            }
        }
    }

    private String labelValue(String name) throws ExpositionException {
        StringBuilder value = new StringBuilder();
        while (pos < line.length()) {
            char c = line.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (pos >= line.length()) {
                    break;
                }
                char e = line.charAt(pos++);
                switch (e) {
                    case '\\' -> value.append('\\');
                    case '"' -> value.append('"');
                    case 'n' -> value.append('\n');
                    default -> value.append('\\').append(e); // kept as written, as Prometheus does
                }
            } else {
                value.append(c);
            }
        }
        throw error("unterminated value of label \"" + name + "\": expected a closing '\"'");
    }

    private static String unescapeHelp(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(i + 1);
                if (e == '\\' || e == 'n' || e == '"') {
                    out.append(e == 'n' ? '\n' : e);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private String metricName() throws ExpositionException {
        int start = pos;
        while (pos < line.length() && isNameChar(line.charAt(pos), pos == start, true)) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a metric name, found " + found());
        }
        return line.substring(start, pos);
    }

    private String labelName() throws ExpositionException {
        int start = pos;
        while (pos < line.length() && isNameChar(line.charAt(pos), pos == start, false)) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a label name, found " + found());
        }
        return line.substring(start, pos);
    }

    private static boolean isNameChar(char c, boolean first, boolean colon) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || colon && c == ':'
                || !first && c >= '0' && c <= '9';
    }

    private double value(String text) throws ExpositionException {
        try {
            return SampleValues.parse(text);
        } catch (NumberFormatException e) {
            throw error("invalid value \"" + text + "\"");
        }
    }

    private long timestamp(String text) throws ExpositionException {
        try {
            if (openMetrics) {
                double seconds = SampleValues.parse(text);
                if (!Double.isFinite(seconds)) {
                    throw new NumberFormatException();
                }
                return (long) (seconds * 1000.0);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("invalid timestamp \"" + text + "\"" + (openMetrics ? " (seconds expected)" : " (integer milliseconds expected)"));
        }
    }

    private void expect(char c, String where) throws ExpositionException {
        if (pos >= line.length() || line.charAt(pos) != c) {
            throw error("expected '" + c + "' " + where + ", found " + found());
        }
        pos++;
    }

    private String token() {
        int start = pos;
        while (pos < line.length() && !isBlank(line.charAt(pos))) {
            pos++;
        }
        return line.substring(start, pos);
    }

    /** Skips spaces and tabs; whether anything is left on the line. */
    private boolean skipBlanks() {
        while (pos < line.length() && isBlank(line.charAt(pos))) {
            pos++;
        }
        return pos < line.length();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private String found() {
        return pos < line.length() ? "'" + line.charAt(pos) + "'" : "end of line";
    }

    private ExpositionException error(String problem) {
        return new ExpositionException(lineNumber, problem);
    }
}
