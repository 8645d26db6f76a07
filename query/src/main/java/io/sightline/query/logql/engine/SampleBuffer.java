package io.sightline.query.logql.engine;

import java.util.Arrays;

/** The samples of one series of a range aggregation, in time order; grows as the scan feeds it. */
final class SampleBuffer {
    long[] times = new long[16];
    double[] values = new double[16];
    int size;

    void add(long timeNanos, double value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = timeNanos;
        values[size] = value;
        size++;
    }
}
