package io.sightline.query.template;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.sightline.query.promql.parser.GoRegexpExpand;
import java.util.Map;

/**
 * Go's {@code strings} functions the template function sets expose, rune by rune as Go maps case
 * ({@code ToUpper("ß")} stays {@code ß}, unlike Java's locale-aware upper-casing), and Go's
 * {@code Regexp.ReplaceAllString}/{@code FindAllStringIndex} loop over an RE2J pattern (an empty
 * match right after a match is skipped, as Go does).
 */
final class GoText {
    private GoText() {
    }

    static String toUpper(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.toUpperCase(c)));
        return out.toString();
    }

    static String toLower(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(c)));
        return out.toString();
    }

    /** Go's deprecated {@code strings.Title}: the first letter of each word to title case. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int[] prev = {' '};
        s.codePoints().forEach(c -> {
            out.appendCodePoint(isSeparator(prev[0]) ? Character.toTitleCase(c) : c);
            prev[0] = c;
        });
        return out.toString();
    }

    private static boolean isSeparator(int c) {
        if (c <= 0x7F) {
            return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
        }
        if (Character.isLetter(c) || Character.isDigit(c)) {
            return false;
        }
        return isSpace(c);
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> c > 0xFF && Character.isWhitespace(c) || c == 0x2007 || c == 0x202F;
        };
    }

    static String trimSpace(String s) {
        return trimFunc(s, GoText::isSpace, true, true);
    }

    /** Go's {@code strings.Trim}/{@code TrimLeft}/{@code TrimRight}: code points of {@code cutset} off the ends. */
    static String trim(String s, String cutset, boolean left, boolean right) {
        return trimFunc(s, c -> cutset.indexOf(Character.toString(c)) >= 0, left, right);
    }

    private static String trimFunc(String s, java.util.function.IntPredicate cut, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && cut.test(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (right && end > start && cut.test(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** Go's {@code strings.Replace}: at most {@code n} (all when negative) non-overlapping replacements. */
    static String replace(String s, String old, String replacement, long n) {
        if (old.equals(replacement) || n == 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        long done = 0;
        if (old.isEmpty()) {
            // Go inserts at the start and after each rune.
            int i = 0;
            while (i <= s.length() && (n < 0 || done < n)) {
                out.append(replacement);
                done++;
                if (i == s.length()) {
                    i++;
                    break;
                }
                int next = i + Character.charCount(s.codePointAt(i));
                out.append(s, i, next);
                i = next;
            }
            return i <= s.length() ? out.append(s, i, s.length()).toString() : out.toString();
        }
        int at;
        while ((n < 0 || done < n) && (at = s.indexOf(old, from)) >= 0) {
            out.append(s, from, at).append(replacement);
            from = at + old.length();
            done++;
        }
        return out.append(s, from, s.length()).toString();
    }

    /** Go's {@code Regexp.ReplaceAllString} ({@code literal}: {@code ReplaceAllLiteralString}). */
    static String replaceAll(Pattern pattern, String src, String replacement, boolean literal) {
        Map<String, Integer> names = pattern.namedGroups();
        StringBuilder out = new StringBuilder();
        Matcher m = pattern.matcher(src);
        int lastMatchEnd = 0;
        int searchPos = 0;
        boolean first = true;
        while (searchPos <= src.length() && m.find(searchPos)) {
            out.append(src, lastMatchEnd, m.start());
            if (m.end() > lastMatchEnd || m.start() == 0 && first) {
                out.append(literal ? replacement : GoRegexpExpand.expand(replacement, m, names));
            }
            first = false;
            lastMatchEnd = m.end();
            searchPos = nextSearch(src, searchPos, m.end());
        }
        return out.append(src, Math.min(lastMatchEnd, src.length()), src.length()).toString();
    }

    /** How many matches Go's {@code FindAllStringIndex(s, -1)} finds. */
    static long countMatches(Pattern pattern, String src) {
        Matcher m = pattern.matcher(src);
        long count = 0;
        int prevEnd = -1;
        int searchPos = 0;
        while (searchPos <= src.length() && m.find(searchPos)) {
            if (!(m.start() == m.end() && m.end() == prevEnd)) {
                count++;
            }
            prevEnd = m.end();
            searchPos = nextSearch(src, searchPos, m.end());
        }
        return count;
    }

    private static int nextSearch(String src, int searchPos, int matchEnd) {
        int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 1;
        if (searchPos + width > matchEnd) {
            return searchPos + width;
        }
        return Math.max(matchEnd, searchPos + 1);
    }
}
