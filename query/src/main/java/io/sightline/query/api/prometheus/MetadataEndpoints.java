package io.sightline.query.api.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.sightline.query.promql.PromqlException;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetadataQueryable;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.Series;
import io.sightline.storage.tsdb.SeriesQuerier;

/**
 * {@code /series}, {@code /labels}, {@code /label/<name>/values} and {@code /metadata}. Times default
 * to Prometheus's minimum and maximum; answers are cut at the request's {@code limit} or the
 * configured maximum, whichever is smaller, with the warning "results truncated due to limit".
 * Thread-safe.
 */
final class MetadataEndpoints {
    private final Queryable queryable;
    private final MetadataQueryable metadata;
    private final PrometheusApiConfig config;

    MetadataEndpoints(Queryable queryable, MetadataQueryable metadata, PrometheusApiConfig config) {
        this.queryable = queryable;
        this.metadata = metadata;
        this.config = config;
    }

    Answer series(RequestParameters p) {
        List<String> match = p.all("match[]");
        if (match.isEmpty()) {
            throw ApiError.badData("no match[] parameter provided");
        }
        int limit = cap(PromParameters.limit(p.first("limit")), config.maxSeries());
        long start = PromParameters.timeMillis("start", p.first("start"), PromParameters.MIN_TIME_MS);
        long end = PromParameters.timeMillis("end", p.first("end"), PromParameters.MAX_TIME_MS);
        List<List<LabelMatcher>> sets;
        try {
            sets = matchers(match);
        } catch (ApiError e) {
            throw ApiError.invalidParameter("match[]", e.getMessage());
        }
        TreeSet<Labels> found = new TreeSet<>();
        try (SeriesQuerier querier = queryable.querier(start, end)) {
            for (List<LabelMatcher> set : sets) {
                for (Series series : querier.select(set)) {
                    found.add(series.labels());
                }
            }
        }
        List<Labels> answer = new ArrayList<>(found);
        List<String> warnings = new ArrayList<>();
        if (answer.size() > limit) {
            answer = answer.subList(0, limit);
            warnings.add(QueryEndpoints.TRUNCATED);
        }
        List<Labels> result = answer;
        return Answer.of(json -> {
            json.beginArray();
            for (Labels labels : result) {
                ResultJson.labels(json, labels);
            }
            json.endArray();
        }, warnings);
    }

    Answer labelNames(RequestParameters p) {
        int limit = cap(PromParameters.limit(p.first("limit")), config.maxLabelValues());
        long start = PromParameters.timeMillis("start", p.first("start"), PromParameters.MIN_TIME_MS);
        long end = PromParameters.timeMillis("end", p.first("end"), PromParameters.MAX_TIME_MS);
        List<List<LabelMatcher>> sets = matchers(p.all("match[]"));
        TreeSet<String> names = new TreeSet<>();
        try (SeriesQuerier querier = queryable.querier(start, end)) {
            if (sets.isEmpty()) {
                names.addAll(querier.labelNames(List.of()));
            }
            for (List<LabelMatcher> set : sets) {
                names.addAll(querier.labelNames(set));
            }
        }
        return strings(names, limit);
    }

    Answer labelValues(String rawName, RequestParameters p) {
        int limit = cap(PromParameters.limit(p.first("limit")), config.maxLabelValues());
        String name = LabelNameParameter.parse(rawName);
        long start = PromParameters.timeMillis("start", p.first("start"), PromParameters.MIN_TIME_MS);
        long end = PromParameters.timeMillis("end", p.first("end"), PromParameters.MAX_TIME_MS);
        List<List<LabelMatcher>> sets = matchers(p.all("match[]"));
        TreeSet<String> values = new TreeSet<>();
        try (SeriesQuerier querier = queryable.querier(start, end)) {
            if (sets.isEmpty()) {
                values.addAll(querier.labelValues(name, List.of()));
            }
            for (List<LabelMatcher> set : sets) {
                values.addAll(querier.labelValues(name, set));
            }
        }
        return strings(values, limit);
    }

    /**
     * Prometheus's {@code /metadata}: {@code limit} metrics (negative: all; 0: none) of
     * {@code limit_per_metric} entries each, optionally only {@code metric}.
     */
    Answer metadata(RequestParameters p) {
        int limit = number(p.first("limit"), "limit must be a number");
        int perMetric = number(p.first("limit_per_metric"), "limit_per_metric must be a number");
        Map<String, List<MetricMetadata>> found = limit == 0 ? Map.of()
                : metadata.metadata(p.first("metric"), Math.max(limit, 0));
        return Answer.of(json -> {
            json.beginObject();
            for (Map.Entry<String, List<MetricMetadata>> metric : found.entrySet()) {
                json.name(metric.getKey()).beginArray();
                List<MetricMetadata> entries = metric.getValue();
                int n = perMetric > 0 ? Math.min(perMetric, entries.size()) : entries.size();
                for (MetricMetadata m : entries.subList(0, n)) {
                    json.beginObject();
                    json.name("type").value(m.type());
                    json.name("help").value(m.help());
                    json.name("unit").value(m.unit());
                    json.endObject();
                }
                json.endArray();
            }
            json.endObject();
        });
    }

    private static List<List<LabelMatcher>> matchers(List<String> match) {
        try {
            return SeriesSelectors.parseMatchers(match);
        } catch (PromqlException e) {
            throw ApiError.badData(e.getMessage());
        }
    }

    private static Answer strings(TreeSet<String> all, int limit) {
        List<String> answer = new ArrayList<>(all);
        List<String> warnings = new ArrayList<>();
        if (answer.size() > limit) {
            answer = answer.subList(0, limit);
            warnings.add(QueryEndpoints.TRUNCATED);
        }
        List<String> result = answer;
        return Answer.of(json -> ResultJson.strings(json, result), warnings);
    }

    /** The smaller of a request's limit (0: none) and the configured maximum. */
    private static int cap(long requested, int max) {
        return requested > 0 ? (int) Math.min(requested, max) : max;
    }

    /** Go's {@code strconv.Atoi} of an optional parameter; -1 when absent. */
    private static int number(String value, String error) {
        if (value.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.badData(error);
        }
    }
}
