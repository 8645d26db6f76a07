package io.sightline.query.alerting.notify;

import java.util.ArrayList;
import java.util.List;

import io.sightline.query.promql.parser.GoStrings;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * Alertmanager's matchers as its {@code pkg/labels} (0.25) parses and applies them: {@code name="value"},
 * {@code !=}, {@code =~}, {@code !~}; a list may sit in braces and is split at commas outside double
 * quotes; the value may be quoted or bare, {@code \n}, {@code \"} and {@code \\} are its escapes. Regexes
 * are RE2J, fully anchored ({@link LabelMatcher}). A missing label matches as the empty string.
 * Stateless; thread-safe.
 */
public final class AlertmanagerMatchers {
    private static final String OPERATORS_IN_GO_ORDER = "=~ = != !~";

    private AlertmanagerMatchers() {
    }

    /**
     * {@code ParseMatchers}: e.g. {@code {alertname="Foo", severity=~"warn|crit"}}.
     *
     * @throws IllegalArgumentException with Alertmanager's message
     */
    public static List<LabelMatcher> parseList(String text) {
        String s = text.startsWith("{") ? text.substring(1) : text;
        s = s.endsWith("}") ? s.substring(0, s.length() - 1) : s;
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean insideQuotes = false;
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ',' -> {
                    if (!insideQuotes) {
                        tokens.add(token.toString());
                        token.setLength(0);
                        continue;
                    }
                }
                case '"' -> {
                    if (!escaped) {
                        insideQuotes = !insideQuotes;
                    } else {
                        escaped = false;
                    }
                }
                case '\\' -> escaped = !escaped;
                default -> escaped = false;
            }
            token.append(c);
        }
        String last = goTrimSpace(token.toString());
        if (!last.isEmpty()) {
            tokens.add(last);
        }
        List<LabelMatcher> matchers = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            matchers.add(parse(t));
        }
        return matchers;
    }

    /**
     * {@code ParseMatcher}: one {@code name<op>value}.
     *
     * @throws IllegalArgumentException with Alertmanager's message ({@code bad matcher format: …})
     */
    public static LabelMatcher parse(String text) {
        int i = skipSpace(text, 0);
        int nameStart = i;
        if (i < text.length() && isNameStart(text.charAt(i))) {
            i++;
            while (i < text.length() && (isNameStart(text.charAt(i)) || Character.isDigit(text.charAt(i))
                    && text.charAt(i) < 0x80)) {
                i++;
            }
        }
        if (i == nameStart) {
            throw new IllegalArgumentException("bad matcher format: " + text);
        }
        String name = text.substring(nameStart, i);
        i = skipSpace(text, i);
        LabelMatcher.Type type = null;
        for (String op : OPERATORS_IN_GO_ORDER.split(" ")) {
            if (text.startsWith(op, i)) {
                type = typeOf(op);
                i += op.length();
                break;
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("bad matcher format: " + text);
        }
        String raw = goTrimSpace(text.substring(skipSpace(text, i)));
        String value = unescape(raw);
        try {
            return LabelMatcher.of(type, name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(regexError(value, e));
        }
    }

    /** Whether every matcher matches {@code labels} (a silence's or an inhibition rule's test). */
    public static boolean matchesAll(List<LabelMatcher> matchers, Labels labels) {
        for (LabelMatcher m : matchers) {
            String value = labels.get(m.name());
            if (!m.matches(value == null ? "" : value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The API's {@code filter} test (Alertmanager's {@code matchFilterLabels}): an empty {@code =}/{@code =~}
     * filter value passes when the label is missing, an empty {@code !=}/{@code !~} value when it is present.
     */
    static boolean filterMatches(List<LabelMatcher> filters, java.util.Map<String, String> labels) {
        for (LabelMatcher m : filters) {
            String value = labels.get(m.name());
            boolean present = value != null;
            boolean negative = m.type() == LabelMatcher.Type.NOT_EQUAL || m.type() == LabelMatcher.Type.NOT_REGEX;
            if (m.value().isEmpty() && (negative ? present : !present)) {
                continue;
            }
            if (!m.matches(present ? value : "")) {
                return false;
            }
        }
        return true;
    }

    /** prometheus/common's legacy {@code LabelName.IsValid}: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static boolean validLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Alertmanager's text for a regex that does not compile. */
    static String regexError(String regex, IllegalArgumentException e) {
        String detail = e.getCause() instanceof com.google.re2j.PatternSyntaxException p ? p.getDescription() : e.getMessage();
        return "invalid regular expression " + GoStrings.quote(regex) + ": " + detail;
    }

    static LabelMatcher.Type typeOf(String op) {
        return switch (op) {
            case "=" -> LabelMatcher.Type.EQUAL;
            case "!=" -> LabelMatcher.Type.NOT_EQUAL;
            case "=~" -> LabelMatcher.Type.REGEX;
            case "!~" -> LabelMatcher.Type.NOT_REGEX;
            default -> throw new IllegalArgumentException("unknown operator " + op);
        };
    }

    private static String unescape(String raw) {
        String rest = raw;
        boolean expectTrailingQuote = false;
        if (rest.startsWith("\"")) {
            rest = rest.substring(1);
            expectTrailingQuote = true;
        }
        StringBuilder value = new StringBuilder(rest.length());
        boolean escaped = false;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (escaped) {
                escaped = false;
                switch (c) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.append(c);
                    default -> value.append('\\').append(c);
                }
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (i < rest.length() - 1) {
                        escaped = true;
                    } else {
                        value.append('\\');
                    }
                }
                case '"' -> {
                    if (!expectTrailingQuote || i < rest.length() - 1) {
                        throw new IllegalArgumentException("matcher value contains unescaped double quote: " + raw);
                    }
                    expectTrailingQuote = false;
                }
                default -> value.append(c);
            }
        }
        if (expectTrailingQuote) {
            throw new IllegalArgumentException("matcher value contains unescaped double quote: " + raw);
        }
        return value.toString();
    }

    private static boolean isNameStart(char c) {
        return c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Go's regexp {@code \s}: space, tab, newline, form feed, carriage return. */
    private static boolean isGoSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isGoSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String goTrimSpace(String s) {
        int start = skipSpace(s, 0);
        int end = s.length();
        while (end > start && (isGoSpace(s.charAt(end - 1)) || s.charAt(end - 1) == '\u000b')) {
            end--;
        }
        return s.substring(start, end);
    }
}
