package io.sightline.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sightline.query.promql.PromqlEngine;

class RedQueriesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "frontend|\"frontend\"",
            "a\"b|\"a\\\"b\"",
            "back\\slash|\"back\\\\slash\"",
            "<img src=x onerror=alert('service')>|\"<img src=x onerror=alert('service')>\""})
    void labelValuesAreStringLiterals(String value, String literal) {
        assertThat(RedQueries.literal(value)).isEqualTo(literal);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"frontend", "a\"} or vector(1) #", "back\\slash", "line\nbreak"})
    void everyServiceQueryParsesWhateverTheName(String service) {
        String selector = RedQueries.serverErrorsOf(service);
        for (String query : new String[] {
                RedQueries.increase(RedQueries.CALLS, selector, "service_name", 3600),
                RedQueries.rate(RedQueries.CALLS, selector, "service_name", 60),
                RedQueries.quantile(0.95, RedQueries.DURATION_BUCKET, selector, "service_name", 60)}) {
            assertThat(PromqlEngine.format(query)).as(query).contains(RedQueries.literal(service));
        }
    }

    @Test
    void aServiceCountsItsServerSpans() {
        assertThat(RedQueries.increase(RedQueries.CALLS, RedQueries.serverSpansOf("orders"), "service_name", 900))
                .isEqualTo("sum by (service_name) (increase(traces_span_metrics_calls_total{service_name=\"orders\", "
                        + "span_kind=\"SPAN_KIND_SERVER\"}[900s]))");
        assertThat(RedQueries.quantile(0.99, RedQueries.DURATION_BUCKET, "", "client, server", 60))
                .isEqualTo("histogram_quantile(0.99, sum by (client, server, le) (rate("
                        + "traces_span_metrics_duration_seconds_bucket{}[60s])))");
    }

    @ParameterizedTest
    @CsvSource({"1000,60", "30000,60", "60000,120", "120500,242"})
    void chartWindowsSpanTwoStepsAndAtLeastAMinute(long stepMs, long windowSeconds) {
        assertThat(RedQueries.chartWindowSeconds(stepMs)).isEqualTo(windowSeconds);
    }
}
