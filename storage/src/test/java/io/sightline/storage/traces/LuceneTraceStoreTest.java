package io.sightline.storage.traces;

import static io.sightline.storage.traces.Spans.nanos;
import static io.sightline.storage.traces.Spans.span;
import static io.sightline.storage.traces.Spans.spanId;
import static io.sightline.storage.traces.Spans.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.storage.ManualClock;
import io.sightline.storage.lucene.CommittedSegments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneTraceStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant HOUR_AGO = NOW.minusSeconds(3600);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(NOW);

    private TraceStoreConfig config() {
        // refreshes and commits only when a test asks for them
        TraceStoreConfig defaults = TraceStoreConfig.defaults(dir);
        return new TraceStoreConfig(dir, Duration.ofHours(1), Duration.ofHours(1), 16, defaults.maxBufferedSpans(),
                defaults.retentionAge(), 0, java.util.Set.of("http.route", "http.response.status_code"),
                java.util.Set.of("deployment.environment"), defaults.catalogue(), defaults.searchMaxPartsRead(),
                defaults.searchMaxDuration(), true);
    }

    @Test
    void aTraceComesBackWholeAndOrderedWithEveryField() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("s", "text");
        attributes.put("l", 42L);
        attributes.put("d", 1.5);
        attributes.put("b", true);
        attributes.put("bytes", new byte[] {1, 2, 3});
        attributes.put("list", List.of("a", 1L));
        attributes.put("map", Map.of("nested", false));
        SpanRecord full = new SpanRecord(traceId(1), spanId(2), spanId(1), "vendor=x", 257, "SELECT orders",
                SpanRecord.KIND_CLIENT, nanos(HOUR_AGO) + 5_000, nanos(HOUR_AGO) + 9_000, SpanRecord.STATUS_ERROR,
                "deadlock", "db-api", Map.of("host.name", "db-1", "deployment.environment", "prod"), "jdbc", "4.2",
                attributes, List.of(new SpanRecord.SpanEvent(nanos(HOUR_AGO) + 6_000, "exception",
                        Map.of("exception.type", "SQLException"), 1)),
                List.of(new SpanRecord.SpanLink(traceId(9), spanId(9), "k=v", Map.of("link", 1L), 1),
                        new SpanRecord.SpanLink("not-hex", "x", "", Map.of(), 0)), 3, 4, 5);
        SpanRecord root = span(traceId(1), spanId(1)).start(HOUR_AGO).duration(Duration.ofMillis(20)).build();
        SpanRecord oddIds = span("trace-id-from-a-broken-sender", "SPAN").start(HOUR_AGO).build();
        try (LuceneTraceStore store = LuceneTraceStore.open(config(), clock)) {
            store.append(1, List.of(full, root, oddIds));
            store.refresh();
            List<SpanRecord> trace = store.trace(traceId(1), 0, Long.MAX_VALUE);
            assertThat(trace).hasSize(2);
            assertThat(trace.get(0)).usingRecursiveComparison().isEqualTo(root);
            assertThat(trace.get(1)).usingRecursiveComparison().isEqualTo(full);
            assertThat(store.trace("trace-id-from-a-broken-sender", 0, Long.MAX_VALUE)).singleElement()
                    .usingRecursiveComparison().isEqualTo(oddIds);
            assertThat(store.trace(traceId(2), 0, Long.MAX_VALUE)).isEmpty();
            assertThat(store.trace(traceId(1), nanos(NOW.plusSeconds(86_400 * 2)), Long.MAX_VALUE)).isEmpty();
        }
    }

    @Test
    void everyFilterAloneAndCombined() {
        Instant t = HOUR_AGO;
        List<SpanRecord> spans = List.of(
                // trace 1: frontend -> checkout (error, slow)
                span(traceId(1), spanId(1)).service("frontend").name("GET /checkout").start(t)
                        .duration(Duration.ofMillis(900)).attributes(Map.of("http.route", "/checkout", "user.id", "u-1")).build(),
                span(traceId(1), spanId(2)).parent(spanId(1)).service("checkout").name("charge").kind(SpanRecord.KIND_CLIENT)
                        .status(SpanRecord.STATUS_ERROR).start(t.plusMillis(10)).duration(Duration.ofMillis(600))
                        .resource(Map.of("deployment.environment", "prod", "host.name", "c-1"))
                        .attributes(Map.of("http.response.status_code", 503L, "retry", true)).build(),
                // trace 2: frontend only, fast
                span(traceId(2), spanId(3)).service("frontend").name("GET /cart").start(t.plusSeconds(60))
                        .duration(Duration.ofMillis(5)).attributes(Map.of("http.route", "/cart", "user.id", "u-2")).build(),
                // trace 3: checkout ok, in staging
                span(traceId(3), spanId(4)).service("checkout").name("charge").kind(SpanRecord.KIND_CLIENT)
                        .status(SpanRecord.STATUS_OK).start(t.plusSeconds(120)).duration(Duration.ofMillis(50))
                        .resource(Map.of("deployment.environment", "staging"))
                        .attributes(Map.of("http.response.status_code", 200L, "ratio", 2.0)).build());
        try (LuceneTraceStore store = LuceneTraceStore.open(config(), clock)) {
            store.append(1, spans);
            store.refresh();
            Spans.SearchBuilder all = Spans.search(t.minusSeconds(1), NOW);
            assertThat(ids(store.search(all.build()))).containsExactly(traceId(3), traceId(2), traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW).service("checkout").build())))
                    .containsExactly(traceId(3), traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW).service("frontend").operation("GET /cart").build())))
                    .containsExactly(traceId(2));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW).operation("charge").build())))
                    .containsExactly(traceId(3), traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW).kind(SpanRecord.KIND_CLIENT).build())))
                    .containsExactly(traceId(3), traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW).status(SpanRecord.STATUS_ERROR).build())))
                    .containsExactly(traceId(1));
            // indexed span key, non-indexed span key, numeric and boolean and integral double values
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .attribute(TraceSearch.Scope.SPAN, "http.route", "/cart").build()))).containsExactly(traceId(2));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .attribute(TraceSearch.Scope.SPAN, "user.id", "u-1").build()))).containsExactly(traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .attribute(TraceSearch.Scope.SPAN, "http.response.status_code", "503").build()))).containsExactly(traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .attribute(TraceSearch.Scope.SPAN, "retry", "true").build()))).containsExactly(traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .attribute(TraceSearch.Scope.SPAN, "ratio", "2").build()))).containsExactly(traceId(3));
            // resource attributes: indexed, not indexed, service.name; ANY finds either
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .attribute(TraceSearch.Scope.RESOURCE, "deployment.environment", "prod").build()))).containsExactly(traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .attribute(TraceSearch.Scope.RESOURCE, "host.name", "c-1").build()))).containsExactly(traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .attribute(TraceSearch.Scope.RESOURCE, "service.name", "frontend").build()))).containsExactly(traceId(2), traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .attribute(TraceSearch.Scope.ANY, "deployment.environment", "staging").build()))).containsExactly(traceId(3));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .attribute(TraceSearch.Scope.SPAN, "deployment.environment", "staging").build()))).isEmpty();
            // span duration bounds
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .spanDuration(Duration.ofMillis(500), Duration.ZERO).build()))).containsExactly(traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW).service("checkout")
                    .spanDuration(Duration.ofMillis(40), Duration.ofMillis(100)).build()))).containsExactly(traceId(3));
            // trace duration: trace 1 lasts 900 ms (root), trace 3 50 ms
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW).service("checkout")
                    .traceDuration(Duration.ofMillis(800), Duration.ZERO).build()))).containsExactly(traceId(1));
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW)
                    .traceDuration(Duration.ZERO, Duration.ofMillis(60)).build()))).containsExactly(traceId(3), traceId(2));
            // one span must meet every condition: checkout's span is not "GET /checkout"
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW).service("checkout")
                    .attribute(TraceSearch.Scope.SPAN, "http.route", "/checkout").build()))).isEmpty();
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW).service("frontend")
                    .spanDuration(Duration.ofMillis(500), Duration.ZERO).build()))).containsExactly(traceId(1));
            // time range is on span starts
            assertThat(ids(store.search(Spans.search(t.plusSeconds(30), t.plusSeconds(90)).build()))).containsExactly(traceId(2));
            assertThat(ids(store.search(Spans.search(t.plusMillis(5), t.plusSeconds(30)).service("frontend").build()))).isEmpty();
            // limit keeps the newest
            assertThat(ids(store.search(Spans.search(t.minusSeconds(1), NOW).limit(2).build())))
                    .containsExactly(traceId(3), traceId(2));

            TraceSummary summary = store.search(Spans.search(t.minusSeconds(1), NOW).service("checkout")
                    .status(SpanRecord.STATUS_ERROR).build()).getFirst();
            assertThat(summary.traceId()).isEqualTo(traceId(1));
            assertThat(summary.startNanos()).isEqualTo(nanos(t));
            assertThat(summary.durationNanos()).isEqualTo(Duration.ofMillis(900).toNanos());
            assertThat(summary.rootServiceName()).isEqualTo("frontend");
            assertThat(summary.rootSpanName()).isEqualTo("GET /checkout");
            assertThat(summary.spanCount()).isEqualTo(2);
            assertThat(summary.errorCount()).isEqualTo(1);
            assertThat(summary.services()).containsExactly("checkout", "frontend");
            assertThat(summary.matchedSpanIds()).containsExactly(spanId(2));
        }
    }

    @Test
    void lateAndOutOfOrderSpansAssembleAcrossCommitsAndDays() {
        Instant midnight = Instant.parse("2026-11-29T00:00:00Z");
        try (LuceneTraceStore store = LuceneTraceStore.open(config(), clock)) {
            // the child arrives first, in the day after its root's day; the root arrives two commits later
            store.append(1, List.of(span(traceId(1), spanId(2)).parent(spanId(1)).service("backend")
                    .start(midnight.plusMillis(100)).duration(Duration.ofMillis(50)).build()));
            store.commit();
            store.append(2, List.of(span(traceId(1), spanId(3)).parent(spanId(2)).service("db")
                    .start(midnight.plusMillis(120)).duration(Duration.ofMillis(10)).build()));
            store.commit();
            store.refresh();
            TraceSummary partial = store.search(Spans.search(midnight, NOW).build()).getFirst();
            assertThat(partial.rootServiceName()).isEmpty();
            assertThat(partial.spanCount()).isEqualTo(2);

            store.append(3, List.of(span(traceId(1), spanId(1)).service("frontend")
                    .start(midnight.minusMillis(200)).duration(Duration.ofMillis(400)).build()));
            store.refresh();
            assertThat(store.partitionCount()).isEqualTo(2);
            assertThat(store.trace(traceId(1), 0, Long.MAX_VALUE)).extracting(SpanRecord::spanId)
                    .containsExactly(spanId(1), spanId(2), spanId(3));
            // a search over the second day alone still sees the whole trace
            TraceSummary whole = store.search(Spans.search(midnight, NOW).service("db").build()).getFirst();
            assertThat(whole.startNanos()).isEqualTo(nanos(midnight.minusMillis(200)));
            assertThat(whole.endNanos()).isEqualTo(nanos(midnight.plusMillis(200)));
            assertThat(whole.rootServiceName()).isEqualTo("frontend");
            assertThat(whole.spanCount()).isEqualTo(3);
            assertThat(whole.services()).containsExactly("backend", "db", "frontend");
            assertThat(store.search(Spans.search(midnight, NOW)
                    .traceDuration(Duration.ofMillis(400), Duration.ZERO).build())).hasSize(1);
            // the range of a by-id look-up narrows the partitions read
            assertThat(store.trace(traceId(1), nanos(midnight), Long.MAX_VALUE)).hasSize(2);
        }
    }

    @Test
    void aPartitionThatWentQuietHasItsFlushedSegmentsMergedAndKeepsEveryTrace() throws Exception {
        try (LuceneTraceStore store = LuceneTraceStore.open(config(), clock)) {
            for (int trace = 1; trace <= 3; trace++) {
                store.append(trace, List.of(span(traceId(trace), spanId(trace)).start(HOUR_AGO).build()));
                store.commit(); // a flushed segment per trace; spans arrived since the last commit: not quiet
            }
            store.awaitMerges();
            assertThat(segmentSources()).containsOnly("flush").hasSize(3);
            store.commit(); // a whole interval without a span: the flushed segments merge
            store.awaitMerges();
            store.commit();
            assertThat(segmentSources()).containsExactly("merge");
            store.refresh();
            for (int trace = 1; trace <= 3; trace++) {
                assertThat(store.trace(traceId(trace), 0, Long.MAX_VALUE)).extracting(SpanRecord::spanId)
                        .containsExactly(spanId(trace));
            }
        }
    }

    /** The committed segments' sources ("flush", "merge") of the one partition, today's. */
    private List<String> segmentSources() throws Exception {
        return CommittedSegments.sources(dir.resolve(HOUR_AGO.atZone(ZoneOffset.UTC).toLocalDate().toString()));
    }

    @Test
    void replayAfterReopenStoresNothingTwice() {
        List<SpanRecord> first = List.of(span(traceId(1), spanId(1)).start(HOUR_AGO).build());
        List<SpanRecord> second = List.of(span(traceId(1), spanId(2)).parent(spanId(1)).start(HOUR_AGO.plusMillis(1)).build(),
                span(traceId(2), spanId(3)).start(HOUR_AGO.minus(Duration.ofDays(1))).build());
        LuceneTraceStore store = LuceneTraceStore.open(config(), clock);
        store.append(10, first);
        store.append(11, second);
        store.commit();
        assertThat(store.durableWalIndex()).isEqualTo(11);
        store.append(12, List.of(span(traceId(3), spanId(4)).start(HOUR_AGO).build()));
        store.close(); // commits 12 too

        try (LuceneTraceStore reopened = LuceneTraceStore.open(config(), clock)) {
            assertThat(reopened.durableWalIndex()).isEqualTo(12);
            reopened.append(10, first);
            reopened.append(11, second);
            reopened.append(12, List.of(span(traceId(3), spanId(4)).start(HOUR_AGO).build()));
            reopened.append(13, List.of(span(traceId(3), spanId(5)).start(HOUR_AGO).build()));
            reopened.refresh();
            assertThat(reopened.trace(traceId(1), 0, Long.MAX_VALUE)).hasSize(2);
            assertThat(reopened.trace(traceId(2), 0, Long.MAX_VALUE)).hasSize(1);
            assertThat(reopened.trace(traceId(3), 0, Long.MAX_VALUE)).hasSize(2);
            assertThat(reopened.services(0, Long.MAX_VALUE)).containsExactly("frontend");
        }
    }

    @Test
    void aPartitionLeftAheadByACrashMidCommitIsNeverSetBackSoASecondCrashStoresNothingTwice() {
        Instant yesterday = HOUR_AGO.minus(Duration.ofDays(1));
        LocalDate yesterdayDay = yesterday.atZone(ZoneOffset.UTC).toLocalDate();
        LuceneTraceStore store = LuceneTraceStore.open(config(), clock);
        store.append(10, List.of(span(traceId(1), spanId(1)).start(HOUR_AGO).build(),
                span(traceId(2), spanId(2)).start(yesterday).build()));
        store.commit();
        store.append(11, List.of(span(traceId(1), spanId(3)).start(HOUR_AGO).build()));
        store.append(12, List.of(span(traceId(1), spanId(4)).start(HOUR_AGO).build()));
        store.commit();
        store.close();
        // As a kill -9 between the two partitions' commits of entry 12 leaves them: today's holds
        // 10-12, yesterday's (with nothing after 10) still says 10.
        try (TracePartition behind = TracePartition.open(config(), yesterdayDay)) {
            behind.commit(10);
        }

        LuceneTraceStore replaying = LuceneTraceStore.open(config(), clock);
        assertThat(replaying.durableWalIndex()).isEqualTo(10);
        replaying.append(11, List.of(span(traceId(1), spanId(3)).start(HOUR_AGO).build()));
        replaying.commit(); // a commit while the replay is still behind today's partition
        crash(replaying);

        try (LuceneTraceStore reopened = LuceneTraceStore.open(config(), clock)) {
            reopened.append(reopened.durableWalIndex() + 1, List.of(span(traceId(1), spanId(4)).start(HOUR_AGO).build()));
            reopened.refresh();
            assertThat(reopened.trace(traceId(1), 0, Long.MAX_VALUE)).extracting(SpanRecord::spanId)
                    .containsExactly(spanId(1), spanId(3), spanId(4));
            assertThat(reopened.trace(traceId(2), 0, Long.MAX_VALUE)).hasSize(1);
        }
    }

    @Test
    void aCrashLosesOnlyWhatTheWalReplays() {
        LuceneTraceStore store = LuceneTraceStore.open(config(), clock);
        store.append(1, List.of(span(traceId(1), spanId(1)).start(HOUR_AGO).build()));
        store.commit();
        store.append(2, List.of(span(traceId(1), spanId(2)).start(HOUR_AGO).build()));
        store.refresh(); // written and searchable, not committed
        assertThat(store.trace(traceId(1), 0, Long.MAX_VALUE)).hasSize(2);
        // a crash: nothing more is committed (the writer rolls back what the last commit lacks)
        crash(store);

        try (LuceneTraceStore reopened = LuceneTraceStore.open(config(), clock)) {
            assertThat(reopened.durableWalIndex()).isEqualTo(1);
            reopened.append(1, List.of(span(traceId(1), spanId(1)).start(HOUR_AGO).build()));
            reopened.append(2, List.of(span(traceId(1), spanId(2)).start(HOUR_AGO).build()));
            reopened.refresh();
            assertThat(reopened.trace(traceId(1), 0, Long.MAX_VALUE)).extracting(SpanRecord::spanId)
                    .containsExactly(spanId(1), spanId(2));
        }
    }

    @Test
    void retentionDeletesWholeDaysByAgeAndBySize() {
        TraceStoreConfig config = config().withRetention(Duration.ofDays(3), 0);
        Instant today = NOW;
        try (LuceneTraceStore store = LuceneTraceStore.open(config, clock)) {
            for (int day = 0; day < 3; day++) {
                store.append(day + 1, List.of(span(traceId(day), spanId(day)).start(today.minus(Duration.ofDays(day))).build()));
            }
            store.append(9, List.of(span(traceId(9), spanId(9)).start(today.minus(Duration.ofDays(10))).build()));
            assertThat(store.droppedTooOld()).isEqualTo(1);
            store.commit();
            assertThat(store.partitionCount()).isEqualTo(3);
            clock.advance(Duration.ofDays(2));
            store.applyRetention();
            assertThat(store.partitionCount()).isEqualTo(2);
            store.refresh();
            assertThat(store.trace(traceId(2), 0, Long.MAX_VALUE)).isEmpty();
            assertThat(store.trace(traceId(1), 0, Long.MAX_VALUE)).hasSize(1);
        }
        try (LuceneTraceStore store = LuceneTraceStore.open(config.withRetention(Duration.ofDays(30), 1), clock)) {
            store.applyRetention();
            assertThat(store.partitionCount()).isEqualTo(1);
            assertThat(store.trace(traceId(0), 0, Long.MAX_VALUE)).hasSize(1);
        }
    }

    @Test
    void cataloguesAreKeptPerPartitionBoundedAndReloaded() {
        TraceStoreConfig config = config().withCatalogue(new TraceStoreConfig.CatalogueLimits(10, 10, 10, 2, 8));
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        try (LuceneTraceStore store = LuceneTraceStore.open(config, clock)) {
            store.append(1, List.of(
                    span(traceId(1), spanId(1)).service("frontend").name("GET /").start(HOUR_AGO)
                            .attributes(Map.of("http.route", "/", "user.id", "u-1")).build(),
                    span(traceId(1), spanId(2)).service("frontend").name("GET /").kind(SpanRecord.KIND_CLIENT).start(HOUR_AGO)
                            .attributes(Map.of("user.id", "u-2")).build(),
                    span(traceId(1), spanId(3)).service("frontend").name("render").kind(SpanRecord.KIND_INTERNAL).start(HOUR_AGO)
                            .attributes(Map.of("user.id", "u-3", "long", "more than eight")).build(),
                    span(traceId(2), spanId(4)).service("batch").name("nightly").start(yesterday)
                            .resource(Map.of("k8s.namespace.name", "jobs")).build()));
            store.refresh();
            assertCatalogue(store, yesterday);
        }
        try (LuceneTraceStore reopened = LuceneTraceStore.open(config, clock)) {
            assertCatalogue(reopened, yesterday);
        }
    }

    private void assertCatalogue(LuceneTraceStore store, Instant yesterday) {
        assertThat(store.services(0, Long.MAX_VALUE)).containsExactly("batch", "frontend");
        assertThat(store.services(nanos(HOUR_AGO.minusSeconds(1)), nanos(NOW))).containsExactly("frontend");
        assertThat(store.services(nanos(NOW), nanos(NOW.plusSeconds(60)))).isEmpty();
        assertThat(store.operations("frontend", 0, Long.MAX_VALUE)).containsExactly(
                new TraceQuerier.Operation("GET /", SpanRecord.KIND_SERVER),
                new TraceQuerier.Operation("GET /", SpanRecord.KIND_CLIENT),
                new TraceQuerier.Operation("render", SpanRecord.KIND_INTERNAL));
        assertThat(store.operations("batch", nanos(yesterday), nanos(yesterday) + 1))
                .containsExactly(new TraceQuerier.Operation("nightly", SpanRecord.KIND_SERVER));
        assertThat(store.attributeKeys(TraceSearch.Scope.SPAN, 0, Long.MAX_VALUE)).containsExactly("http.route", "long", "user.id");
        assertThat(store.attributeKeys(TraceSearch.Scope.RESOURCE, 0, Long.MAX_VALUE))
                .containsExactly("host.name", "k8s.namespace.name", "service.name");
        assertThat(store.attributeKeys(TraceSearch.Scope.ANY, nanos(yesterday), nanos(yesterday) + 1))
                .containsExactly("k8s.namespace.name", "service.name");
        // two values per key kept, longer than eight chars not kept
        assertThat(store.attributeValues(TraceSearch.Scope.SPAN, "user.id", 0, Long.MAX_VALUE, 10)).hasSize(2);
        assertThat(store.attributeValues(TraceSearch.Scope.SPAN, "long", 0, Long.MAX_VALUE, 10)).isEmpty();
        assertThat(store.attributeValues(TraceSearch.Scope.ANY, "service.name", 0, Long.MAX_VALUE, 1)).containsExactly("batch");
        assertThat(store.attributeValues(TraceSearch.Scope.RESOURCE, "k8s.namespace.name", 0, Long.MAX_VALUE, 10))
                .containsExactly("jobs");
    }

    @Test
    void searchLimitsFailNamingTheLimit() {
        List<SpanRecord> spans = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            spans.add(span(traceId(i), spanId(i)).start(HOUR_AGO.plusSeconds(i)).attributes(Map.of("user.id", "u-" + i)).build());
        }
        try (LuceneTraceStore store = LuceneTraceStore.open(config().withSearchLimits(10, Duration.ofMinutes(1)), clock)) {
            store.append(1, spans);
            store.refresh();
            assertThat(store.search(Spans.search(HOUR_AGO, NOW).limit(3).build())).hasSize(3);
            assertThatThrownBy(() -> store.search(Spans.search(HOUR_AGO, NOW)
                    .attribute(TraceSearch.Scope.SPAN, "user.id", "u-0").build()))
                    .isInstanceOfSatisfying(TraceSearchException.class, e -> assertThat(e.limit()).isEqualTo("searchMaxPartsRead"))
                    .hasMessageContaining("searchMaxPartsRead");
            assertThatThrownBy(() -> store.search(Spans.search(HOUR_AGO, NOW).timeout(Duration.ofNanos(1)).build()))
                    .isInstanceOfSatisfying(TraceSearchException.class, e -> assertThat(e.limit()).isEqualTo("timeout"));
        }
        try (LuceneTraceStore store = LuceneTraceStore.open(config().withSearchLimits(1_000, Duration.ofNanos(1)), clock)) {
            assertThatThrownBy(() -> store.search(Spans.search(HOUR_AGO, NOW).build()))
                    .isInstanceOfSatisfying(TraceSearchException.class, e -> assertThat(e.limit()).isEqualTo("searchMaxDuration"));
        }
    }

    @Test
    void everyOfTwoHundredSingleSpanTracesIsFoundWhateverItsIdBytesAndStartCollisions() {
        // A tight loop of an SDK: ten traces share each microsecond, a hundred each millisecond; the
        // ids' first bytes run from 0xff down, the byte that marks a non-hex id's term (and the 0x80
        // after it is no UTF-8: read as text, such an id named no stored trace).
        long base = nanos(HOUR_AGO);
        List<SpanRecord> spans = new ArrayList<>();
        Map<String, String> nameById = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            String id = String.format("%02x80%028x", 255 - i, 0x1234_5678L * (i + 1));
            long start = base + (i / 100) * 1_000_000L + (i % 100 / 10) * 1_000L;
            spans.add(span(id, spanId(i)).service("export-test").name("plain-" + i).startNanos(start).build());
            nameById.put(id, "plain-" + i);
        }
        try (LuceneTraceStore store = LuceneTraceStore.open(config(), clock)) {
            store.append(1, spans);
            store.refresh();
            List<TraceSummary> found = store.search(Spans.search(HOUR_AGO.minusSeconds(3600), NOW.plusSeconds(60))
                    .service("export-test").limit(1_000).build());
            assertThat(found).extracting(TraceSummary::rootSpanName)
                    .containsExactlyInAnyOrderElementsOf(nameById.values());
            assertThat(ids(found)).containsExactlyInAnyOrderElementsOf(nameById.keySet());
            for (Map.Entry<String, String> trace : nameById.entrySet()) {
                assertThat(store.trace(trace.getKey(), 0, Long.MAX_VALUE)).as(trace.getValue()).singleElement()
                        .satisfies(span -> assertThat(span.traceId()).isEqualTo(trace.getKey()));
            }
        }
    }

    @Test
    void theAppendingThreadWritesAFullBufferItself() {
        try (LuceneTraceStore store = LuceneTraceStore.open(config().withMaxBufferedSpans(10), clock)) {
            List<SpanRecord> spans = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                spans.add(span(traceId(i), spanId(i)).start(HOUR_AGO).build());
            }
            store.append(1, spans.subList(0, 5));
            assertThat(store.spansWritten()).isZero();
            store.append(2, spans.subList(5, 25));
            assertThat(store.spansWritten()).isEqualTo(25);
        }
    }

    private static List<String> ids(List<TraceSummary> summaries) {
        return summaries.stream().map(TraceSummary::traceId).toList();
    }

    /** Drops the store like a killed process: no commit, writers rolled back, files left as they are. */
    private static void crash(LuceneTraceStore store) {
        store.abandon();
    }
}
