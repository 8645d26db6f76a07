package io.sightline.query.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sightline.query.promql.parser.Durations;
import io.sightline.storage.tsdb.Labels;

/**
 * A test script in Prometheus's promqltest format, parsed into commands: {@code load <interval>}
 * with series lines, {@code clear}, {@code eval[_fail|_ordered|_warn|_info] instant at <t> <expr>}
 * and {@code eval[_fail|_warn|_info] range from <t> to <t> step <d> <expr>}, each eval followed by
 * its expected result lines (or {@code expected_fail_message}/{@code expected_fail_regexp}).
 */
final class PromqlScript {
    private static final Pattern LOAD = Pattern.compile("^load\\s+(\\S+)$");
    private static final Pattern EVAL_INSTANT =
            Pattern.compile("^eval(?:_(fail|ordered|warn|info))?\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$");
    private static final Pattern EVAL_RANGE = Pattern.compile(
            "^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)$");

    sealed interface Command permits Load, Clear, Eval {
    }

    record SeriesLine(Labels labels, List<Double> values) {
    }

    record Load(long intervalMs, List<SeriesLine> series) implements Command {
    }

    record Clear() implements Command {
    }

    /** One expected series or sample; {@code values} null entries are "no value" ({@code _}). */
    record Expected(Labels labels, List<Double> values, boolean scalar, String string) {
    }

    record Eval(int line, String expr, boolean range, long start, long end, long step, String mode,
                List<Expected> expected, String failMessage, String failRegexp) implements Command {
        boolean fail() {
            return "fail".equals(mode);
        }
    }

    private PromqlScript() {
    }

    static List<Command> parse(List<String> lines) {
        List<Command> commands = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = strip(lines.get(i));
            int lineNo = i + 1;
            i++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = LOAD.matcher(line)).matches()) {
                List<SeriesLine> series = new ArrayList<>();
                while (i < lines.size() && isIndented(lines.get(i))) {
                    series.add(seriesLine(strip(lines.get(i))));
                    i++;
                }
                commands.add(new Load(duration(m.group(1)), series));
            } else if (line.equals("clear")) {
                commands.add(new Clear());
            } else if ((m = EVAL_INSTANT.matcher(line)).matches() || (m = EVAL_RANGE.matcher(line)).matches()) {
                boolean range = m.pattern() == EVAL_RANGE;
                String mode = m.group(1) == null ? "" : m.group(1);
                long start = duration(m.group(2));
                long end = range ? duration(m.group(3)) : start;
                long step = range ? duration(m.group(4)) : 0;
                String expr = range ? m.group(5) : m.group(3);
                List<Expected> expected = new ArrayList<>();
                String failMessage = null;
                String failRegexp = null;
                while (i < lines.size() && isIndented(lines.get(i))) {
                    String body = strip(lines.get(i));
                    i++;
                    if (body.isEmpty()) {
                        continue;
                    }
                    if (body.startsWith("expected_fail_message ")) {
                        failMessage = body.substring("expected_fail_message ".length());
                    } else if (body.startsWith("expected_fail_regexp ")) {
                        failRegexp = body.substring("expected_fail_regexp ".length());
                    } else {
                        expected.add(expectedLine(body));
                    }
                }
                commands.add(new Eval(lineNo, expr, range, start, end, step, mode, expected, failMessage, failRegexp));
            } else {
                throw new IllegalArgumentException("line " + lineNo + ": cannot parse: " + line);
            }
        }
        return commands;
    }

    private static boolean isIndented(String line) {
        return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') || strip(line).isEmpty()
                && !line.isEmpty();
    }

    private static String strip(String line) {
        String s = line.strip();
        return s.startsWith("#") ? "" : s;
    }

    static long duration(String text) {
        if (text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return Math.round(Double.parseDouble(text) * 1000);
        }
        return Durations.parseMillis(text);
    }

    private static SeriesLine seriesLine(String line) {
        int split = labelsEnd(line);
        return new SeriesLine(labels(line.substring(0, split).strip()), values(line.substring(split).strip()));
    }

    private static Expected expectedLine(String line) {
        if (line.startsWith("\"") || line.startsWith("'")) {
            return new Expected(Labels.EMPTY, List.of(), false, line.substring(1, line.length() - 1));
        }
        if (!line.startsWith("{") && !Character.isLetter(line.charAt(0)) && line.charAt(0) != '_'
                || line.equalsIgnoreCase("NaN") || line.equalsIgnoreCase("Inf")) {
            return new Expected(Labels.EMPTY, values(line), true, null);
        }
        int split = labelsEnd(line);
        return new Expected(labels(line.substring(0, split).strip()), values(line.substring(split).strip()), false,
                null);
    }

    /** Where the labels part ({@code name}, {@code name{...}}, {@code {...}}) of a line ends. */
    private static int labelsEnd(String line) {
        int brace = line.indexOf('{');
        int space = indexOfSpace(line);
        if (brace >= 0 && (space < 0 || brace < space)) {
            boolean quoted = false;
            for (int i = brace; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\' && quoted) {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == '}' && !quoted) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("unclosed braces: " + line);
        }
        return space < 0 ? line.length() : space;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static Labels labels(String text) {
        Labels.Builder b = Labels.builder();
        int brace = text.indexOf('{');
        String name = brace < 0 ? text : text.substring(0, brace);
        if (!name.isEmpty()) {
            b.set(Labels.METRIC_NAME, name);
        }
        if (brace < 0) {
            return b.build();
        }
        String body = text.substring(brace + 1, text.length() - 1);
        int i = 0;
        while (i < body.length()) {
            while (i < body.length() && (body.charAt(i) == ',' || body.charAt(i) == ' ')) {
                i++;
            }
            if (i >= body.length()) {
                break;
            }
            int eq = body.indexOf('=', i);
            String label = body.substring(i, eq).strip();
            int q = body.indexOf('"', eq);
            StringBuilder value = new StringBuilder();
            int j = q + 1;
            while (body.charAt(j) != '"') {
                char c = body.charAt(j);
                if (c == '\\') {
                    char e = body.charAt(++j);
                    value.append(e == 'n' ? '\n' : e);
                } else {
                    value.append(c);
                }
                j++;
            }
            b.set(label, value.toString());
            i = j + 1;
        }
        return b.build();
    }

    /** Prometheus's series notation, as {@link SeriesNotation#values} reads it. */
    static List<Double> values(String text) {
        return SeriesNotation.values(text);
    }
}
