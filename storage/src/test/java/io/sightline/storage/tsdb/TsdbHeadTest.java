package io.sightline.storage.tsdb;

import static io.sightline.storage.tsdb.LabelMatcher.Type.EQUAL;
import static io.sightline.storage.tsdb.LabelMatcher.Type.NOT_EQUAL;
import static io.sightline.storage.tsdb.LabelMatcher.Type.NOT_REGEX;
import static io.sightline.storage.tsdb.LabelMatcher.Type.REGEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.sightline.storage.ManualClock;
import io.sightline.storage.tsdb.SampleRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsdbHeadTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T12:00:00Z"));

    private Tsdb open(TsdbConfig config) {
        return Tsdb.open(config, clock);
    }

    @Test
    void selectsWithPrometheusMatcherSemantics() {
        try (Tsdb tsdb = open(TsdbConfig.defaults(dir))) {
            tsdb.append(Labels.of("__name__", "up", "job", "api", "instance", "a"), 1000, 1);
            tsdb.append(Labels.of("__name__", "up", "job", "api", "instance", "b"), 1000, 0);
            tsdb.append(Labels.of("__name__", "up", "job", "db"), 1000, 1);
            tsdb.append(Labels.of("__name__", "requests_total", "job", "api", "instance", "a"), 1000, 5);
            try (SeriesQuerier q = tsdb.querier(0, 2000)) {
                assertThat(names(q.select(List.of(m(EQUAL, "__name__", "up")))))
                        .containsExactly("up{instance=\"a\", job=\"api\"}", "up{instance=\"b\", job=\"api\"}", "up{job=\"db\"}");
                assertThat(names(q.select(List.of(m(EQUAL, "__name__", "up"), m(EQUAL, "instance", "")))))
                        .containsExactly("up{job=\"db\"}");
                assertThat(names(q.select(List.of(m(EQUAL, "__name__", "up"), m(NOT_EQUAL, "instance", "a")))))
                        .containsExactly("up{instance=\"b\", job=\"api\"}", "up{job=\"db\"}");
                assertThat(names(q.select(List.of(m(REGEX, "__name__", "up|req.*"), m(REGEX, "instance", "a|")))))
                        .containsExactly("requests_total{instance=\"a\", job=\"api\"}", "up{instance=\"a\", job=\"api\"}", "up{job=\"db\"}");
                assertThat(names(q.select(List.of(m(EQUAL, "__name__", "up"), m(NOT_REGEX, "instance", ".+")))))
                        .containsExactly("up{job=\"db\"}");
                assertThat(names(q.select(List.of(m(REGEX, "job", "a"))))).isEmpty();
                assertThat(q.labelNames(List.of())).containsExactly("__name__", "instance", "job");
                assertThat(q.labelNames(List.of(m(EQUAL, "job", "db")))).containsExactly("__name__", "job");
                assertThat(q.labelValues("instance", List.of())).containsExactly("a", "b");
                assertThat(q.labelValues("__name__", List.of(m(EQUAL, "instance", "a")))).containsExactly("requests_total", "up");
            }
            try (SeriesQuerier q = tsdb.querier(1001, 5000)) {
                assertThat(q.select(List.of(m(EQUAL, "__name__", "up")))).as("no samples in range").isEmpty();
            }
        }
    }

    @Test
    void selectAgreesWithBruteForceOnRandomSeriesAndMatchers() {
        SplittableRandom random = TestSeed.random("TsdbHeadTest.selectAgreesWithBruteForceOnRandomSeriesAndMatchers");
        String[] names = {"__name__", "job", "instance", "code", "path"};
        String[] values = {"a", "b", "c", "ab", "x1", "x2"};
        try (Tsdb tsdb = open(TsdbConfig.defaults(dir))) {
            List<Labels> all = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Labels.Builder b = Labels.builder().set("__name__", "m" + random.nextInt(3));
                for (int n = 1; n < names.length; n++) {
                    if (random.nextInt(3) > 0) {
                        b.set(names[n], values[random.nextInt(values.length)]);
                    }
                }
                Labels labels = b.build();
                if (!all.contains(labels)) {
                    all.add(labels);
                    tsdb.append(labels, 10, i);
                }
            }
            all.sort(null);
            LabelMatcher.Type[] types = LabelMatcher.Type.values();
            String[] patterns = {"a", "", "a|b", ".*", ".+", "x.", "ab?", "m1"};
            try (SeriesQuerier q = tsdb.querier(0, 100)) {
                for (int round = 0; round < 500; round++) {
                    List<LabelMatcher> matchers = new ArrayList<>();
                    for (int k = 0; k < 1 + random.nextInt(3); k++) {
                        matchers.add(m(types[random.nextInt(types.length)], names[random.nextInt(names.length)],
                                patterns[random.nextInt(patterns.length)]));
                    }
                    List<Labels> expected = all.stream().filter(l -> matchers.stream()
                            .allMatch(m -> m.matches(l.get(m.name())))).toList();
                    assertThat(q.select(matchers).stream().map(Series::labels).toList()).as("%s", matchers)
                            .containsExactlyElementsOf(expected);
                }
            }
        }
    }

    @Test
    void duplicatesAreIgnoredConflictsAndOutOfOrderRefused() {
        try (Tsdb tsdb = open(TsdbConfig.defaults(dir))) {
            Labels up = Labels.of("__name__", "up");
            tsdb.append(up, 1000, 1);
            tsdb.append(up, 1000, 1);
            tsdb.append(up, 2000, Double.NaN);
            tsdb.append(up, 2000, Double.NaN);
            assertThatThrownBy(() -> tsdb.append(up, 2000, Sample.STALE_NAN))
                    .isInstanceOfSatisfying(SampleRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_TIMESTAMP))
                    .hasMessageContaining("up{}").hasMessageContaining("2000");
            assertThatThrownBy(() -> tsdb.append(up, 1500, 3))
                    .isInstanceOfSatisfying(SampleRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUT_OF_ORDER))
                    .hasMessageContaining("up{}").hasMessageContaining("1500");
            assertThat(samples(tsdb, up, 0, 5000)).hasSize(2);
        }
    }

    @Test
    void limitsRefuseNamingSeriesAndLimit() {
        TsdbConfig config = TsdbConfig.defaults(dir).withSeriesLimits(3, 2).withLabelLimits(8, 5, 3);
        try (Tsdb tsdb = open(config)) {
            tsdb.append(Labels.of("__name__", "a", "i", "1"), 1, 1);
            tsdb.append(Labels.of("__name__", "a", "i", "2"), 1, 1);
            assertRejected(() -> tsdb.append(Labels.of("__name__", "a", "i", "3"), 1, 1), Reason.TOO_MANY_SERIES_PER_METRIC,
                    "maxSeriesPerMetric", "a{i=\"3\"}");
            assertRejected(() -> tsdb.seriesRef(Labels.of("__name__", "d", "x", "1", "y", "2", "z", "3")), Reason.LABEL_LIMIT,
                    "maxLabelCount", "d{x=\"1\", y=\"2\", z=\"3\"}");
            assertRejected(() -> tsdb.append(Labels.of("__name__", "d", "longlabelname", "1"), 1, 1), Reason.LABEL_LIMIT,
                    "maxLabelNameLength", "longlabelname");
            assertRejected(() -> tsdb.append(Labels.of("__name__", "d", "x", "toolong"), 1, 1), Reason.LABEL_LIMIT,
                    "maxLabelValueLength", "toolong");
            tsdb.append(Labels.of("__name__", "b"), 1, 1);
            assertRejected(() -> tsdb.append(Labels.of("__name__", "c"), 1, 1), Reason.TOO_MANY_SERIES, "maxSeries", "c{}");
            assertThat(tsdb.headSeries()).isEqualTo(3);
        }
    }

    @Test
    void chunksAreCutByCountAndWindowAndReadAcrossWithSeek() {
        try (Tsdb tsdb = open(TsdbConfig.defaults(dir))) {
            Labels series = Labels.of("__name__", "c");
            long ref = tsdb.seriesRef(series);
            // 1,000 samples 15 s apart cross block windows (2 h) and 120-sample chunks.
            for (int i = 0; i < 1000; i++) {
                assertThat(tsdb.append(ref, i * 15_000L, i)).isTrue();
            }
            assertThat(tsdb.append(ref + 1000, 0, 0)).as("unknown ref").isFalse();
            List<long[]> all = samples(tsdb, series, 0, Long.MAX_VALUE);
            assertThat(all).hasSize(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(all.get(i)).containsExactly(i * 15_000L, i);
            }
            try (SeriesQuerier q = tsdb.querier(100_000, 9_000_000)) {
                SampleIterator it = q.select(List.of(m(EQUAL, "__name__", "c"))).getFirst().iterator();
                assertThat(it.seek(7_200_000)).isTrue();
                assertThat(it.timestamp()).isEqualTo(7_200_000);
                assertThat(it.seek(50)).isTrue();
                assertThat(it.timestamp()).isEqualTo(7_200_000);
                assertThat(it.seek(8_999_999)).isTrue();
                assertThat(it.timestamp()).isEqualTo(9_000_000);
                assertThat(it.next()).isFalse();
            }
            assertThat(samples(tsdb, series, 100_000, 200_000)).extracting(s -> s[0])
                    .containsExactly(105_000L, 120_000L, 135_000L, 150_000L, 165_000L, 180_000L, 195_000L);
        }
    }

    @Test
    void selectFindsSamplesByChunkBoundsAndDecodesOnlyAChunkSpanningTheRange() {
        try (Tsdb tsdb = open(TsdbConfig.defaults(dir))) {
            Labels series = Labels.of("__name__", "g");
            // Sealed chunk 0..119 at 15 s, then the open chunk: 120 at 1,800 s, then 2,000 s and 3,000 s.
            for (int i = 0; i < 120; i++) {
                tsdb.append(series, i * 15_000L, i);
            }
            tsdb.append(series, 1_800_000, 120);
            tsdb.append(series, 2_000_000, 121);
            tsdb.append(series, 3_000_000, 122);
            List<LabelMatcher> g = List.of(m(EQUAL, "__name__", "g"));
            long[][] ranges = {
                {1_000, 14_999}, {1_000, 15_000}, {1_785_000, 1_785_000}, {1_785_001, 1_799_999},
                {1_800_000, 1_800_000}, {1_800_001, 1_999_999}, {1_800_001, 2_000_000}, {2_000_001, 2_999_999},
                {2_000_001, Long.MAX_VALUE}, {3_000_001, Long.MAX_VALUE}, {-5, -1},
            };
            boolean[] expected = {false, true, true, false, true, false, true, false, true, false, false};
            for (int r = 0; r < ranges.length; r++) {
                try (SeriesQuerier q = tsdb.querier(ranges[r][0], ranges[r][1])) {
                    assertThat(q.select(g)).as("range %s..%s", ranges[r][0], ranges[r][1]).hasSize(expected[r] ? 1 : 0);
                }
            }
        }
    }

    @Test
    void exemplarsAndMetadataAreQueryable() {
        TsdbConfig config = TsdbConfig.defaults(dir).withMaxExemplars(3);
        try (Tsdb tsdb = open(config)) {
            Labels a = Labels.of("__name__", "latency_bucket", "le", "0.5");
            Labels b = Labels.of("__name__", "other");
            tsdb.append(a, 1, 1);
            for (int i = 0; i < 4; i++) {
                tsdb.appendExemplar(i % 2 == 0 ? a : b, new Exemplar(Labels.of("trace_id", "t" + i), i, 100L * i));
            }
            List<SeriesExemplars> found = tsdb.exemplars(0, 1000, List.of(List.of(m(EQUAL, "__name__", "latency_bucket"))));
            assertThat(found).hasSize(1);
            assertThat(found.getFirst().series()).isEqualTo(a);
            assertThat(found.getFirst().exemplars()).extracting(Exemplar::timestampMs).containsExactly(200L);
            assertThat(tsdb.exemplars(100, 300, List.of(List.of(m(REGEX, "__name__", ".+"))))).hasSize(2);

            tsdb.updateMetadata(new MetricMetadata("b_total", "counter", "old", ""));
            tsdb.updateMetadata(new MetricMetadata("b_total", "counter", "Bees.", ""));
            tsdb.updateMetadata(new MetricMetadata("a", "gauge", "As.", "bytes"));
            Map<String, List<MetricMetadata>> metadata = tsdb.metadata("", 0);
            assertThat(metadata.keySet()).containsExactly("a", "b_total");
            assertThat(metadata.get("b_total").getFirst().help()).isEqualTo("Bees.");
            assertThat(tsdb.metadata("", 1).keySet()).containsExactly("a");
            assertThat(tsdb.metadata("b_total", 0).keySet()).containsExactly("b_total");
        }
    }

    @Test
    void queriesRunConcurrentlyWithAppends() throws InterruptedException {
        try (Tsdb tsdb = open(TsdbConfig.defaults(dir))) {
            int series = 50;
            int samples = 2000;
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (writing.get()) {
                            try (SeriesQuerier q = tsdb.querier(0, Long.MAX_VALUE)) {
                                for (Series s : q.select(List.of(m(REGEX, "__name__", "s.*")))) {
                                    SampleIterator it = s.iterator();
                                    long i = 0;
                                    while (it.next()) {
                                        if (it.timestamp() != i * 1000 || it.value() != i) {
                                            throw new AssertionError(s.labels() + " sample " + i + ": " + it.timestamp() + "=" + it.value());
                                        }
                                        i++;
                                    }
                                }
                            }
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            for (int i = 0; i < samples; i++) {
                for (int s = 0; s < series; s++) {
                    tsdb.append(Labels.of("__name__", "s" + s), i * 1000L, i);
                }
            }
            writing.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
            assertThat(failure.get()).isNull();
            assertThat(samples(tsdb, Labels.of("__name__", "s7"), 0, Long.MAX_VALUE)).hasSize(samples);
        }
    }

    static LabelMatcher m(LabelMatcher.Type type, String name, String value) {
        return LabelMatcher.of(type, name, value);
    }

    static List<String> names(List<Series> series) {
        return series.stream().map(s -> s.labels().toString()).toList();
    }

    static List<long[]> samples(Queryable tsdb, Labels labels, long mint, long maxt) {
        List<LabelMatcher> matchers = new ArrayList<>();
        labels.forEach((n, v) -> matchers.add(LabelMatcher.equal(n, v)));
        List<long[]> out = new ArrayList<>();
        try (SeriesQuerier q = tsdb.querier(mint, maxt)) {
            for (Series s : q.select(matchers)) {
                if (s.labels().equals(labels)) {
                    SampleIterator it = s.iterator();
                    while (it.next()) {
                        out.add(new long[]{it.timestamp(), (long) it.value()});
                    }
                }
            }
        }
        return out;
    }

    private static void assertRejected(Runnable action, Reason reason, String... inMessage) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(SampleRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .message().contains(inMessage);
    }
}
