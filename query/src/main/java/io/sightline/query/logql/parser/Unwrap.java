package io.sightline.query.logql.parser;

import java.util.List;
import java.util.Objects;

/**
 * {@code | unwrap latency}, {@code | unwrap duration(took)}, {@code | unwrap bytes(size)}, followed
 * by label filters applied after the conversion ({@code | __error__=""}).
 *
 * @param label       the label whose value becomes the sample value
 * @param conversion  how the value is read
 * @param postFilters label filters after the unwrap, in query order
 */
public record Unwrap(String label, Conversion conversion, List<LabelFilter> postFilters) {
    /** How an unwrapped label value becomes a number. */
    public enum Conversion {
        /** A float ({@code strconv.ParseFloat}). */
        NONE(""),
        /** A Go duration ({@code 1m30s}) as seconds. */
        DURATION("duration"),
        /** The same as {@link #DURATION}. */
        DURATION_SECONDS("duration_seconds"),
        /** A byte size ({@code 20MB}, {@code 1KiB}) as bytes. */
        BYTES("bytes");

        private final String keyword;

        Conversion(String keyword) {
            this.keyword = keyword;
        }

        /** The function name in the query; empty for {@link #NONE}. */
        public String keyword() {
            return keyword;
        }
    }

    public Unwrap {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(conversion, "conversion");
        postFilters = List.copyOf(postFilters);
    }
}
