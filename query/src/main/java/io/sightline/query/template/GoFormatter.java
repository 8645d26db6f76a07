package io.sightline.query.template;

import io.sightline.query.promql.parser.GoStrings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's {@code fmt.Sprint}, {@code Sprintln} and {@code Sprintf} over the template data model: the
 * verbs {@code %v %s %d %f %F %e %E %g %G %q %x %X %o %b %c %U %t %T %%}, the flags
 * {@code + - # 0 space}, width and precision (also {@code *}), and Go's in-band complaints
 * ({@code %!d(string=x)}, {@code %!s(MISSING)}, {@code %!(EXTRA int=1)}, {@code %!(NOVERB)}).
 * Explicit argument indexes ({@code %[1]d}) and {@code %#v} Go syntax are not supported.
 */
final class GoFormatter {
    private GoFormatter() {
    }

    /** {@code fmt.Sprint}: operands side by side, a space between two when neither is a string. */
    static String sprint(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (i > 0 && !(a instanceof String) && !(args.get(i - 1) instanceof String)) {
                out.append(' ');
            }
            out.append(print(a));
        }
        return out.toString();
    }

    /** {@code fmt.Sprintln}: operands separated by spaces, then a newline. */
    static String sprintln(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(print(args.get(i)));
        }
        return out.append('\n').toString();
    }

    /** One value as {@code %v} writes it. */
    static String print(Object v) {
        StringBuilder out = new StringBuilder();
        new Spec().formatValue(out, v, 'v', 0);
        return out.toString();
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder(format.length() + 16);
        int argNum = 0;
        int end = format.length();
        for (int i = 0; i < end; ) {
            int lasti = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            out.append(format, lasti, i);
            if (i >= end) {
                break;
            }
            i++; // past '%'
            Spec spec = new Spec();
            flags:
            for (; i < end; i++) {
                switch (format.charAt(i)) {
                    case '#' -> spec.sharp = true;
                    case '0' -> spec.zero = !spec.minus;
                    case '+' -> spec.plus = true;
                    case '-' -> {
                        spec.minus = true;
                        spec.zero = false;
                    }
                    case ' ' -> spec.space = true;
                    default -> {
                        break flags;
                    }
                }
            }
            if (i < end && format.charAt(i) == '*') {
                i++;
                if (argNum < args.size() && GoValues.isInt(args.get(argNum))) {
                    spec.width = (int) ((Number) args.get(argNum)).longValue();
                    if (spec.width < 0) {
                        spec.minus = true;
                        spec.zero = false;
                        spec.width = -spec.width;
                    }
                } else {
                    out.append("%!(BADWIDTH)");
                }
                argNum++;
            } else {
                int start = i;
                while (i < end && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    spec.width = Integer.parseInt(format.substring(start, Math.min(i, start + 6)));
                }
            }
            if (i + 1 <= end && i < end && format.charAt(i) == '.') {
                i++;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    if (argNum < args.size() && GoValues.isInt(args.get(argNum))
                            && ((Number) args.get(argNum)).longValue() >= 0) {
                        spec.prec = (int) ((Number) args.get(argNum)).longValue();
                    } else {
                        out.append("%!(BADPREC)");
                    }
                    argNum++;
                } else {
                    int start = i;
                    while (i < end && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    spec.prec = i > start ? Integer.parseInt(format.substring(start, Math.min(i, start + 6))) : 0;
                }
            }
            if (i >= end) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
            } else if (argNum >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                spec.formatValue(out, args.get(argNum++), verb, 0);
            }
        }
        if (argNum < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argNum; k < args.size(); k++) {
                if (k > argNum) {
                    out.append(", ");
                }
                Object a = args.get(k);
                if (a == null) {
                    out.append("<nil>");
                } else {
                    out.append(GoValues.typeName(a)).append('=').append(print(a));
                }
            }
            out.append(')');
        }
        return out.toString();
    }

    /** One conversion's flags, width and precision (-1 when absent). */
    private static final class Spec {
        boolean sharp;
        boolean zero;
        boolean plus;
        boolean minus;
        boolean space;
        int width = -1;
        int prec = -1;

        void formatValue(StringBuilder out, Object v, int verb, int depth) {
            if (v == null || v == GoValues.NO_VALUE) {
                if (verb == 'v' || verb == 'T') {
                    pad(out, "<nil>");
                } else {
                    out.append("%!").appendCodePoint(verb).append("(<nil>)");
                }
                return;
            }
            if (verb == 'T') {
                pad(out, GoValues.typeName(v));
                return;
            }
            if (v instanceof Boolean b) {
                if (verb == 't' || verb == 'v') {
                    pad(out, b.toString());
                } else {
                    badVerb(out, v, verb);
                }
            } else if (GoValues.isInt(v)) {
                formatInt(out, v, ((Number) v).longValue(), verb);
            } else if (GoValues.isFloat(v)) {
                formatFloat(out, v, ((Number) v).doubleValue(), verb);
            } else if (v instanceof String s) {
                formatString(out, v, s, verb);
            } else if (v instanceof GoTime t) {
                formatString(out, v, t.toString(), verb == 'v' ? 's' : verb);
            } else if (v instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    formatValue(out, list.get(i), verb, depth + 1);
                }
                out.append(']');
            } else if (v instanceof Map<?, ?> map) {
                out.append("map[");
                boolean first = true;
                for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                    if (!first) {
                        out.append(' ');
                    }
                    first = false;
                    formatValue(out, e.getKey(), verb, depth + 1);
                    out.append(':');
                    formatValue(out, e.getValue(), verb, depth + 1);
                }
                out.append(']');
            } else {
                pad(out, v.toString());
            }
        }

        private void badVerb(StringBuilder out, Object v, int verb) {
            out.append("%!").appendCodePoint(verb).append('(').append(GoValues.typeName(v)).append('=')
                    .append(print(v)).append(')');
        }

        private void formatInt(StringBuilder out, Object v, long n, int verb) {
            switch (verb) {
                case 'v', 'd' -> integer(out, n, 10, false, "");
                case 'b' -> integer(out, n, 2, false, sharp ? "0b" : "");
                case 'o' -> integer(out, n, 8, false, sharp ? "0" : "");
                case 'O' -> integer(out, n, 8, false, "0o");
                case 'x' -> integer(out, n, 16, false, sharp ? "0x" : "");
                case 'X' -> integer(out, n, 16, true, sharp ? "0X" : "");
                case 'c' -> pad(out, new String(Character.toChars(validRune(n))));
                case 'q' -> pad(out, quoteRune(validRune(n)));
                case 'U' -> {
                    String hex = Long.toHexString(n).toUpperCase(java.util.Locale.ROOT);
                    StringBuilder u = new StringBuilder("U+");
                    for (int i = hex.length(); i < Math.max(4, prec); i++) {
                        u.append('0');
                    }
                    u.append(hex);
                    if (sharp && n >= 0 && n <= Character.MAX_CODE_POINT) {
                        u.append(" '").appendCodePoint((int) n).append('\'');
                    }
                    pad(out, u.toString());
                }
                default -> badVerb(out, v, verb);
            }
        }

        private static int validRune(long n) {
            return n < 0 || n > Character.MAX_CODE_POINT || (n >= 0xD800 && n <= 0xDFFF) ? 0xFFFD : (int) n;
        }

        private static String quoteRune(int cp) {
            if (cp == '\'') {
                return "'\\''";
            }
            String q = GoStrings.quote(new String(Character.toChars(cp)));
            String body = q.substring(1, q.length() - 1).replace("\\\"", "\"");
            return "'" + body + "'";
        }

        private void integer(StringBuilder out, long n, int base, boolean upper, String prefix) {
            boolean neg = n < 0;
            String digits = neg && n == Long.MIN_VALUE
                    ? new java.math.BigInteger(Long.toString(n)).negate().toString(base)
                    : Long.toString(Math.abs(n), base);
            if (upper) {
                digits = digits.toUpperCase(java.util.Locale.ROOT);
            }
            if (prec == 0 && n == 0) {
                digits = "";
            }
            StringBuilder body = new StringBuilder();
            int minDigits = prec;
            if (prec < 0 && zero && width > 0 && !minus) {
                minDigits = width - prefix.length() - ((neg || plus || space) ? 1 : 0);
            }
            for (int i = digits.length(); i < minDigits; i++) {
                body.append('0');
            }
            body.append(digits);
            String sign = neg ? "-" : plus ? "+" : space ? " " : "";
            padSpaces(out, sign + prefix + body);
        }

        private void formatFloat(StringBuilder out, Object v, double d, int verb) {
            String num;
            switch (verb) {
                case 'v' -> num = GoFloats.format(d, 'g', prec);
                case 'g', 'G' -> num = GoFloats.format(d, (char) verb, prec);
                case 'e', 'E', 'f', 'F' -> num = GoFloats.format(d, (char) verb, prec < 0 ? 6 : prec);
                default -> {
                    badVerb(out, v, verb);
                    return;
                }
            }
            if (num.equals("NaN") || num.endsWith("Inf")) {
                String shown = num.equals("NaN") ? (plus ? "+NaN" : space ? " NaN" : "NaN")
                        : num.startsWith("+") && !plus && space ? " Inf" : num;
                padSpaces(out, shown);
                return;
            }
            String sign = num.startsWith("-") ? "-" : plus ? "+" : space ? " " : "";
            String digits = num.startsWith("-") ? num.substring(1) : num;
            if (zero && !minus && width > sign.length() + digits.length()) {
                StringBuilder z = new StringBuilder(sign);
                for (int i = sign.length() + digits.length(); i < width; i++) {
                    z.append('0');
                }
                out.append(z).append(digits);
                return;
            }
            padSpaces(out, sign + digits);
        }

        private void formatString(StringBuilder out, Object v, String s, int verb) {
            String shown = s;
            if (prec >= 0 && (verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X')) {
                int cps = s.codePointCount(0, s.length());
                if (prec < cps) {
                    shown = s.substring(0, s.offsetByCodePoints(0, prec));
                }
            }
            switch (verb) {
                case 'v', 's' -> pad(out, shown);
                case 'q' -> pad(out, sharp && canBackquote(shown) ? "`" + shown + "`" : GoStrings.quote(shown));
                case 'x', 'X' -> {
                    StringBuilder hex = new StringBuilder();
                    byte[] bytes = shown.getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < bytes.length; i++) {
                        if (space && i > 0) {
                            hex.append(' ');
                        }
                        if (sharp && (space || i == 0)) {
                            hex.append(verb == 'x' ? "0x" : "0X");
                        }
                        String h = String.format(verb == 'x' ? "%02x" : "%02X", bytes[i] & 0xff);
                        hex.append(h);
                    }
                    pad(out, hex.toString());
                }
                default -> badVerb(out, v, verb);
            }
        }

        private static boolean canBackquote(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '`' || c == '\uFEFF' || (c < ' ' && c != '\t') || c == 0x7f) {
                    return false;
                }
            }
            return true;
        }

        /** Pads with spaces, or with zeros on the left for the {@code 0} flag (Go pads strings with zeros too). */
        private void pad(StringBuilder out, String s) {
            int n = s.codePointCount(0, s.length());
            if (width <= n) {
                out.append(s);
                return;
            }
            char fill = zero && !minus ? '0' : ' ';
            if (minus) {
                out.append(s);
                out.repeat(' ', width - n);
            } else {
                out.repeat(fill, width - n);
                out.append(s);
            }
        }

        private void padSpaces(StringBuilder out, String s) {
            boolean z = zero;
            zero = false;
            pad(out, s);
            zero = z;
        }
    }
}
