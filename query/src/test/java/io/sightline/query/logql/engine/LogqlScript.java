package io.sightline.query.logql.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.logql.LogqlDirection;
import io.sightline.storage.logs.LogRecord;

/**
 * The LogQL test-script format ({@code src/test/resources/logql/eval/*.test}), after Prometheus's
 * promql test scripts. Times are durations after the Unix epoch ({@code 90s}, {@code 23h59m30s}).
 *
 * <pre>
 * load
 *     &lt;time&gt; &lt;resource {k="v"}&gt; &lt;severity: - | 9 | 9/INFO&gt; &lt;attributes {k="v"}&gt; &lt;body: rest of the line&gt;
 * eval instant at &lt;t&gt; &lt;query&gt;                       expected: {labels} value | scalar value (none: empty)
 * eval range from &lt;t&gt; to &lt;t&gt; step &lt;d&gt; &lt;query&gt;       expected: {labels} v v _ v (one per step, _ absent)
 * eval logs from &lt;t&gt; to &lt;t&gt; [limit n] [forward|backward] [interval d] &lt;query&gt;
 *                                                      expected: {labels} then "&lt;t&gt; &lt;line&gt;" per entry
 * eval_fail ... (any of the above)                     expected: error KIND message-prefix
 * </pre>
 *
 * Attributes {@code trace_id} and {@code span_id} set the record's fields; {@code service.name} in
 * the resource is the record's service.
 */
final class LogqlScript {
    private LogqlScript() {
    }

    sealed interface Command {
    }

    record Load(List<LogRecord> records) implements Command {
    }

    enum Mode { INSTANT, RANGE, LOGS }

    record Eval(int line, boolean fail, Mode mode, long startNanos, long endNanos, long stepNanos, int limit,
                LogqlDirection direction, long intervalNanos, String query, List<String> expected) implements Command {
    }

