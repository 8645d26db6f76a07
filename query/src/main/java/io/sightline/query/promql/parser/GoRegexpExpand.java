package io.sightline.query.promql.parser;

import com.google.re2j.Matcher;
import java.util.Map;

/**
 * Go's {@code Regexp.Expand} of a replacement template over a match ({@code $1}, {@code ${1}},
 * {@code $name}, {@code $$}; a name runs as far as letters, digits and underscores go, so {@code $1x}
 * is the group named {@code 1x}, which is empty). Shared by PromQL's {@code label_replace} and the
 * template functions {@code reReplaceAll} and {@code regexReplaceAll}.
 */
public final class GoRegexpExpand {
    private GoRegexpExpand() {
    }

    /** Go's Regexp.ExpandString over a successful match. */
    public static String expand(String template, Matcher m, Map<String, Integer> names) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i < template.length() && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < template.length() && template.charAt(i) == '{';
            int start = brace ? i + 1 : i;
            int end = start;
            while (end < template.length() && isNameChar(template.charAt(end))) {
                end++;
            }
            if (end == start || (brace && (end >= template.length() || template.charAt(end) != '}'))) {
                out.append('$');
                continue;
            }
            String name = template.substring(start, end);
            i = brace ? end + 1 : end;
            String group = group(m, names, name);
            if (group != null) {
                out.append(group);
            }
        }
        return out.toString();
    }

    private static String group(Matcher m, Map<String, Integer> names, String name) {
        if (name.chars().allMatch(Character::isDigit)) {
            if (name.length() > 8) {
                return null;
            }
            int n = Integer.parseInt(name);
            return n <= m.groupCount() ? m.group(n) : null;
        }
        Integer index = names.get(name);
        return index == null ? null : m.group(index);
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
