package io.sightline.sample.load;

import java.util.Arrays;

/**
 * Where each record of a backfill run sits in time, and which records carry the rare token.
 *
 * <p>The run's {@code totalRecords} records are spread evenly over {@code [end - span, end)},
 * oldest first: record {@code k} (0-based, in request order) is stamped
 * {@code end - span + floor(k * span / totalRecords)}, computed exactly in whole nanoseconds. So
 * requests sent in order fill the store's time partitions (UTC days) one after the other, and a
 * query over {@code [end - span, end)} covers every record.
 *
 * <p>The token goes to {@code tokenRecords} records, one in the middle of each of that many equal
 * slices of the run, so it is rare and spread over the whole span. Immutable and thread-safe.
 */
final class BackfillPlan {

    private final long endUnixNano;
    private final long spanNanos;
    private final long totalRecords;
    private final long[] tokenPositions;

    /**
     * @param endUnixNano the end of the span (exclusive), Unix nanoseconds
     * @param spanNanos the span's length, above 0
     * @param totalRecords records in the run, above 0
     * @param tokenRecords records that carry the token, 0 to {@code totalRecords}
     */
    BackfillPlan(long endUnixNano, long spanNanos, long totalRecords, int tokenRecords) {
        if (spanNanos <= 0 || totalRecords <= 0 || tokenRecords < 0 || tokenRecords > totalRecords) {
            throw new IllegalArgumentException("span " + spanNanos + " ns, " + totalRecords + " records, "
                    + tokenRecords + " with the token");
        }
        this.endUnixNano = endUnixNano;
        this.spanNanos = spanNanos;
        this.totalRecords = totalRecords;
        this.tokenPositions = new long[tokenRecords];
        for (int j = 0; j < tokenRecords; j++) {
            tokenPositions[j] = Math.multiplyExact(2L * j + 1, totalRecords) / (2L * tokenRecords);
        }
    }

    long totalRecords() {
        return totalRecords;
    }

    /** The time of record {@code k}, in Unix nanoseconds. */
    long timeOf(long k) {
        long whole = spanNanos / totalRecords;
        long remainder = spanNanos % totalRecords;
        // k * remainder < totalRecords^2: exact as long as a run holds under 3 billion records.
        return endUnixNano - spanNanos + k * whole + Math.multiplyExact(k, remainder) / totalRecords;
    }

    /** The indexes of the records that carry the token, ascending. */
    long[] tokenPositions() {
        return tokenPositions.clone();
    }

    /** Whether record {@code k} carries the token. */
    boolean carriesToken(long k) {
        return Arrays.binarySearch(tokenPositions, k) >= 0;
    }
}
