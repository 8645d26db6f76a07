package io.sightline.storage.tsdb.index;

import java.util.function.Consumer;

/**
 * An inverted index from label pairs to the series that carry them: what matchers are resolved
 * against, in the head and in each block. Thread-safety is the implementation's.
 */
public interface LabelIndex {
    /** Every series id, ascending. */
    int[] allPostings();

    /** Series carrying {@code name=value}, ascending; empty when none. */
    int[] postings(String name, String value);

    /** Calls {@code action} with each value of label {@code name}, in no particular order. */
    void forEachValue(String name, Consumer<String> action);

    /** Calls {@code action} with each label name, in no particular order. */
    void forEachName(Consumer<String> action);
}
