package io.sightline.query.promql;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.sightline.query.promql.parser.ValueType;
import io.sightline.storage.tsdb.Labels;

/** A query's answer, one of Prometheus's four result types. Immutable. */
public sealed interface QueryValue {
    ValueType type();

    /** A scalar at a time (instant queries of scalar expressions). */
    record Scalar(long timestampMs, double value) implements QueryValue {
        @Override
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    /** A string at a time (instant queries of a string literal). */
    record StringValue(long timestampMs, String value) implements QueryValue {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /** An instant vector: one sample per series, in the engine's order (meaningful after sort()/topk). */
    record Vector(List<VectorSample> samples) implements QueryValue {
        public Vector {
            samples = List.copyOf(samples);
        }

        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /** A matrix: range query results (sorted by labels), or an instant query of a range selector. */
    record Matrix(List<MatrixSeries> series) implements QueryValue {
        public Matrix {
            series = List.copyOf(series);
        }

        @Override
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    /** One sample of an instant vector. */
    record VectorSample(Labels labels, long timestampMs, double value) {
        public VectorSample {
            Objects.requireNonNull(labels, "labels");
        }
    }

    /**
     * One series of a matrix: parallel arrays of times (Unix ms, ascending) and values. The arrays
     * are owned by this object; callers must not modify them.
     */
    record MatrixSeries(Labels labels, long[] timestampsMs, double[] values) {
        public MatrixSeries {
            Objects.requireNonNull(labels, "labels");
            if (timestampsMs.length != values.length) {
                throw new IllegalArgumentException("timestamps and values differ in length");
            }
        }

        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MatrixSeries m && labels.equals(m.labels)
                    && Arrays.equals(timestampsMs, m.timestampsMs) && Arrays.equals(values, m.values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(labels, Arrays.hashCode(timestampsMs), Arrays.hashCode(values));
        }

        @Override
        public String toString() {
            return labels + " " + Arrays.toString(timestampsMs) + " " + Arrays.toString(values);
        }
    }
}
