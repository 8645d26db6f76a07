package io.sightline.storage.tsdb.index;

import java.util.ArrayList;
import java.util.List;

import io.sightline.storage.tsdb.LabelMatcher;

/**
 * Resolves a selector's matchers to the ids of the series matching all of them, with Prometheus's
 * semantics: a matcher that matches the empty string also matches series lacking the label. Such a
 * matcher is applied by subtracting the series whose value it rejects, every other matcher by
 * intersecting the union of the values it accepts (as Prometheus's PostingsForMatchers).
 */
public final class MatcherPostings {
    private MatcherPostings() {
    }

    /** Ascending ids of the series matching every matcher; all series for no matchers. */
    public static int[] select(LabelIndex index, List<LabelMatcher> matchers) {
        int[] result = null;
        List<int[]> subtract = new ArrayList<>();
        for (LabelMatcher m : matchers) {
            if (m.matchesEmpty()) {
                // Keeps series without the label: remove those whose value the matcher rejects.
                int[] rejected = valuesMatching(index, m, false);
                if (rejected.length > 0) {
                    subtract.add(rejected);
                }
            } else {
                int[] accepted = m.type() == LabelMatcher.Type.EQUAL
                        ? index.postings(m.name(), m.value()) : valuesMatching(index, m, true);
                result = result == null ? accepted : Postings.intersect(result, accepted);
                if (result.length == 0) {
                    return Postings.EMPTY;
                }
            }
        }
        if (result == null) {
            result = index.allPostings();
        }
        for (int[] ids : subtract) {
            result = Postings.subtract(result, ids);
        }
        return result;
    }

    /** Union of the postings of the values of the matcher's label that it accepts (or rejects). */
    private static int[] valuesMatching(LabelIndex index, LabelMatcher m, boolean accepted) {
        List<String> values = new ArrayList<>();
        index.forEachValue(m.name(), value -> {
            if (m.matches(value) == accepted) {
                values.add(value);
            }
        });
        List<int[]> lists = new ArrayList<>(values.size());
        for (String value : values) {
            lists.add(index.postings(m.name(), value));
        }
        return Postings.union(lists);
    }
}
