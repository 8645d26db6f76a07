package io.sightline.ingest.prometheus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sightline.storage.tsdb.MetricMetadata;

/**
 * The samples of one request in the Prometheus model, before admission: series (each a
 * {@link LabelBlock} and the request item it came from), their samples and exemplars, and metric
 * metadata. Held in flat primitive arrays that are reused across requests, so building a batch
 * allocates nothing per sample. Written in order: {@link #beginSeries}, its labels (in name
 * order), then its samples and exemplars; then the next series. Not thread-safe.
 */
public final class SampleBatch {
    private final ByteBuilder labels = new ByteBuilder(4096);
    private final ByteBuilder exemplarLabels = new ByteBuilder(256);
    private final List<MetricMetadata> metadata = new ArrayList<>();
    private int[] labelStart = new int[64];
    private int[] sampleStart = new int[64];
    private int[] exemplarStart = new int[64];
    private int[] origin = new int[64];
    private int series;
    private long[] timestamps = new long[64];
    private double[] values = new double[64];
    private int samples;
    private int[] exemplarLabelStart = new int[8];
    private long[] exemplarTimestamps = new long[8];
    private double[] exemplarValues = new double[8];
    private int exemplars;
    private boolean inExemplar;

    public void clear() {
        labels.clear();
        exemplarLabels.clear();
        metadata.clear();
        series = 0;
        samples = 0;
        exemplars = 0;
        inExemplar = false;
    }

    /** Starts a series that came from request item {@code item} (an OTLP data point, a remote_write sample's series). */
    public void beginSeries(int item) {
        if (series == labelStart.length) {
            int capacity = series * 2;
            labelStart = Arrays.copyOf(labelStart, capacity);
            sampleStart = Arrays.copyOf(sampleStart, capacity);
            exemplarStart = Arrays.copyOf(exemplarStart, capacity);
            origin = Arrays.copyOf(origin, capacity);
        }
        labelStart[series] = labels.size();
        sampleStart[series] = samples;
        exemplarStart[series] = exemplars;
        origin[series] = item;
        series++;
    }

    /** Where the current series' label block is written (pairs in name order). */
    public ByteBuilder labelBytes() {
        return labels;
    }

    /** Appends one label (names in order, values non-empty) to the current series. */
    public void label(String name, String value) {
        labels.writeString(name);
        labels.writeString(value);
    }

    /** Drops the current series (its labels were found invalid); it must have no samples yet. */
    public void dropSeries() {
        series--;
        labels.truncate(labelStart[series]);
    }

    public void sample(long timestampMs, double value) {
        if (samples == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, samples * 2);
            values = Arrays.copyOf(values, samples * 2);
        }
        timestamps[samples] = timestampMs;
        values[samples] = value;
        samples++;
    }

    /** Starts an exemplar of the current series; its labels follow through {@link #exemplarLabel}. */
    public void beginExemplar() {
        if (exemplars == exemplarLabelStart.length) {
            exemplarLabelStart = Arrays.copyOf(exemplarLabelStart, exemplars * 2);
            exemplarTimestamps = Arrays.copyOf(exemplarTimestamps, exemplars * 2);
            exemplarValues = Arrays.copyOf(exemplarValues, exemplars * 2);
        }
        exemplarLabelStart[exemplars] = exemplarLabels.size();
        inExemplar = true;
    }

    public void exemplarLabel(String name, String value) {
        exemplarLabels.writeString(name);
        exemplarLabels.writeString(value);
    }

    /** Where the current exemplar's label block is written. */
    public ByteBuilder exemplarLabelBytes() {
        return exemplarLabels;
    }

    public void endExemplar(double value, long timestampMs) {
        if (!inExemplar) {
            throw new IllegalStateException("endExemplar without beginExemplar");
        }
        exemplarValues[exemplars] = value;
        exemplarTimestamps[exemplars] = timestampMs;
        exemplars++;
        inExemplar = false;
    }

    public void metadata(MetricMetadata family) {
        metadata.add(family);
    }

    public int seriesCount() {
        return series;
    }

    public int sampleCount() {
        return samples;
    }

    public byte[] labelArray() {
        return labels.array();
    }

    public int labelStart(int s) {
        return labelStart[s];
    }

    public int labelEnd(int s) {
        return s + 1 < series ? labelStart[s + 1] : labels.size();
    }

    public int origin(int s) {
        return origin[s];
    }

    public int sampleStart(int s) {
        return sampleStart[s];
    }

    public int sampleEnd(int s) {
        return s + 1 < series ? sampleStart[s + 1] : samples;
    }

    public long timestamp(int i) {
        return timestamps[i];
    }

    public double value(int i) {
        return values[i];
    }

    public int exemplarStart(int s) {
        return exemplarStart[s];
    }

    public int exemplarEnd(int s) {
        return s + 1 < series ? exemplarStart[s + 1] : exemplars;
    }

    public byte[] exemplarLabelArray() {
        return exemplarLabels.array();
    }

    public int exemplarLabelStart(int e) {
        return exemplarLabelStart[e];
    }

    public int exemplarLabelEnd(int e) {
        return e + 1 < exemplars ? exemplarLabelStart[e + 1] : exemplarLabels.size();
    }

    public long exemplarTimestamp(int e) {
        return exemplarTimestamps[e];
    }

    public double exemplarValue(int e) {
        return exemplarValues[e];
    }

    public List<MetricMetadata> metadata() {
        return metadata;
    }
}
