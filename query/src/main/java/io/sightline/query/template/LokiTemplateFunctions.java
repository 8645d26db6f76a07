package io.sightline.query.template;

import static io.sightline.query.template.ArgType.ANY;
import static io.sightline.query.template.ArgType.INT;
import static io.sightline.query.template.ArgType.STRING;

import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The functions of Loki's {@code | line_format} and {@code | label_format} templates, as Loki's
 * documentation ("LogQL template functions") and its {@code pkg/logql/log/fmt.go} define them: Go's
 * {@code strings} functions under their old names ({@code ToLower ToUpper Replace Trim TrimLeft
 * TrimRight TrimPrefix TrimSuffix TrimSpace}), Sprig's string, math and date functions, Loki's own
 * ({@code regexReplaceAll regexReplaceAllLiteral count urlencode urldecode bytes duration
 * duration_seconds unixEpochMillis unixEpochNanos toDateInZone unixToTime alignLeft alignRight}),
 * and {@code __line__}/{@code __timestamp__}, which {@link #forLine} binds per log line.
 *
 * <p>Regular expressions are RE2 (RE2J). Go's local time zone is UTC. {@code now} reads the injected
 * clock. Functions that build strings ({@code repeat}, {@code indent}, {@code alignLeft}, ...) refuse
 * results longer than {@code maxResultChars}. All functions are thread-safe.
 */
public final class LokiTemplateFunctions {
    /** Default cap on one function result built by repetition or padding: 1 MiB of chars. */
    public static final int DEFAULT_MAX_RESULT_CHARS = 1024 * 1024;

    private LokiTemplateFunctions() {
    }

    /** Every Loki template function; {@code __line__} and {@code __timestamp__} answer "" and the zero time. */
    public static TemplateFunctions create(InstantSource clock) {
        return create(clock, DEFAULT_MAX_RESULT_CHARS);
    }

    public static TemplateFunctions create(InstantSource clock, int maxResultChars) {
        List<TemplateFunction> f = new ArrayList<>();
        f.addAll(goStrings());
        f.addAll(sprigStrings(maxResultChars));
        f.addAll(SprigMath.all());
        f.addAll(LokiTimeFunctions.all(clock));
        f.add(TemplateFunction.of("regexReplaceAll", a -> GoText.replaceAll(regex(a.get(0)), s(a, 1), s(a, 2), false),
                STRING, STRING, STRING));
        f.add(TemplateFunction.of("regexReplaceAllLiteral",
                a -> GoText.replaceAll(regex(a.get(0)), s(a, 1), s(a, 2), true), STRING, STRING, STRING));
        f.add(TemplateFunction.of("count", a -> GoText.countMatches(regex(a.get(0)), s(a, 1)), STRING, STRING));
        f.add(TemplateFunction.of("urlencode", a -> BuiltinFunctions.queryEscape(s(a, 0)), STRING));
        f.add(TemplateFunction.of("urldecode", a -> GoUrls.queryUnescape(s(a, 0)), STRING));
        f.add(TemplateFunction.of("bytes", a -> HumanizedUnits.parseBytes(s(a, 0)), STRING));
        f.add(TemplateFunction.of("duration", a -> GoDurationParser.seconds(s(a, 0)), STRING));
        f.add(TemplateFunction.of("duration_seconds", a -> GoDurationParser.seconds(s(a, 0)), STRING));
        f.add(TemplateFunction.of("alignLeft", a -> align((Long) a.get(0), s(a, 1), true, maxResultChars), INT, STRING));
        f.add(TemplateFunction.of("alignRight", a -> align((Long) a.get(0), s(a, 1), false, maxResultChars),
                INT, STRING));
        f.addAll(forLine("", 0).all());
        return TemplateFunctions.builtins().with(f);
    }

    /**
     * {@code __line__} and {@code __timestamp__} for one log line, to pass to
     * {@link GoTemplate#execute(Object, TemplateFunctions)}.
     *
     * @param timestampNanos the line's time in Unix nanoseconds
     */
    public static TemplateFunctions forLine(String line, long timestampNanos) {
        GoTime time = GoTime.utc(java.time.Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L),
                Math.floorMod(timestampNanos, 1_000_000_000L)));
        return TemplateFunctions.of(List.of(
                TemplateFunction.of("__line__", a -> line),
                TemplateFunction.of("__timestamp__", a -> time)));
    }

    private static String s(List<Object> a, int i) {
        return (String) a.get(i);
    }

    private static Pattern regex(Object expr) {
        try {
            return Pattern.compile((String) expr);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static List<TemplateFunction> goStrings() {
        return List.of(
                TemplateFunction.of("ToLower", a -> GoText.toLower(s(a, 0)), STRING),
                TemplateFunction.of("ToUpper", a -> GoText.toUpper(s(a, 0)), STRING),
                TemplateFunction.of("Replace", a -> GoText.replace(s(a, 0), s(a, 1), s(a, 2), (Long) a.get(3)),
                        STRING, STRING, STRING, INT),
                TemplateFunction.of("Trim", a -> GoText.trim(s(a, 0), s(a, 1), true, true), STRING, STRING),
                TemplateFunction.of("TrimLeft", a -> GoText.trim(s(a, 0), s(a, 1), true, false), STRING, STRING),
                TemplateFunction.of("TrimRight", a -> GoText.trim(s(a, 0), s(a, 1), false, true), STRING, STRING),
                TemplateFunction.of("TrimPrefix", a -> s(a, 0).startsWith(s(a, 1)) ? s(a, 0).substring(s(a, 1).length())
                        : s(a, 0), STRING, STRING),
                TemplateFunction.of("TrimSuffix", a -> s(a, 0).endsWith(s(a, 1))
                        ? s(a, 0).substring(0, s(a, 0).length() - s(a, 1).length()) : s(a, 0), STRING, STRING),
                TemplateFunction.of("TrimSpace", a -> GoText.trimSpace(s(a, 0)), STRING));
    }

    /** Sprig's string functions: the string being worked on comes last, so it can be piped in. */
    private static List<TemplateFunction> sprigStrings(int max) {
        return List.of(
                TemplateFunction.of("lower", a -> GoText.toLower(s(a, 0)), STRING),
                TemplateFunction.of("upper", a -> GoText.toUpper(s(a, 0)), STRING),
                TemplateFunction.of("title", a -> GoText.title(s(a, 0)), STRING),
                TemplateFunction.of("trim", a -> GoText.trimSpace(s(a, 0)), STRING),
                TemplateFunction.of("trimAll", a -> GoText.trim(s(a, 1), s(a, 0), true, true), STRING, STRING),
                TemplateFunction.of("trimPrefix", a -> s(a, 1).startsWith(s(a, 0)) ? s(a, 1).substring(s(a, 0).length())
                        : s(a, 1), STRING, STRING),
                TemplateFunction.of("trimSuffix", a -> s(a, 1).endsWith(s(a, 0))
                        ? s(a, 1).substring(0, s(a, 1).length() - s(a, 0).length()) : s(a, 1), STRING, STRING),
                TemplateFunction.of("replace", a -> GoText.replace(s(a, 2), s(a, 0), s(a, 1), -1), STRING, STRING, STRING),
                TemplateFunction.of("contains", a -> s(a, 1).contains(s(a, 0)), STRING, STRING),
                TemplateFunction.of("hasPrefix", a -> s(a, 1).startsWith(s(a, 0)), STRING, STRING),
                TemplateFunction.of("hasSuffix", a -> s(a, 1).endsWith(s(a, 0)), STRING, STRING),
                TemplateFunction.of("trunc", a -> trunc((Long) a.get(0), s(a, 1)), INT, STRING),
                TemplateFunction.of("substr", a -> substr((Long) a.get(0), (Long) a.get(1), s(a, 2)), INT, INT, STRING),
                TemplateFunction.of("repeat", a -> repeat(s(a, 1), (Long) a.get(0), max), INT, STRING),
                TemplateFunction.of("indent", a -> indent((Long) a.get(0), s(a, 1), max), INT, STRING),
                TemplateFunction.of("nindent", a -> "\n" + indent((Long) a.get(0), s(a, 1), max), INT, STRING),
                TemplateFunction.of("b64enc", a -> Base64.getEncoder().encodeToString(s(a, 0)
                        .getBytes(StandardCharsets.UTF_8)), STRING),
                TemplateFunction.of("b64dec", a -> base64Decode(s(a, 0)), STRING),
                TemplateFunction.of("fromJson", a -> JsonValues.parseOrNull(s(a, 0)), STRING),
                TemplateFunction.variadic("default", a -> a.size() < 2 || !GoValues.isTrue(a.get(1)) ? a.get(0) : a.get(1),
                        ANY, ANY));
    }

    private static String trunc(long c, String s) {
        int n = s.codePointCount(0, s.length());
        if (c < 0 && n + c > 0) {
            return s.substring(s.offsetByCodePoints(0, (int) (n + c)));
        }
        if (c >= 0 && n > c) {
            return s.substring(0, s.offsetByCodePoints(0, (int) c));
        }
        return s;
    }

    /** Loki's rune-safe {@code substring}: out-of-range ends are clamped, a negative start means 0. */
    private static String substr(long start, long end, String s) {
        int n = s.codePointCount(0, s.length());
        end = Math.min(end, n);
        start = Math.min(start, n);
        if (start < 0) {
            return end < 0 ? "" : s.substring(0, s.offsetByCodePoints(0, (int) end));
        }
        if (end < 0) {
            return s.substring(s.offsetByCodePoints(0, (int) start));
        }
        if (start > end) {
            return "";
        }
        return s.substring(s.offsetByCodePoints(0, (int) start), s.offsetByCodePoints(0, (int) end));
    }

    private static String repeat(String s, long count, int max) {
        if (count < 0) {
            throw new IllegalArgumentException("strings: negative Repeat count");
        }
        checkSize(count * s.length(), max);
        return s.repeat((int) count);
    }

    private static String indent(long spaces, String v, int max) {
        String pad = repeat(" ", Math.max(0, spaces), max);
        String out = pad + v.replace("\n", "\n" + pad);
        checkSize(out.length(), max);
        return out;
    }

    private static String align(long count, String src, boolean left, int max) {
        int n = src.codePointCount(0, src.length());
        if (count < 0 || count == n) {
            return src;
        }
        if (count > n) {
            String pad = repeat(" ", count - n, max);
            return left ? src + pad : pad + src;
        }
        return left ? src.substring(0, src.offsetByCodePoints(0, (int) count))
                : src.substring(src.offsetByCodePoints(0, (int) (n - count)));
    }

    private static void checkSize(long chars, int max) {
        if (chars > max) {
            throw new IllegalArgumentException("result of " + chars + " chars exceeds the limit of " + max);
        }
    }

    /** Sprig: a decoding error is the result, as text. */
    private static String base64Decode(String s) {
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "illegal base64 data at input byte " + GoUrls.firstBadBase64Byte(s);
        }
    }
}
