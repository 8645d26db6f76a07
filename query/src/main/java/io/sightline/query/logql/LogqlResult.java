package io.sightline.query.logql;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A LogQL answer in the four shapes of Loki's API ({@code resultType} streams, matrix, vector,
 * scalar), with what it cost. Labels are sorted by name; series and streams in the order Loki
 * returns them (streams: by labels; entries: in the request's direction).
 */
public sealed interface LogqlResult {
    LogqlStats stats();

    /** A log query's lines, grouped by their (possibly parsed and reformatted) label set. */
    record Streams(List<LogStream> streams, LogqlStats stats) implements LogqlResult {
        public Streams {
            streams = List.copyOf(streams);
            Objects.requireNonNull(stats, "stats");
        }
    }

    /** A metric range query's series. */
    record Matrix(List<SampleSeries> series, LogqlStats stats) implements LogqlResult {
        public Matrix {
            series = List.copyOf(series);
            Objects.requireNonNull(stats, "stats");
        }
    }

    /** A metric instant query's samples, all at {@code timeNanos}. */
    record Vector(long timeNanos, List<VectorSample> samples, LogqlStats stats) implements LogqlResult {
        public Vector {
            samples = List.copyOf(samples);
            Objects.requireNonNull(stats, "stats");
        }
    }

    /** A number, e.g. {@code 1 + 1}. */
    record Scalar(long timeNanos, double value, LogqlStats stats) implements LogqlResult {
        public Scalar {
            Objects.requireNonNull(stats, "stats");
        }
    }

    /** The lines of one stream. */
    record LogStream(Map<String, String> labels, List<LogEntry> entries) {
        public LogStream {
            labels = Map.copyOf(labels);
            entries = List.copyOf(entries);
        }
    }

    /**
     * One line: its time, text after the pipeline, and the structured metadata and parsed labels that
     * Loki 3 returns apart from the stream labels when asked ({@code X-Loki-Response-Encoding-Flags:
     * categorize-labels}); both are also folded into the stream's labels otherwise.
     */
    record LogEntry(long timeNanos, String line, Map<String, String> structuredMetadata, Map<String, String> parsed) {
        public LogEntry {
            Objects.requireNonNull(line, "line");
            structuredMetadata = Map.copyOf(structuredMetadata);
            parsed = Map.copyOf(parsed);
        }
    }

    /** One series of a matrix: points at increasing times. */
    record SampleSeries(Map<String, String> labels, long[] timesNanos, double[] values) {
        public SampleSeries {
            labels = Map.copyOf(labels);
            if (timesNanos.length != values.length) {
                throw new IllegalArgumentException("times and values differ in length");
            }
        }
    }

    /** One sample of a vector. */
    record VectorSample(Map<String, String> labels, double value) {
        public VectorSample {
            labels = Map.copyOf(labels);
        }
    }
}
