package io.sightline.storage.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.google.re2j.Pattern;

/**
 * Decides line filters exactly on a record's body: the check every index candidate passes before
 * it is a result. Compiled once per scan; thread-safe (RE2J patterns are).
 */
final class LineFilterMatcher {
    private final List<Predicate<String>> checks = new ArrayList<>();
    private final boolean trivial;

    LineFilterMatcher(List<LineFilter> filters) {
        boolean allTrivial = true;
        for (LineFilter filter : filters) {
            if (filter.type() == LineFilter.Type.CONTAINS && filter.values().contains("")) {
                continue; // contained in every line
            }
            allTrivial = false;
            checks.add(check(filter));
        }
        this.trivial = allTrivial;
    }

    /** Whether every line passes (no filters, or only ones like {@code |= ""}): nothing to verify. */
    boolean trivial() {
        return trivial;
    }

    boolean matches(String body) {
        for (Predicate<String> check : checks) {
            if (!check.test(body)) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<String> check(LineFilter filter) {
        Predicate<String> any;
        if (filter.type().regex()) {
            List<Pattern> patterns = filter.values().stream().map(LineFilter::compile).toList();
            any = body -> {
                for (Pattern pattern : patterns) {
                    if (pattern.matcher(body).find()) {
                        return true;
                    }
                }
                return false;
            };
        } else {
            List<String> needles = filter.values();
            any = body -> {
                for (String needle : needles) {
                    if (body.contains(needle)) {
                        return true;
                    }
                }
                return false;
            };
        }
        return filter.type().negated() ? any.negate() : any;
    }
}
