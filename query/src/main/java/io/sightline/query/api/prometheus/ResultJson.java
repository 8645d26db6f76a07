package io.sightline.query.api.prometheus;

import java.io.IOException;
import java.util.List;

import com.google.gson.stream.JsonWriter;
import io.sightline.query.promql.QueryValue;
import io.sightline.storage.tsdb.Exemplar;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.SeriesExemplars;

/**
 * Query results in the Prometheus API's JSON: {@code {"resultType":...,"result":...}} with vectors as
 * {@code {"metric":{...},"value":[t,"v"]}}, matrices as {@code {"metric":{...},"values":[[t,"v"],...]}},
 * scalars and strings as {@code [t,"v"]}; times as raw JSON numbers of seconds and values as strings,
 * both in {@link PromNumbers}' Go-identical forms.
 */
final class ResultJson {
    private ResultJson() {
    }

    static void queryData(JsonWriter json, QueryValue value) throws IOException {
        json.beginObject();
        json.name("resultType").value(value.type().apiName());
        json.name("result");
        switch (value) {
            case QueryValue.Scalar s -> point(json, s.timestampMs(), PromNumbers.value(s.value()));
            case QueryValue.StringValue s -> point(json, s.timestampMs(), s.value());
            case QueryValue.Vector v -> vector(json, v.samples());
            case QueryValue.Matrix m -> matrix(json, m.series());
        }
        json.endObject();
    }

    private static void vector(JsonWriter json, List<QueryValue.VectorSample> samples) throws IOException {
        json.beginArray();
        for (QueryValue.VectorSample sample : samples) {
            json.beginObject();
            json.name("metric");
            labels(json, sample.labels());
            json.name("value");
            point(json, sample.timestampMs(), PromNumbers.value(sample.value()));
            json.endObject();
        }
        json.endArray();
    }

    private static void matrix(JsonWriter json, List<QueryValue.MatrixSeries> series) throws IOException {
        json.beginArray();
        for (QueryValue.MatrixSeries s : series) {
            json.beginObject();
            json.name("metric");
            labels(json, s.labels());
            json.name("values").beginArray();
            long[] times = s.timestampsMs();
            double[] values = s.values();
            for (int i = 0; i < times.length; i++) {
                point(json, times[i], PromNumbers.value(values[i]));
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }

    private static void point(JsonWriter json, long timestampMs, String value) throws IOException {
        json.beginArray();
        json.jsonValue(PromNumbers.timestamp(timestampMs));
        json.value(value);
        json.endArray();
    }

    /** A label set as a JSON object, in label-name order. */
    static void labels(JsonWriter json, Labels labels) throws IOException {
        json.beginObject();
        for (int i = 0; i < labels.size(); i++) {
            json.name(labels.name(i)).value(labels.value(i));
        }
        json.endObject();
    }

    /** {@code /query_exemplars}' data: {@code [{"seriesLabels":{...},"exemplars":[{"labels","value","timestamp"}]}]}. */
    static void exemplars(JsonWriter json, List<SeriesExemplars> groups) throws IOException {
        json.beginArray();
        for (SeriesExemplars group : groups) {
            json.beginObject();
            json.name("seriesLabels");
            labels(json, group.series());
            json.name("exemplars").beginArray();
            for (Exemplar e : group.exemplars()) {
                json.beginObject();
                json.name("labels");
                labels(json, e.labels());
                json.name("value").value(PromNumbers.value(e.value()));
                json.name("timestamp").jsonValue(PromNumbers.timestamp(e.timestampMs()));
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }

    static void strings(JsonWriter json, List<String> values) throws IOException {
        json.beginArray();
        for (String value : values) {
            json.value(value);
        }
        json.endArray();
    }
}
