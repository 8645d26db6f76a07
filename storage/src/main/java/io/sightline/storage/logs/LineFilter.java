package io.sightline.storage.logs;

import java.util.List;
import java.util.Objects;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * One line filter of a log scan, LogQL's {@code |=}, {@code !=}, {@code |~}, {@code !~}, over the
 * record's body. Matching is exact: substrings are case-sensitive and compared char for char;
 * regexes are RE2 (RE2J), unanchored (a match anywhere in the line), as in Loki.
 *
 * <p>{@code values} are LogQL's {@code or} alternatives: {@link Type#CONTAINS} and
 * {@link Type#REGEX} keep a line that matches <em>any</em> of them; {@link Type#NOT_CONTAINS} and
 * {@link Type#NOT_REGEX} keep a line that matches <em>none</em> of them (Loki's reading of
 * {@code != "a" or "b"}). An empty needle is contained in every line.
 *
 * @param type   the operator
 * @param values at least one needle or regex
 */
public record LineFilter(Type type, List<String> values) {
    public enum Type {
        CONTAINS("|="), NOT_CONTAINS("!="), REGEX("|~"), NOT_REGEX("!~");

        private final String symbol;

        Type(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean negated() {
            return this == NOT_CONTAINS || this == NOT_REGEX;
        }

        boolean regex() {
            return this == REGEX || this == NOT_REGEX;
        }
    }

    /**
     * @throws IllegalArgumentException when there is no value, or naming the regex that does not compile
     */
    public LineFilter {
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a line filter needs at least one value");
        }
        if (type.regex()) {
            values.forEach(LineFilter::compile);
        }
    }

    public static LineFilter contains(String... needles) {
        return new LineFilter(Type.CONTAINS, List.of(needles));
    }

    public static LineFilter notContains(String... needles) {
        return new LineFilter(Type.NOT_CONTAINS, List.of(needles));
    }

    public static LineFilter regex(String... regexes) {
        return new LineFilter(Type.REGEX, List.of(regexes));
    }

    public static LineFilter notRegex(String... regexes) {
        return new LineFilter(Type.NOT_REGEX, List.of(regexes));
    }

    /** The RE2J pattern of one regex value: unanchored, {@code .} not matching a newline (RE2's default). */
    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression " + regex + ": " + e.getDescription(), e);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(type.symbol());
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? " " : " or ").append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text.toString();
    }
}
