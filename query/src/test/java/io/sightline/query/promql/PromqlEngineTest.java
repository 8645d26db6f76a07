package io.sightline.query.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.sightline.query.promql.PromqlException.ErrorType;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.SeriesQuerier;

/** The public entry points: result shapes, validation, limits, timeout and cancellation. */
class PromqlEngineTest {
    private final InMemoryQueryable store = new InMemoryQueryable();

    PromqlEngineTest() {
        for (int s = 0; s < 10; s++) {
            for (int i = 0; i <= 60; i++) {
                store.append(Labels.of("__name__", "x_total", "i", String.valueOf(s)), i * 15_000L, i * 10.0);
            }
        }
    }

    @Test
    void instantQueryOfARangeSelectorIsAMatrixOfRawSamples() {
        QueryResult r = new PromqlEngine(EngineConfig.defaults()).instantQuery(store, "x_total{i=\"1\"}[1m]", 600_000);
        QueryValue.Matrix m = (QueryValue.Matrix) r.value();
        assertThat(m.series()).hasSize(1);
        assertThat(m.series().getFirst().timestampsMs()).containsExactly(555_000, 570_000, 585_000, 600_000);
    }

    @Test
    void rangeQueryOfAScalarIsOneSeriesWithoutLabels() {
        QueryResult r = new PromqlEngine(EngineConfig.defaults()).rangeQuery(store, "time()", 0, 120_000, 60_000);
        QueryValue.Matrix m = (QueryValue.Matrix) r.value();
        assertThat(m.series()).hasSize(1);
        assertThat(m.series().getFirst().labels()).isEqualTo(Labels.EMPTY);
        assertThat(m.series().getFirst().values()).containsExactly(0, 60, 120);
    }

