package io.sightline.query.template;

import java.util.List;
import java.util.Map;

/**
 * What Go's reflection tells {@code text/template} about a value of the data model: its type name
 * for messages, its truth for {@code if}, and the "no value" of a missing map key, which Go keeps
 * apart from a {@code nil} value.
 *
 * <p>The model: {@code Map<String, ?>} is {@code map[string]interface {}}, {@code List<?>} is
 * {@code []interface {}}, {@code String}, {@code Long}/{@code Integer} (both Go {@code int}),
 * {@code Double} ({@code float64}), {@code Boolean}, {@link GoTime}, {@code null} (a nil interface)
 * and {@link #NO_VALUE}.
 */
final class GoValues {
    /** Go's invalid {@code reflect.Value}: a missing map key, printed as {@code <no value>}. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private GoValues() {
    }

    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    static boolean isFloat(Object v) {
        return v instanceof Double || v instanceof Float;
    }

    /** Go's type name of a value, as {@code %T} and error messages write it. */
    static String typeName(Object v) {
        if (v == null || v == NO_VALUE) {
            return "<nil>";
        }
        if (v instanceof String) {
            return "string";
        }
        if (isInt(v)) {
            return "int";
        }
        if (isFloat(v)) {
            return "float64";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Map<?, ?>) {
            return "map[string]interface {}";
        }
        if (v instanceof List<?>) {
            return "[]interface {}";
        }
        if (v instanceof GoTime) {
            return "time.Time";
        }
        if (v instanceof TemplateFunction) {
            return "func";
        }
        return v.getClass().getSimpleName();
    }

    /** Go's {@code IsTrue}: not the zero of its type; no value and nil are false. */
    static boolean isTrue(Object v) {
        if (v == null || v == NO_VALUE) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (isInt(v)) {
            return ((Number) v).longValue() != 0;
        }
        if (isFloat(v)) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        return true;
    }

    /** Go's {@code len} of a string: its UTF-8 byte count. */
    static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Go's {@code %#U} of a rune: {@code U+0023 '#'}, the char only when Go deems it printable. */
    static String describeRune(int c) {
        if (c < 0) {
            return "U+FFFFFFFFFFFFFFFF";
        }
        StringBuilder out = new StringBuilder("U+");
        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        out.repeat('0', Math.max(0, 4 - hex.length())).append(hex);
        int type = Character.getType(c);
        boolean printable = c == ' ' || (type != Character.CONTROL && type != Character.FORMAT
                && type != Character.SURROGATE && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.SPACE_SEPARATOR && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR);
        if (printable) {
            out.append(" '").appendCodePoint(c).append('\'');
        }
        return out.toString();
    }
}
