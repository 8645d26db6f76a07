package io.sightline.storage.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Literal substrings that every match of a regex must contain, found conservatively: RE2J does
 * not expose its parse tree, so this reads the RE2 syntax itself and gives up (no literals) on
 * anything it does not fully understand. Only top-level concatenations are read: groups, classes,
 * escapes other than escaped punctuation, {@code .}, anchors and the atom before an optional
 * quantifier end a literal run. A top-level {@code |} gives one list per alternative.
 *
 * @param caseInsensitive whether an {@code i} flag occurs anywhere ({@code (?i)}): the literals may
 *                        then match in any case
 * @param alternatives    for each top-level alternative, the literal runs it requires (all non-empty)
 */
record RegexLiterals(boolean caseInsensitive, List<List<String>> alternatives) {

    /** The required literals of {@code regex}, or empty when some alternative requires none. */
    static Optional<RegexLiterals> of(String regex) {
        List<String> branches = splitTopLevel(regex);
        if (branches == null) {
            return Optional.empty();
        }
        List<List<String>> alternatives = new ArrayList<>();
        for (String branch : branches) {
            List<String> runs = runs(branch);
            if (runs == null || runs.isEmpty()) {
                return Optional.empty();
            }
            alternatives.add(runs);
        }
        return Optional.of(new RegexLiterals(hasCaseInsensitiveFlag(regex), alternatives));
    }

    /** The branches of a top-level alternation; null when the syntax is not understood. */
    private static List<String> splitTopLevel(String regex) {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(regex, i);
                if (i < 0) {
                    return null;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                branches.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        branches.add(regex.substring(start));
        return depth == 0 ? branches : null;
    }

    /** The literal runs of one branch, or null when the syntax is not understood. */
    private static List<String> runs(String branch) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < branch.length()) {
            int c = branch.codePointAt(i);
            int next = i + Character.charCount(c);
            String literal = null;
            if (c == '\\') {
                if (next >= branch.length()) {
                    return null;
                }
                char escaped = branch.charAt(next);
                if (escaped < 0x80 && !Character.isLetterOrDigit(escaped)) {
                    literal = String.valueOf(escaped);
                    next++;
                } else {
                    flush(runs, run); // \d, \pL, \Q...: stop reading; what came before is still required
                    return runs;
                }
            } else if (c == '(') {
                next = groupEnd(branch, i);
                if (next < 0) {
                    return null;
                }
            } else if (c == '[') {
                next = classEnd(branch, i);
                if (next < 0) {
                    return null;
                }
                next++;
            } else if (c != '.' && c != '^' && c != '$' && c != '*' && c != '+' && c != '?' && c != '{' && c != ')' && c != '|') {
                literal = new String(Character.toChars(c));
            } else if (c == '{' && repetitionEnd(branch, i) < 0) {
                literal = "{";
            }
            int quantifierEnd = quantifierEnd(branch, next);
            boolean optional = quantifierEnd > next && branch.charAt(next) != '+';
            if (literal != null && !optional) {
                run.append(literal);
            }
            if (literal == null || quantifierEnd > next) {
                flush(runs, run);
            }
            i = Math.max(next, quantifierEnd);
        }
        flush(runs, run);
        return runs;
    }

    private static void flush(List<String> runs, StringBuilder run) {
        if (!run.isEmpty()) {
            runs.add(run.toString());
            run.setLength(0);
        }
    }

    /** Where a quantifier starting at {@code at} ends (with a lazy {@code ?}); {@code at} when none. */
    private static int quantifierEnd(String text, int at) {
        if (at >= text.length()) {
            return at;
        }
        char c = text.charAt(at);
        int end = c == '*' || c == '+' || c == '?' ? at + 1 : c == '{' ? repetitionEnd(text, at) : -1;
        if (end < 0) {
            return at;
        }
        return end < text.length() && text.charAt(end) == '?' ? end + 1 : end;
    }

    /** After a valid {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code at}; -1 when it is a literal brace. */
    private static int repetitionEnd(String text, int at) {
        int i = at + 1;
        int digits = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return -1;
        }
        if (i < text.length() && text.charAt(i) == ',') {
            i++;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        return i < text.length() && text.charAt(i) == '}' ? i + 1 : -1;
    }

    /** After the group opening at {@code at}; -1 when unbalanced. */
    private static int groupEnd(String text, int at) {
        int depth = 0;
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(text, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The index of the {@code ]} closing the class opening at {@code at}; -1 when there is none. */
    private static int classEnd(String text, int at) {
        int i = at + 1;
        if (i < text.length() && text.charAt(i) == '^') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == ']') {
            i++; // a leading ] is a literal member
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                int close = text.indexOf(":]", i + 2);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasCaseInsensitiveFlag(String regex) {
        for (int at = regex.indexOf("(?"); at >= 0; at = regex.indexOf("(?", at + 2)) {
            for (int i = at + 2; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (c == 'i') {
                    return true;
                }
                if (!Character.isLetter(c) && c != '-') {
                    break;
                }
            }
        }
        return false;
    }
}