    @Test
    void rangeQueryResultsAreSortedByLabels() {
        QueryResult r = new PromqlEngine(EngineConfig.defaults())
                .rangeQuery(store, "sort_desc(x_total)", 0, 60_000, 15_000);
        QueryValue.Matrix m = (QueryValue.Matrix) r.value();
        assertThat(m.series()).extracting(s -> s.labels().get("i"))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void rangeQueryValidatesStepAndResolution() {
        PromqlEngine engine = new PromqlEngine(EngineConfig.defaults());
        assertThatThrownBy(() -> engine.rangeQuery(store, "x_total", 0, 10, 0))
                .isInstanceOf(PromqlException.class)
                .hasMessage("zero or negative query resolution step widths are not accepted. Try a positive integer")
                .extracting(e -> ((PromqlException) e).errorType()).isEqualTo(ErrorType.BAD_DATA);
        assertThatThrownBy(() -> engine.rangeQuery(store, "x_total", 10, 0, 1))
                .hasMessage("end timestamp must not be before start time");
        assertThatThrownBy(() -> engine.rangeQuery(store, "x_total", 0, 11_001_000, 1000))
                .hasMessage("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query "
                        + "resolution (?step=XX)")
                .extracting(e -> ((PromqlException) e).errorType()).isEqualTo(ErrorType.BAD_DATA);
        assertThat(engine.rangeQuery(store, "x_total", 0, 11_000_000, 1000).value()).isNotNull();
    }

    @Test
    void tooManySamplesIsAnExecutionError() {
        PromqlEngine engine = new PromqlEngine(EngineConfig.defaults().withMaxSamples(100));
        assertThatThrownBy(() -> engine.instantQuery(store, "sum(rate(x_total[15m]))", 900_000))
                .isInstanceOf(PromqlException.class)
                .hasMessage("query processing would load too many samples into memory in query execution")
                .extracting(e -> ((PromqlException) e).errorType()).isEqualTo(ErrorType.EXECUTION);
        assertThat(engine.instantQuery(store, "sum(rate(x_total{i=\"1\"}[15m]))", 900_000).value()).isNotNull();
    }

    @Test
    void tooManySeriesIsAnExecutionError() {
        PromqlEngine engine = new PromqlEngine(EngineConfig.defaults().withMaxSeries(5));
        assertThatThrownBy(() -> engine.instantQuery(store, "x_total", 0))
                .isInstanceOf(PromqlException.class).hasMessageContaining("more than 5 series");
    }

    @Test
    void deadlineIsMeasuredOnTheInjectedClock() {
        AtomicLong nanos = new AtomicLong();
        Queryable slow = (mint, maxt) -> {
            nanos.addAndGet(Duration.ofSeconds(3).toNanos()); // every storage read "takes" 3 s
            return store.querier(mint, maxt);
        };
        PromqlEngine engine = new PromqlEngine(EngineConfig.defaults().withTimeout(Duration.ofSeconds(5)), nanos::get);
        assertThat(engine.instantQuery(slow, "x_total", 0).value()).isNotNull();
        assertThatThrownBy(() -> engine.instantQuery(slow, "x_total + x_total + x_total", 0))
                .isInstanceOf(PromqlException.class).hasMessage("query timed out in expression evaluation")
                .extracting(e -> ((PromqlException) e).errorType()).isEqualTo(ErrorType.TIMEOUT);
    }

    @Test
    void interruptCancelsTheQuery() {
        Queryable interrupting = (mint, maxt) -> {
            Thread.currentThread().interrupt();
            return store.querier(mint, maxt);
        };
        try {
            assertThatThrownBy(() -> new PromqlEngine(EngineConfig.defaults())
                    .instantQuery(interrupting, "x_total + x_total", 0))
                    .isInstanceOf(PromqlException.class).hasMessage("query was canceled in expression evaluation")
                    .extracting(e -> ((PromqlException) e).errorType()).isEqualTo(ErrorType.CANCELED);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void selectorsQueryStorageOnlyForTheirWindows() {
        long[] asked = new long[2];
        Queryable recording = (mint, maxt) -> {
            asked[0] = mint;
            asked[1] = maxt;
            return store.querier(mint, maxt);
        };
        new PromqlEngine(EngineConfig.defaults()).rangeQuery(recording, "rate(x_total[5m] offset 1m)", 600_000,
                900_000, 60_000);
        assertThat(asked).containsExactly(600_000 - 60_000 - 300_000 + 1, 900_000 - 60_000);
    }

    @Test
    void formatQueryGivesTheCanonicalText() {
        assertThat(PromqlEngine.format("sum(rate(x[5m])) by (job)")).isEqualTo("sum by (job) (rate(x[5m]))");
        assertThat(PromqlEngine.format("sum(rate(x[5m])) by (job)".replace("x", "x".repeat(80))))
                .isEqualTo("sum by (job) (\n  rate(" + "x".repeat(80) + "[5m])\n)");
        assertThatThrownBy(() -> PromqlEngine.format("sum(")).isInstanceOf(PromqlParseException.class)
                .extracting(e -> ((PromqlException) e).errorType()).isEqualTo(ErrorType.BAD_DATA);
    }

    @Test
    void matchersReachStorageUnchanged() {
        LabelMatcher[] seen = new LabelMatcher[1];
        Queryable spying = (mint, maxt) -> new SeriesQuerier() {
            private final SeriesQuerier inner = store.querier(mint, maxt);

            @Override
            public java.util.List<io.sightline.storage.tsdb.Series> select(java.util.List<LabelMatcher> matchers) {
                seen[0] = matchers.getFirst();
                return inner.select(matchers);
            }

            @Override
            public java.util.List<String> labelNames(java.util.List<LabelMatcher> matchers) {
                return inner.labelNames(matchers);
            }

            @Override
            public java.util.List<String> labelValues(String name, java.util.List<LabelMatcher> matchers) {
                return inner.labelValues(name, matchers);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        QueryResult r = new PromqlEngine(EngineConfig.defaults()).instantQuery(spying, "x_total{i=~\"1|2\"}", 0);
        assertThat(seen[0]).isEqualTo(LabelMatcher.of(LabelMatcher.Type.REGEX, "i", "1|2"));
        assertThat(((QueryValue.Vector) r.value()).samples()).hasSize(2);
    }
}
