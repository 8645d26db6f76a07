package io.sightline.query.logql.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Loki's {@code pattern} expressions ({@code <ip> - <_> "<method> <path>"}): literals and captures
 * ({@code <name>}, {@code <_>} unnamed). Matching as Loki's: a leading literal must start the line;
 * each capture takes the text up to the next occurrence of the literal after it; a capture at the
 * end, or whose following literal is missing, takes the rest of the line. Immutable; thread-safe.
 */
final class PatternMatcher {
    /** Alternating parts; a capture's name ("_" for unnamed), or a literal. */
    private record Part(boolean capture, String text) {
    }

    private final List<Part> parts;
    private final List<String> names;

    PatternMatcher(String pattern) {
        List<Part> parsed = new ArrayList<>();
        List<String> captureNames = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            int close = pattern.charAt(i) == '<' ? captureEnd(pattern, i) : -1;
            if (close > 0) {
                if (!literal.isEmpty()) {
                    parsed.add(new Part(false, literal.toString()));
                    literal.setLength(0);
                }
                String name = pattern.substring(i + 1, close);
                parsed.add(new Part(true, name));
                if (!name.equals("_")) {
                    captureNames.add(name);
                }
                i = close + 1;
            } else {
                literal.append(pattern.charAt(i++));
            }
        }
        if (!literal.isEmpty()) {
            parsed.add(new Part(false, literal.toString()));
        }
        this.parts = List.copyOf(parsed);
        this.names = List.copyOf(captureNames);
    }

    private static int captureEnd(String p, int open) {
        int i = open + 1;
        while (i < p.length() && (Character.isLetterOrDigit(p.charAt(i)) || p.charAt(i) == '_')) {
            i++;
        }
        boolean valid = i > open + 1 && i < p.length() && p.charAt(i) == '>' && !Character.isDigit(p.charAt(open + 1));
        return valid ? i : -1;
    }

    /** Names of the named captures, in order. */
    List<String> names() {
        return names;
    }

    /**
     * The named captures' values in order, or null when the line does not match; a result shorter
     * than {@link #names()} means the line matched only partly (Loki still extracts those).
     */
    List<String> match(String line) {
        if (line.isEmpty() || parts.isEmpty()) {
            return null;
        }
        List<String> captures = new ArrayList<>(names.size());
        int at = 0;
        int p = 0;
        if (!parts.get(0).capture()) {
            if (!line.startsWith(parts.get(0).text())) {
                return null;
            }
            at = parts.get(0).text().length();
            p = 1;
        }
        if (p >= parts.size()) {
            return null;
        }
        while (p < parts.size()) {
            Part capture = parts.get(p);
            if (p + 1 >= parts.size()) {
                if (!capture.text().equals("_")) {
                    captures.add(line.substring(at));
                }
                return captures;
            }
            String literal = parts.get(p + 1).text();
            p += 2;
            int found = line.indexOf(literal, at);
            if (found < 0) {
                if (!capture.text().equals("_")) {
                    captures.add(line.substring(at));
                }
                return captures;
            }
            if (!capture.text().equals("_")) {
                captures.add(line.substring(at, found));
            }
            at = found + literal.length();
        }
        return captures;
    }

    /** Whether the whole pattern matches (the {@code |>} line filter): every literal found in order. */
    boolean matchesFully(String line) {
        if (line.isEmpty() || parts.isEmpty()) {
            return false;
        }
        int at = 0;
        for (int p = 0; p < parts.size(); p++) {
            Part part = parts.get(p);
            if (part.capture()) {
                continue;
            }
            if (p == 0) {
                if (!line.startsWith(part.text())) {
                    return false;
                }
                at = part.text().length();
                continue;
            }
            int found = line.indexOf(part.text(), at);
            if (found < 0) {
                return false;
            }
            at = found + part.text().length();
        }
        return true;
    }
}
