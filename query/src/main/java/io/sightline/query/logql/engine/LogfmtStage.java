package io.sightline.query.logql.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sightline.query.logql.parser.PipelineStage.LabelExtraction;
import io.sightline.query.logql.parser.PipelineStage.LogfmtParser;

/**
 * Loki's {@code logfmt} parser over go-logfmt's syntax: {@code key=value}, {@code key="quoted \"value\""},
 * bare {@code key}. Keys become labels as {@link ParsedNames} says. An empty value (bare key or
 * {@code key=}) is dropped unless {@code --keep-empty}. A syntax error skips the bad pair and goes
 * on, or with {@code --strict} stops and sets {@code __error__=LogfmtParserErr}. With parameters only
 * the named keys are extracted, into the given label names. One instance per query; not thread-safe.
 */
final class LogfmtStage implements LineStage {
    static final String LOGFMT_ERROR = "LogfmtParserErr";

    private final boolean strict;
    private final boolean keepEmpty;
    /** Key → label name, for parameterised logfmt; null for all keys. */
    private final Map<String, String> wanted;

    LogfmtStage(LogfmtParser parser) {
        this.strict = parser.strict();
        this.keepEmpty = parser.keepEmpty();
        List<LabelExtraction> extractions = parser.extractions();
        if (extractions.isEmpty()) {
            wanted = null;
        } else {
            wanted = new HashMap<>();
            for (LabelExtraction e : extractions) {
                wanted.putIfAbsent(e.expression(), e.label());
            }
        }
    }

    @Override
    public boolean process(LineContext ctx) {
        String s = ctx.line;
        int n = s.length();
        int pos = 0;
        while (pos < n) {
            while (pos < n && s.charAt(pos) <= ' ') {
                pos++;
            }
            if (pos >= n) {
                break;
            }
            int keyStart = pos;
            while (pos < n && s.charAt(pos) > ' ' && s.charAt(pos) != '=' && s.charAt(pos) != '"') {
                pos++;
            }
            if (pos == keyStart) {
                if (syntaxError(ctx, pos, s.charAt(pos))) {
                    return true;
                }
                pos = skipToken(s, pos);
                continue;
            }
            String key = s.substring(keyStart, pos);
            if (pos < n && s.charAt(pos) == '"') {
                if (syntaxError(ctx, pos, '"')) {
                    return true;
                }
                pos = skipToken(s, pos);
                continue;
            }
            String value = "";
            if (pos < n && s.charAt(pos) == '=') {
                pos++;
                if (pos < n && s.charAt(pos) == '"') {
                    StringBuilder quoted = new StringBuilder();
                    int end = readQuoted(s, pos + 1, quoted);
                    if (end < 0) {
                        if (strict) {
                            ctx.labels.setError(LOGFMT_ERROR, "logfmt syntax error at pos " + (n + 1) + " : unterminated quoted value");
                        }
                        return true;
                    }
                    value = quoted.toString();
                    pos = end;
                } else {
                    int valueStart = pos;
                    while (pos < n && s.charAt(pos) > ' ' && s.charAt(pos) != '=' && s.charAt(pos) != '"') {
                        pos++;
                    }
                    if (pos < n && s.charAt(pos) > ' ') {
                        if (syntaxError(ctx, pos, s.charAt(pos))) {
                            return true;
                        }
                        pos = skipToken(s, pos);
                        continue;
                    }
                    value = s.substring(valueStart, pos);
                }
            }
            put(ctx.labels, key, value);
        }
        return true;
    }

    private void put(LineLabels labels, String key, String value) {
        if (value.isEmpty() && !keepEmpty) {
            return;
        }
        if (wanted != null) {
            String label = wanted.get(key);
            if (label != null) {
                ParsedNames.set(labels, label, value);
            }
            return;
        }
        ParsedNames.set(labels, ParsedNames.sanitize(key, true), value);
    }

    /** Records a syntax error; true when parsing stops (strict mode). */
    private boolean syntaxError(LineContext ctx, int pos, char c) {
        if (strict) {
            ctx.labels.setError(LOGFMT_ERROR, "logfmt syntax error at pos " + (pos + 1) + " : unexpected '" + c + "'");
            return true;
        }
        return false;
    }

    private static int skipToken(String s, int pos) {
        while (pos < s.length() && s.charAt(pos) > ' ') {
            pos++;
        }
        return pos;
    }

    /** Reads a Go-quoted value's rest from {@code pos}; the index after the closing quote, or -1. */
    private static int readQuoted(String s, int pos, StringBuilder out) {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"') {
                return pos + 1;
            }
            if (c == '\\' && pos + 1 < s.length()) {
                char e = s.charAt(pos + 1);
                pos += 2;
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'u' -> {
                        if (pos + 4 <= s.length()) {
                            try {
                                out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                                pos += 4;
                            } catch (NumberFormatException ex) {
                                out.append("\\u");
                            }
                        }
                    }
                    default -> out.append(e);
                }
                continue;
            }
            out.append(c);
            pos++;
        }
        return -1;
    }
}
