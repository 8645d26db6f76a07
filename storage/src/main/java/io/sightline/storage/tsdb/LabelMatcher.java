package io.sightline.storage.tsdb;

import java.util.Objects;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * One label matcher of a series selector: {@code name="v"}, {@code !=}, {@code =~}, {@code !~}.
 * Regexes are RE2 (linear time) and fully anchored, as in Prometheus. A missing label matches as
 * the empty string. Immutable; thread-safe.
 */
public final class LabelMatcher {
    public enum Type {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Type(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private final Type type;
    private final String name;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(Type type, String name, String value) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.pattern = type == Type.REGEX || type == Type.NOT_REGEX ? compile(value) : null;
    }

    /**
     * A matcher.
     *
     * @throws IllegalArgumentException naming the problem when a regex does not compile
     */
    public static LabelMatcher of(Type type, String name, String value) {
        return new LabelMatcher(type, name, value);
    }

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(Type.EQUAL, name, value);
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile("^(?:" + regex + ")$", Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression " + regex + ": " + e.getDescription(), e);
        }
    }

    public Type type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** Whether a label value ("" for a missing label) matches. */
    public boolean matches(String labelValue) {
        return switch (type) {
            case EQUAL -> value.equals(labelValue);
            case NOT_EQUAL -> !value.equals(labelValue);
            case REGEX -> pattern.matches(labelValue);
            case NOT_REGEX -> !pattern.matches(labelValue);
        };
    }

    /** Whether this matcher matches series lacking the label (it matches the empty string). */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && type == m.type && name.equals(m.name) && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, value);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name).append(type.symbol()).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c == '\n' ? "\\n" : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