    static List<Command> parse(List<String> lines) {
        List<Command> commands = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            int start = i;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.size() && !lines.get(i).isBlank() && Character.isWhitespace(lines.get(i).charAt(0))) {
                if (!lines.get(i).strip().startsWith("#")) {
                    body.add(lines.get(i).strip());
                }
                i++;
            }
            if (line.equals("load")) {
                List<LogRecord> records = new ArrayList<>();
                for (String r : body) {
                    records.add(record(r));
                }
                commands.add(new Load(records));
            } else if (line.startsWith("eval ") || line.startsWith("eval_fail ")) {
                commands.add(eval(start + 1, line, body));
            } else {
                throw new IllegalArgumentException("line " + (start + 1) + ": unknown command " + line);
            }
        }
        return commands;
    }

    private static Eval eval(int lineNo, String line, List<String> expected) {
        boolean fail = line.startsWith("eval_fail ");
        Cursor c = new Cursor(line.substring(line.indexOf(' ') + 1));
        String mode = c.word();
        switch (mode) {
            case "instant" -> {
                c.expect("at");
                long t = duration(c.word());
                return new Eval(lineNo, fail, Mode.INSTANT, t, t, 0, 100, LogqlDirection.BACKWARD, 0, c.rest(), expected);
            }
            case "range" -> {
                c.expect("from");
                long from = duration(c.word());
                c.expect("to");
                long to = duration(c.word());
                c.expect("step");
                long step = duration(c.word());
                return new Eval(lineNo, fail, Mode.RANGE, from, to, step, 100, LogqlDirection.BACKWARD, 0, c.rest(), expected);
            }
            case "logs" -> {
                c.expect("from");
                long from = duration(c.word());
                c.expect("to");
                long to = duration(c.word());
                int limit = 100;
                LogqlDirection direction = LogqlDirection.BACKWARD;
                long interval = 0;
                while (true) {
                    String peek = c.peekWord();
                    if (peek.equals("limit")) {
                        c.word();
                        limit = Integer.parseInt(c.word());
                    } else if (peek.equals("forward") || peek.equals("backward")) {
                        direction = c.word().equals("forward") ? LogqlDirection.FORWARD : LogqlDirection.BACKWARD;
                    } else if (peek.equals("interval")) {
                        c.word();
                        interval = duration(c.word());
                    } else {
                        break;
                    }
                }
                return new Eval(lineNo, fail, Mode.LOGS, from, to, 1_000_000_000L, limit, direction, interval, c.rest(), expected);
            }
            default -> throw new IllegalArgumentException("line " + lineNo + ": unknown eval mode " + mode);
        }
    }

    private static LogRecord record(String text) {
        Cursor c = new Cursor(text);
        long time = duration(c.word());
        Map<String, Object> resource = new LinkedHashMap<>(labels(c.braces()));
        String severity = c.word();
        Map<String, Object> attributes = new LinkedHashMap<>(labels(c.braces()));
        String body = c.restRaw();
        int number = 0;
        String severityText = "";
        if (!severity.equals("-")) {
            int slash = severity.indexOf('/');
            number = Integer.parseInt(slash < 0 ? severity : severity.substring(0, slash));
            severityText = slash < 0 ? "" : severity.substring(slash + 1);
        }
        String service = (String) resource.remove("service.name");
        String traceId = (String) attributes.remove("trace_id");
        String spanId = (String) attributes.remove("span_id");
        return new LogRecord(time, 0, number, severityText, body, service == null ? "" : service, resource, "", "",
                attributes, traceId == null ? "" : traceId, spanId == null ? "" : spanId, 0);
    }

    /** {@code {a="b", c.d="e"}} → ordered map; values are Go-quoted strings. */
    static Map<String, String> labels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String inner = text.strip();
        if (!inner.startsWith("{") || !inner.endsWith("}")) {
            throw new IllegalArgumentException("not a label set: " + text);
        }
        inner = inner.substring(1, inner.length() - 1);
        int i = 0;
        while (i < inner.length()) {
            while (i < inner.length() && (inner.charAt(i) == ' ' || inner.charAt(i) == ',')) {
                i++;
            }
            if (i >= inner.length()) {
                break;
            }
            int eq = inner.indexOf('=', i);
            String name = inner.substring(i, eq).strip();
            int q = inner.indexOf('"', eq);
            StringBuilder value = new StringBuilder();
            int j = q + 1;
            while (inner.charAt(j) != '"') {
                char ch = inner.charAt(j);
                if (ch == '\\') {
                    char e = inner.charAt(++j);
                    value.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                } else {
                    value.append(ch);
                }
                j++;
            }
            out.put(name, value.toString());
            i = j + 1;
        }
        return out;
    }

    /** {@code 1h2m3s}, {@code 500ms}, {@code 1d}, {@code 0}: nanoseconds. */
    static long duration(String text) {
        if (text.equals("0")) {
            return 0;
        }
        long total = 0;
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            long n = Long.parseLong(text.substring(start, i));
            int unitStart = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            total += n * switch (text.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "d" -> 86_400_000_000_000L;
                default -> throw new IllegalArgumentException("bad duration " + text);
            };
        }
        return total;
    }

    /** Reads words and brace groups off a line. */
    static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        String word() {
            skipSpaces();
            int start = at;
            while (at < text.length() && text.charAt(at) != ' ') {
                at++;
            }
            return text.substring(start, at);
        }

        String peekWord() {
            int saved = at;
            String w = word();
            at = saved;
            return w;
        }

        void expect(String word) {
            String w = word();
            if (!w.equals(word)) {
                throw new IllegalArgumentException("expected " + word + " in " + text + ", got " + w);
            }
        }

        /** A {@code {...}} group, respecting quoted strings. */
        String braces() {
            skipSpaces();
            int start = at;
            boolean quoted = false;
            while (at < text.length()) {
                char ch = text.charAt(at++);
                if (ch == '\\' && quoted) {
                    at++;
                } else if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == '}' && !quoted) {
                    break;
                }
            }
            return text.substring(start, at);
        }

        String rest() {
            skipSpaces();
            return text.substring(at).strip();
        }

        /** The rest after exactly one space (bodies keep their own spacing). */
        String restRaw() {
            return at < text.length() ? text.substring(at + 1) : "";
        }

        private void skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }
    }
}
