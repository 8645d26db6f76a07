package io.sightline.query.logql.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loki's rules for the {@code pattern} parser's expression: literal text and captures
 * {@code <name>} ({@code [A-Za-z_][A-Za-z0-9_]*}) or {@code <_>} (matched, not kept); at least one
 * named capture, no two captures side by side, no name twice. (Loki checks adjacency only at even
 * positions and then fails while matching; this checks every pair.)
 */
final class PatternSyntax {
    // A fixed internal pattern (never user input), so java.util.regex is fine here.
    private static final Pattern CAPTURE = Pattern.compile("<([A-Za-z_][A-Za-z0-9_]*)>");

    private PatternSyntax() {
    }

    /** The problem with a pattern, worded as Loki's, or null when it is valid. */
    static String problem(String pattern) {
        Matcher m = CAPTURE.matcher(pattern);
        List<String> named = new ArrayList<>();
        int previousEnd = -1;
        while (m.find()) {
            if (m.start() == previousEnd) {
                return "found consecutive capture: invalid expression";
            }
            previousEnd = m.end();
            if (!m.group(1).equals("_")) {
                named.add(m.group(1));
            }
        }
        if (named.isEmpty()) {
            return "at least one capture is required";
        }
        Set<String> seen = new HashSet<>();
        for (String name : named) {
            if (!seen.add(name)) {
                return "duplicate capture name (" + name + "): invalid expression";
            }
        }
        return null;
    }
}
