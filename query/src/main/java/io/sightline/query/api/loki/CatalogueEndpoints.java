package io.sightline.query.api.loki;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.sightline.query.api.BadRequestException;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * {@code /labels}, {@code /label/<name>/values}, {@code /series} and {@code /index/stats} over the
 * {@link LogCatalogue}, with Loki's parameters: {@code start}, {@code end}, {@code since} as
 * {@code /query_range} reads them; a stream selector in {@code query} or, for series, in every
 * {@code match[]} (and {@code match}, which Loki also reads). Thread-safe.
 */
final class CatalogueEndpoints {
    private final LogCatalogue catalogue;
    private final InstantSource clock;
    private final QueryEndpoints queries;

    CatalogueEndpoints(LogCatalogue catalogue, InstantSource clock, QueryEndpoints queries) {
        this.catalogue = catalogue;
        this.clock = clock;
        this.queries = queries;
    }

    /** Label names, sorted; Loki omits {@code data} when there are none. */
    List<String> labelNames(LokiForm form) {
        long[] range = LokiParameters.bounds(form, LokiTimes.nanos(clock));
        return sorted(catalogue.labelNames(range[0], range[1], optionalSelector(form.first("query"))));
    }

    List<String> labelValues(String name, LokiForm form) {
        long[] range = LokiParameters.bounds(form, LokiTimes.nanos(clock));
        return sorted(catalogue.labelValues(name, range[0], range[1], optionalSelector(form.first("query"))));
    }

    List<Map<String, String>> series(LokiForm form) {
        long[] range = LokiParameters.bounds(form, LokiTimes.nanos(clock));
        TreeSet<String> distinct = new TreeSet<>(form.all("match"));
        distinct.addAll(form.all("match[]"));
        // Loki's special case: a single "{}" (spaces ignored) means every stream, as no match[] does.
        if (distinct.size() == 1 && distinct.first().replace(" ", "").equals("{}")) {
            distinct.clear();
        }
        List<List<LabelMatcher>> selectors = new ArrayList<>(distinct.size());
        for (String selector : distinct) {
            selectors.add(StreamSelectorParser.parse(selector));
        }
        return catalogue.series(range[0], range[1], selectors);
    }

    /** Checked as a range query (Loki reads it with the same parser), then the catalogue's figures. */
    LogCatalogue.IndexStats indexStats(LokiForm form) {
        long[] range = queries.checkRange(form);
        String query = form.first("query");
        if (query.isEmpty()) {
            throw new BadRequestException("parse error : syntax error: unexpected end of input, expecting {");
        }
        return catalogue.indexStats(range[0], range[1], StreamSelectorParser.parse(query));
    }

    private static List<LabelMatcher> optionalSelector(String query) {
        return query.isEmpty() ? List.of() : StreamSelectorParser.parse(query);
    }

    private static List<String> sorted(List<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }
}
