package io.sightline.query.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.template.TemplateLimits;
import io.sightline.storage.logs.LogRecord;
import org.junit.jupiter.api.Test;

/** Live-tail filtering: a log query applied to single records, line filters run locally. */
class LogqlLinePipelineTest {
    private static final LineTemplates TEMPLATES = new GoLineTemplates(InstantSource.fixed(Instant.EPOCH), TemplateLimits.defaults());
    private static final Map<String, String> API = Map.of("service_name", "api", "level", "error");

    @Test
    void selectorLineFiltersParsersAndFormatsApplyToOneRecord() {
        LogqlLinePipeline pipeline = LogqlLinePipeline.compile(
                "{service_name=\"api\"} |= \"took\" | logfmt | ms > 100 | line_format \"{{.path}} {{.ms}}\"", TEMPLATES);

        assertThat(pipeline.selects(API)).isTrue();
        assertThat(pipeline.selects(Map.of("service_name", "web"))).isFalse();
        assertThat(pipeline.apply(API, Map.of(), "path=/a ms=50 took", 1)).isNull();
        assertThat(pipeline.apply(API, Map.of(), "path=/a ms=500", 1)).as("the line filter runs here").isNull();
        LogqlLinePipeline.Line line = pipeline.apply(API, Map.of("trace_id", "abc"), "path=/b ms=250 took", 1);
        assertThat(line.text()).isEqualTo("/b 250");
        assertThat(line.parsed()).containsEntry("path", "/b").containsEntry("ms", "250");
        assertThat(line.metadata()).containsExactly(Map.entry("trace_id", "abc"));
        assertThat(line.labels()).containsEntry("service_name", "api").containsEntry("trace_id", "abc").containsEntry("ms", "250");
    }

    @Test
    void structuredMetadataIsWhatQueriesSee() {
        LogRecord record = new LogRecord(5, 7, 17, "ERROR", "boom", "api", Map.of(), "scope", "", Map.of("http.route", "/x"),
                "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", 1);
        assertThat(LogqlLinePipeline.structuredMetadata(record)).containsEntry("http_route", "/x")
                .containsEntry("trace_id", "0af7651916cd43dd8448eb211c80319c").containsEntry("span_id", "b7ad6b7169203331")
                .containsEntry("severity_number", "17");
    }

    @Test
    void refusesMetricQueriesAndBadQueries() {
        assertThatThrownBy(() -> LogqlLinePipeline.compile("count_over_time({a=\"b\"}[1m])", TEMPLATES))
                .isInstanceOf(LogqlQueryException.class).hasMessageContaining("metric query");
        assertThatThrownBy(() -> LogqlLinePipeline.compile("{a=\"b\"", TEMPLATES))
                .isInstanceOf(LogqlQueryException.class).hasMessageContaining("parse error");
    }
}
