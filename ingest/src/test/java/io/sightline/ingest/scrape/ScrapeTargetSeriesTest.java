package io.sightline.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Sample;

/** {@link TargetSeries}: target labels, relabelling, limits, stale markers and the report series. */
class ScrapeTargetSeriesTest {
    private static final Labels TARGET = Labels.of("job", "app", "instance", "h:1", "env", "prod");

    private static ScrapeJob job(boolean honorLabels, boolean honorTimestamps, int sampleLimit, List<RelabelRule> relabel) {
        return new ScrapeJob("app", "http", "/metrics", Map.of(), Duration.ofSeconds(15), Duration.ofSeconds(10),
                honorLabels, honorTimestamps, sampleLimit, 0, null, List.of(), List.of(), relabel);
    }

    private static ScrapedPage page(String text) throws ExpositionException {
        return ExpositionParser.parse(text, ExpositionFormat.PROMETHEUS_TEXT, 0);
    }

    /** The batch as "series value@time" lines; stale markers as "STALE". */
    private static List<String> lines(SampleBatch batch) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < batch.seriesCount(); s++) {
            Labels.Builder labels = Labels.builder();
            byte[] bytes = batch.labelArray();
            int[] pos = {batch.labelStart(s)};
            while (pos[0] < batch.labelEnd(s)) {
                labels.set(string(bytes, pos), string(bytes, pos));
            }
            for (int i = batch.sampleStart(s); i < batch.sampleEnd(s); i++) {
                double v = batch.value(i);
                out.add(labels.build() + " " + (Sample.isStaleMarker(v) ? "STALE" : Double.toString(v)) + "@" + batch.timestamp(i));
            }
        }
        return out;
    }

    private static String string(byte[] bytes, int[] pos) {
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = bytes[pos[0]++] & 0xff;
            length |= (b & 0x7f) << shift;
            shift += 7;
        } while (b >= 0x80);
        String s = new String(bytes, pos[0], length, StandardCharsets.UTF_8);
        pos[0] += length;
        return s;
    }

    @Test
    void addsTargetLabelsAndReportSeries() throws Exception {
        TargetSeries series = new TargetSeries(job(false, true, 0, List.of()), TARGET);
        SampleBatch batch = new SampleBatch();
        int written = series.scraped(page("a{job=\"other\"} 1\nb 2 500\n"), 1000, 0.25, batch);
        assertThat(written).isEqualTo(2);
        assertThat(lines(batch)).containsExactly(
                "a{env=\"prod\", exported_job=\"other\", instance=\"h:1\", job=\"app\"} 1.0@1000",
                "b{env=\"prod\", instance=\"h:1\", job=\"app\"} 2.0@500",
                "up{env=\"prod\", instance=\"h:1\", job=\"app\"} 1.0@1000",
                "scrape_duration_seconds{env=\"prod\", instance=\"h:1\", job=\"app\"} 0.25@1000",
                "scrape_samples_scraped{env=\"prod\", instance=\"h:1\", job=\"app\"} 2.0@1000",
                "scrape_samples_post_metric_relabeling{env=\"prod\", instance=\"h:1\", job=\"app\"} 2.0@1000",
                "scrape_series_added{env=\"prod\", instance=\"h:1\", job=\"app\"} 2.0@1000");
        series.scraped(page("a{job=\"other\"} 1\nb 2 600\nc 3\n"), 2000, 0.25, batch);
        assertThat(lines(batch)).as("only c is new").contains("scrape_series_added{env=\"prod\", instance=\"h:1\", job=\"app\"} 1.0@2000");
    }

    @Test
    void honorsPageLabelsAndIgnoresPageTimestampsWhenTold() throws Exception {
        TargetSeries series = new TargetSeries(job(true, false, 0, List.of()), TARGET);
        SampleBatch batch = new SampleBatch();
        series.scraped(page("a{job=\"other\"} 1 500\n"), 1000, 0.1, batch);
        assertThat(lines(batch).get(0)).isEqualTo("a{env=\"prod\", instance=\"h:1\", job=\"other\"} 1.0@1000");
    }

    @Test
    void marksVanishedSeriesAndADownTargetStale() throws Exception {
        TargetSeries series = new TargetSeries(job(false, true, 0, List.of()), Labels.of("job", "j", "instance", "i"));
        SampleBatch batch = new SampleBatch();
        series.scraped(page("a 1\nb 2\nc 3 10\n"), 1000, 0.1, batch);
        series.scraped(page("a 1\n"), 2000, 0.1, batch);
        assertThat(lines(batch)).contains("b{instance=\"i\", job=\"j\"} STALE@2000")
                .noneMatch(l -> l.startsWith("c{")).noneMatch(l -> l.startsWith("a{") && l.contains("STALE"));
        series.failed(3000, 0.5, batch);
        assertThat(lines(batch)).containsExactly(
                "a{instance=\"i\", job=\"j\"} STALE@3000",
                "up{instance=\"i\", job=\"j\"} 0.0@3000",
                "scrape_duration_seconds{instance=\"i\", job=\"j\"} 0.5@3000",
                "scrape_samples_scraped{instance=\"i\", job=\"j\"} 0.0@3000",
                "scrape_samples_post_metric_relabeling{instance=\"i\", job=\"j\"} 0.0@3000",
                "scrape_series_added{instance=\"i\", job=\"j\"} 0.0@3000");
        series.failed(4000, 0.5, batch);
        assertThat(lines(batch)).as("no second stale marker").noneMatch(l -> l.contains("STALE"));
    }

    @Test
    void relabelsBeforeTheSampleLimit() throws Exception {
        RelabelRule dropGo = new RelabelRule(List.of("__name__"), ";", "go_.*", null, "$1", RelabelRule.Action.DROP);
        TargetSeries series = new TargetSeries(job(false, true, 1, List.of(dropGo)), TARGET);
        SampleBatch batch = new SampleBatch();
        assertThat(series.scraped(page("go_a 1\ngo_b 1\nkept 1\n"), 1000, 0.1, batch)).isEqualTo(1);
        assertThat(lines(batch)).anyMatch(l -> l.startsWith("scrape_samples_post_metric_relabeling") && l.contains(" 1.0@"))
                .anyMatch(l -> l.startsWith("scrape_samples_scraped") && l.contains(" 3.0@"));
        assertThatThrownBy(() -> series.scraped(page("a 1\nb 1\n"), 2000, 0.1, batch))
                .isInstanceOf(ScrapeFailure.class).hasMessage("sample_limit exceeded: 2 samples after relabelling, limit 1");
    }

    @Test
    void keepsTheFirstOfASeriesTwiceOnThePageAndNamesIt() throws Exception {
        TargetSeries series = new TargetSeries(job(false, true, 0, List.of()), Labels.of("job", "j", "instance", "i"));
        SampleBatch batch = new SampleBatch();
        int written = series.scraped(page("d{a=\"1\"} 1\nother 3\nd{a=\"1\"} 2\nd{a=\"1\"} 5\nown 1 100\nown 2 200\n"),
                1000, 0.1, batch);
        assertThat(written).as("after relabelling, duplicates included (Prometheus's count)").isEqualTo(6);
        assertThat(lines(batch)).filteredOn(l -> l.startsWith("d{")).containsExactly("d{a=\"1\", instance=\"i\", job=\"j\"} 1.0@1000");
        assertThat(lines(batch)).as("own timestamps differ: no duplicate").filteredOn(l -> l.startsWith("own{")).hasSize(2);
        assertThat(lines(batch)).contains("other{instance=\"i\", job=\"j\"} 3.0@1000",
                "scrape_samples_post_metric_relabeling{instance=\"i\", job=\"j\"} 6.0@1000");
        assertThat(series.pageProblem()).isEqualTo("duplicate sample for timestamp: d{a=\"1\", instance=\"i\", job=\"j\"} is on the"
                + " page more than once; 2 later samples dropped, the first kept");
        series.scraped(page("d{a=\"1\"} 1\n"), 2000, 0.1, batch);
        assertThat(series.pageProblem()).as("a clean page clears it").isEmpty();
    }

    @Test
    void aSteadyPageThroughTheScrapeCacheWritesWhatTheFirstReadingWrote() throws Exception {
        RelabelRule dropGo = new RelabelRule(List.of("__name__"), ";", "go_.*", null, "$1", RelabelRule.Action.DROP);
        TargetSeries series = new TargetSeries(job(false, true, 0, List.of(dropGo)), Labels.of("job", "j", "instance", "i"));
        SampleBatch batch = new SampleBatch();
        String text = "a{x=\"1\",y=\"q\\\"}\"} 1\ngo_x 2\nb 3\n";
        series.scraped(ExpositionParser.parse(text, ExpositionFormat.PROMETHEUS_TEXT, 0, series.knownSeries()), 1000, 0.1, batch);
        List<String> first = lines(batch).stream().map(l -> l.replace("@1000", "@T")).toList();
        assertThat(series.knownSeries()).containsExactlyInAnyOrder("a{x=\"1\",y=\"q\\\"}\"}", "go_x", "b");
        ScrapedPage cached = ExpositionParser.parse(text, ExpositionFormat.PROMETHEUS_TEXT, 0, series.knownSeries());
        assertThat(cached.samples()).as("known texts are not read again").allMatch(s -> s.labels() == null);
        series.scraped(cached, 2000, 0.1, batch);
        assertThat(lines(batch).stream().map(l -> l.replace("@2000", "@T")).toList())
                .as("but scrape_series_added").containsExactlyElementsOf(first.stream()
                        .map(l -> l.startsWith("scrape_series_added") ? l.replace(" 2.0@", " 0.0@") : l).toList());
    }

    @Test
    void followsChurnAndTwoTextsOfOneSeries() throws Exception {
        TargetSeries series = new TargetSeries(job(false, true, 0, List.of()), Labels.of("job", "j", "instance", "i"));
        SampleBatch batch = new SampleBatch();
        series.scraped(page("a 1\nb 1\n"), 1000, 0.1, batch);
        series.scraped(page("a 1\nc 1\n"), 2000, 0.1, batch);
        assertThat(lines(batch)).contains("b{instance=\"i\", job=\"j\"} STALE@2000",
                "scrape_series_added{instance=\"i\", job=\"j\"} 1.0@2000");
        assertThat(series.knownSeries()).as("b forgotten").containsExactlyInAnyOrder("a", "c");
        series.scraped(page("a 1\nb 1\n"), 3000, 0.1, batch);
        assertThat(lines(batch)).contains("c{instance=\"i\", job=\"j\"} STALE@3000",
                "b{instance=\"i\", job=\"j\"} 1.0@3000", "scrape_series_added{instance=\"i\", job=\"j\"} 1.0@3000");
        series.scraped(page("x{p=\"1\",q=\"2\"} 1\nx{q=\"2\",p=\"1\"} 2\n"), 4000, 0.1, batch);
        assertThat(lines(batch)).filteredOn(l -> l.startsWith("x{")).containsExactly("x{instance=\"i\", job=\"j\", p=\"1\", q=\"2\"} 1.0@4000");
        assertThat(series.pageProblem()).startsWith("duplicate sample for timestamp: x{");
    }

    @Test
    void spreadsOffsetsOverTheInterval() {
        long offset = Scraper.offsetMillis(TARGET, 15_000, 1_000_000);
        assertThat(offset).isBetween(0L, 14_999L);
        assertThat((1_000_000 + offset) % 15_000).as("the same slot whenever computed")
                .isEqualTo((1_003_000 + Scraper.offsetMillis(TARGET, 15_000, 1_003_000)) % 15_000);
    }
}
