package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.LogqlStats;

class LogVolumeTest {
    private static final long S = 1_000_000_000L;

    @Test
    void stepIsTheSmallestGivingAtMostTheWantedBars() {
        assertThat(LogVolume.stepSeconds(0, 3_600_000, 60)).isEqualTo(60);
        assertThat(LogVolume.stepSeconds(0, 3_600_001, 60)).isEqualTo(120);
        assertThat(LogVolume.stepSeconds(0, 5 * 60_000, 60)).isEqualTo(5);
        assertThat(LogVolume.stepSeconds(0, 1, 60)).isEqualTo(1);
        assertThat(LogVolume.stepSeconds(0, 1000L * 86_400_000, 60)).isEqualTo(604_800);
    }

    @Test
    void windowsAreAlignedToTheStep() {
        assertThat(LogVolume.firstEndNanos(61_500, 60)).isEqualTo(120 * S);
        assertThat(LogVolume.lastEndNanos(179_999, 60)).isEqualTo(180 * S);
        assertThat(LogVolume.lastEndNanos(180_000, 60)).isEqualTo(240 * S);
    }

    @Test
    void countsGoIntoTheirWindowsByLevelInSeverityOrder() {
        LogqlResult.Matrix matrix = new LogqlResult.Matrix(List.of(
                new LogqlResult.SampleSeries(Map.of("level", "info"), new long[] {120 * S, 240 * S}, new double[] {3, 4}),
                new LogqlResult.SampleSeries(Map.of("level", "error"), new long[] {180 * S}, new double[] {2}),
                new LogqlResult.SampleSeries(Map.of(), new long[] {120 * S, 999 * S}, new double[] {1, 50})),
                LogqlStats.EMPTY);
        LogVolume volume = LogVolume.of(matrix, 120 * S, 240 * S, 60);
        assertThat(volume.starts()).containsExactly(60, 120, 180);
        assertThat(volume.counts().keySet()).containsExactly("error", "info", "unknown");
        assertThat(volume.counts().get("info")).containsExactly(3, 0, 4);
        assertThat(volume.counts().get("error")).containsExactly(0, 2, 0);
        assertThat(volume.counts().get("unknown")).containsExactly(1, 0, 0);
        assertThat(volume.total()).isEqualTo(10);
        assertThat(volume.rows()).extracting(LogVolume.Row::total).containsExactly(4L, 2L, 4L);
        assertThat(volume.rows().getFirst().start()).startsWith("1970-01-01T00:03:00");
        assertThat(volume.rows().getFirst().fromMs()).isEqualTo(180_000);
        assertThat(volume.rows().getFirst().toMs()).isEqualTo(240_000);

        JsonObject chart = JsonParser.parseString(volume.chartJson()).getAsJsonObject();
        assertThat(chart.get("stacked").getAsBoolean()).isTrue();
        assertThat(chart.get("bars").getAsBoolean()).isTrue();
        assertThat(chart.get("zoom").getAsBoolean()).isTrue();
        assertThat(chart.getAsJsonArray("x")).hasSize(3);
        assertThat(chart.getAsJsonArray("x").get(0).getAsDouble()).isEqualTo(90.0);
        assertThat(chart.getAsJsonArray("series").get(0).getAsJsonObject().getAsJsonArray("values").toString())
                .isEqualTo("[null,2,null]");
        assertThat(chart.getAsJsonArray("series").get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("error");
    }

    @Test
    void aHostileLevelStaysJsonText() {
        LogqlResult.Matrix matrix = new LogqlResult.Matrix(List.of(new LogqlResult.SampleSeries(
                Map.of("level", "\"<b>"), new long[] {60 * S}, new double[] {1})), LogqlStats.EMPTY);
        String json = LogVolume.of(matrix, 60 * S, 60 * S, 60).chartJson();
        assertThat(JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("series").get(0).getAsJsonObject()
                .get("name").getAsString()).isEqualTo("\"<b>");
    }
}
