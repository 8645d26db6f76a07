package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.QueryValue.MatrixSeries;
import io.sightline.query.promql.parser.Selectors;
import io.sightline.storage.tsdb.Exemplar;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.SeriesExemplars;
import org.junit.jupiter.api.Test;

class ExploreChartTest {
    private static final Labels A = Labels.of("__name__", "up", "job", "a");
    private static final Labels HOSTILE = Labels.of("__name__", "up", "job", "<script>\"x\"</script>");

    @Test
    void seriesAreAlignedToEveryStepWithGapsAsNull() {
        MatrixSeries a = new MatrixSeries(A, new long[] {0, 20_000}, new double[] {1, Double.NaN});
        MatrixSeries b = new MatrixSeries(HOSTILE, new long[] {10_000, 30_000}, new double[] {2.5, 4});
        JsonObject chart = JsonParser.parseString(ExploreChart.json(List.of(a, b), List.of(), 0, 30_000, 10_000, true))
                .getAsJsonObject();
        assertThat(chart.get("x").toString()).isEqualTo("[0.0,10.0,20.0,30.0]");
        JsonArray series = chart.getAsJsonArray("series");
        assertThat(series).hasSize(2);
        assertThat(series.get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("up{job=\"a\"}");
        assertThat(series.get(0).getAsJsonObject().get("values").toString()).isEqualTo("[1.0,null,null,null]");
        assertThat(series.get(1).getAsJsonObject().get("values").toString()).isEqualTo("[null,2.5,null,4.0]");
        assertThat(chart.get("stacked").getAsBoolean()).isTrue();
        assertThat(ExploreChart.json(List.of(b), List.of(), 0, 30_000, 10_000, false)).doesNotContain("<script>");
    }

    @Test
    void exemplarsBecomeAPointsOnlySeriesLinkingToTheirTraces() {
        MatrixSeries a = new MatrixSeries(A, new long[] {0}, new double[] {1});
        SeriesExemplars group = new SeriesExemplars(A, List.of(
                new Exemplar(Labels.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"), 0.5, 11_000),
                new Exemplar(Labels.of("trace_id", "00000000000000000000000000000001"), 0.25, 12_000),
                new Exemplar(Labels.of("trace_id", "../../admin"), 3, 29_000)));
        JsonObject chart = JsonParser.parseString(ExploreChart.json(List.of(a), List.of(group), 0, 30_000, 10_000, false))
                .getAsJsonObject();
        JsonObject exemplars = chart.getAsJsonArray("series").get(1).getAsJsonObject();
        assertThat(exemplars.get("points").getAsBoolean()).isTrue();
        assertThat(exemplars.get("values").toString()).isEqualTo("[null,0.5,null,3.0]");
        assertThat(exemplars.get("links").toString())
                .isEqualTo("[null,\"/traces/4bf92f3577b34da6a3ce929d0e0e4736\",null,null]");

        List<ExploreChart.ExemplarRow> rows = ExploreChart.exemplarRows(List.of(group), 2);
        assertThat(rows).extracting(ExploreChart.ExemplarRow::value).containsExactly("3", "0.25");
        assertThat(rows.getFirst().traceLink()).isEmpty();
        assertThat(rows.get(1).traceLink()).isEqualTo("/traces/00000000000000000000000000000001");
    }

    @Test
    void tableRowsHoldTheLatestValueAndOptionallyAll() {
        MatrixSeries a = new MatrixSeries(A, new long[] {0, 15_000}, new double[] {1, 0.125});
        List<ExploreChart.Row> latest = ExploreChart.rows(List.of(a), 0);
        assertThat(latest).singleElement().satisfies(row -> {
            assertThat(row.series()).isEqualTo("up{job=\"a\"}");
            assertThat(row.latest()).isEqualTo("0.125");
            assertThat(row.latestTime()).isEqualTo("1970-01-01T00:00:15Z");
            assertThat(row.values()).isEmpty();
        });
        assertThat(ExploreChart.rows(List.of(a), 2).getFirst().values())
                .extracting(ExploreChart.Point::value).containsExactly("1", "0.125");
        List<ExploreChart.Row> budgeted = ExploreChart.rows(List.of(a, a, a), 5);
        assertThat(budgeted).extracting(row -> row.values().size()).containsExactly(2, 2, 0);
        assertThat(budgeted.get(2).latest()).isEqualTo("0.125");
    }

    @Test
    void chartValuesKeepSixSignificantDigits() {
        assertThat(ExploreChart.chartValue(0.838752075376985)).isEqualTo(0.838752);
        assertThat(ExploreChart.chartValue(123456789.0)).isEqualTo(123457000.0);
        assertThat(ExploreChart.chartValue(-1.0e-9 / 3)).isEqualTo(-3.33333e-10);
        assertThat(ExploreChart.chartValue(0)).isZero();
    }

    @Test
    void numbersAsPrometheusPrintsThem() {
        assertThat(ExploreChart.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(ExploreChart.number(Double.NaN)).isEqualTo("NaN");
        assertThat(ExploreChart.number(-3)).isEqualTo("-3");
        assertThat(ExploreChart.number(1e20)).isEqualTo("1.0E20");
    }

    @Test
    void selectorsOfAQueryAreEveryVectorSelectorInIt() {
        List<List<LabelMatcher>> selectors = Selectors.of(PromqlEngine.parse(
                "sum by (job) (rate(a_total{job=\"x\"}[1m])) / on() group_left max(b) + 1"));
        assertThat(selectors).hasSize(2);
        assertThat(selectors.getFirst()).contains(LabelMatcher.equal("job", "x"));
    }

    @Test
    void stepsAreReadAsTheRangeQueryApiReadsThem() {
        assertThat(ExplorePage.stepMillis("15")).isEqualTo(15_000);
        assertThat(ExplorePage.stepMillis("0.5")).isEqualTo(500);
        assertThat(ExplorePage.stepMillis("1m30s")).isEqualTo(90_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExplorePage.stepMillis("1x"))
                .hasMessage("invalid parameter \"step\": cannot parse \"1x\" to a valid duration");
    }
}
