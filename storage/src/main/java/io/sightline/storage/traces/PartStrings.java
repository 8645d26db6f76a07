package io.sightline.storage.traces;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strings of one trace part, each written in full once and then as a back-reference: attribute
 * keys, span names and short values repeat across a trace's spans, and writing them once per part
 * halves the bytes Lucene then has to compress (the part's main cost at indexing). Self-contained: a
 * reader rebuilds the table from the part alone, there is no shared dictionary.
 *
 * <p>A string is a vint {@code x}: even, a literal of {@code x / 2} UTF-8 bytes follows and becomes the
 * next table entry (while the table has fewer than {@link #MAX_ENTRIES}); odd, the table entry
 * {@code x / 2}. Not thread-safe.
 */
final class PartStrings {
    /** Table entries per part: bounds the builder's map when a part has many distinct strings. */
    static final int MAX_ENTRIES = 1_024;
    /** Longer strings are always written in full: they rarely repeat and would bloat the table. */
    static final int MAX_ENTRY_CHARS = 128;

    private final Map<String, Integer> written = new HashMap<>();

    void write(SpanBytes out, String text) {
        Integer entry = written.get(text);
        if (entry != null) {
            out.writeVIntUnchecked(entry << 1 | 1);
            return;
        }
        if (written.size() < MAX_ENTRIES && text.length() <= MAX_ENTRY_CHARS) {
            written.put(text, written.size());
        }
        out.writeTaggedText(text);
    }

    int size() {
        return written.size();
    }

    /** The reading side: the table as rebuilt while reading one part. */
    static final class Reader {
        private final List<String> table = new ArrayList<>();

        String read(SpanInput in) {
            int x = in.readVIntUnchecked();
            if ((x & 1) != 0) {
                int entry = x >>> 1;
                if (entry >= table.size()) {
                    throw new CorruptTraceException("string reference " + entry + " past a table of " + table.size());
                }
                return table.get(entry);
            }
            String text = in.readText(x >>> 1);
            if (table.size() < MAX_ENTRIES && text.length() <= MAX_ENTRY_CHARS) {
                table.add(text);
            }
            return text;
        }
    }
}
