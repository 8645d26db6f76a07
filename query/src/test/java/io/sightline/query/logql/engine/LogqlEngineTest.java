package io.sightline.query.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlEngine;
import io.sightline.query.logql.LogqlEngineConfig;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;
import io.sightline.storage.logs.LogRecord;
import io.sightline.storage.logs.LogStoreConfig;
import io.sightline.storage.logs.LuceneLogStore;

/** The engine's statistics, explain, series limit and timeout, on a real store. */
class LogqlEngineTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;
    private LuceneLogStore store;
    private final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void load() throws IOException {
        store = LuceneLogStore.open(new LogStoreConfig(Files.createDirectories(dir.resolve("logs")), Duration.ofHours(1),
                Duration.ofHours(1), 1, 16, Duration.ofDays(3650), 0), InstantSource.fixed(Instant.EPOCH.plus(Duration.ofDays(2))));
        List<LogRecord> records = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            records.add(new LogRecord(i * SECOND, 0, 0, "", "id=" + i + " status=" + (i % 2 == 0 ? "ok" : "fail"),
                    "svc" + (i % 3), Map.of(), "", "", Map.of(), "", "", 0));
        }
        store.append(1, records);
        store.refresh();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private LogqlEngine engine(LogqlEngineConfig config) {
        return new LogqlEngine(store, new GoLineTemplates(java.time.InstantSource.fixed(java.time.Instant.EPOCH), io.sightline.query.template.TemplateLimits.defaults()), config, nanos::get);
    }

    private static LogqlRequest instant(String query, long time) {
        return new LogqlRequest(query, time, time, 0, 0, LogqlDirection.BACKWARD, 100, Duration.ofSeconds(10));
    }

    @Test
    void statsCountWhatTheStoreHandedOut() {
        LogqlResult r = engine(LogqlEngineConfig.defaults()).execute(new LogqlRequest("{service_name=~\"svc.\"} |= \"fail\"",
                0, 20 * SECOND, SECOND, 0, LogqlDirection.FORWARD, 100, Duration.ofSeconds(10)));
        assertThat(r.stats().linesProcessed()).isEqualTo(5);
        assertThat(r.stats().entriesReturned()).isEqualTo(5);
        assertThat(r.stats().bytesProcessed()).isEqualTo(5 * "id=1 status=fail".length());
        assertThat(r.stats().partitionsSearched()).isEqualTo(1);
        assertThat(r.stats().indexQuery()).isNotEmpty();
    }

    @Test
    void explainSaysWhatGoesToTheIndexAndWhatRunsAfter() {
        LogqlEngine engine = engine(LogqlEngineConfig.defaults());
        LogqlExplain grouped = engine.explain(instant("sum by (service_name) (count_over_time({service_name=\"svc1\"} |= \"id\" [1m]))", 60 * SECOND));
        assertThat(grouped.kind()).isEqualTo("metric");
        assertThat(grouped.scans()).singleElement().satisfies(scan -> {
            assertThat(scan.selector()).isEqualTo("{service_name=\"svc1\"}");
            assertThat(scan.lineFilters()).containsExactly("|= \"id\"");
            assertThat(scan.indexOnly()).isTrue();
            assertThat(scan.stages()).isEmpty();
        });
        LogqlExplain parsed = engine.explain(instant("sum by (status) (count_over_time({service_name=\"svc1\"} | logfmt | status=\"ok\" [1m]))", 60 * SECOND));
        assertThat(parsed.scans()).singleElement().satisfies(scan -> {
            assertThat(scan.indexOnly()).isFalse();
            assertThat(scan.stages()).containsExactly("| logfmt", "| status=\"ok\"");
        });
        // Without a grouping above, structured metadata may be part of the series labels: records are read.
        assertThat(engine.explain(instant("count_over_time({service_name=\"svc1\"}[1m])", 60 * SECOND)).scans().getFirst().indexOnly())
                .isFalse();
    }

    @Test
    void indexOnlyAndRecordPathsAgree() {
        LogqlEngine engine = engine(LogqlEngineConfig.defaults());
        LogqlResult grouped = engine.execute(instant("sum by (service_name) (count_over_time({service_name=~\"svc.\"}[1m]))", 60 * SECOND));
        LogqlResult viaRecords = engine.execute(instant("sum by (service_name) (count_over_time({service_name=~\"svc.\"} | keep service_name [1m]))", 60 * SECOND));
        assertThat(((LogqlResult.Vector) grouped).samples()).isEqualTo(((LogqlResult.Vector) viaRecords).samples());
        assertThat(((LogqlResult.Vector) grouped).samples()).hasSize(3);
    }

    @Test
    void indexOnlyAndRecordPathsAgreeOverRangesWithOffsets() {
        LogqlEngine engine = engine(LogqlEngineConfig.defaults());
        for (String op : List.of("count_over_time", "rate", "bytes_over_time", "bytes_rate")) {
            for (String window : List.of("[1s]", "[3s]", "[2500ms] offset 2s", "[1m]")) {
                String selector = "{service_name=~\"svc.\"}";
                String indexOnly = "sum by (service_name) (" + op + "(" + selector + window + "))";
                String viaRecords = "sum by (service_name) (" + op + "(" + selector + " | keep service_name " + window + "))";
                assertThat(describe(engine.execute(range(indexOnly)))).as(indexOnly)
                        .isEqualTo(describe(engine.execute(range(viaRecords)))).isNotEmpty();
            }
        }
        String absent = "absent_over_time({service_name=\"svc1\"}[2s])";
        assertThat(describe(engine.execute(range(absent))))
                .isEqualTo(describe(engine.execute(range("absent_over_time({service_name=\"svc1\"} | keep service_name [2s])"))))
                .isNotEmpty();
    }

    @Test
    void holdingTooManySamplesIsALimitError() {
        LogqlEngine engine = engine(new LogqlEngineConfig(500, 5000, 3));
        assertThatThrownBy(() -> engine.execute(instant("sum(count_over_time({service_name=~\"svc.\"} | logfmt [1m]))", 60 * SECOND)))
                .isInstanceOfSatisfying(LogqlQueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LogqlQueryException.Kind.LIMIT);
                    assertThat(e.getMessage()).contains("more than 3 samples");
                });
        // The index-only path holds no samples: it counts into step windows.
        assertThat(engine.execute(instant("sum(count_over_time({service_name=~\"svc.\"}[1m]))", 60 * SECOND)))
                .isInstanceOfSatisfying(LogqlResult.Vector.class, v -> assertThat(v.samples().getFirst().value()).isEqualTo(10));
    }

    /** Every second from 0 to 15 s, over records at 1..10 s. */
    private static LogqlRequest range(String query) {
        return new LogqlRequest(query, 0, 15 * SECOND, SECOND, 0, LogqlDirection.FORWARD, 100, Duration.ofSeconds(10));
    }

    private static List<String> describe(LogqlResult result) {
        return ((LogqlResult.Matrix) result).series().stream()
                .map(s -> s.labels() + " " + java.util.Arrays.toString(s.timesNanos()) + " " + java.util.Arrays.toString(s.values()))
                .sorted().toList();
    }

    @Test
    void tooManySeriesIsLokisLimitError() {
        LogqlEngine engine = engine(new LogqlEngineConfig(2, 5000, 1_000_000));
        assertThatThrownBy(() -> engine.execute(instant("count_over_time({service_name=~\"svc.\"}[1m])", 60 * SECOND)))
                .isInstanceOfSatisfying(LogqlQueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LogqlQueryException.Kind.LIMIT);
                    assertThat(e.getMessage()).startsWith("maximum number of series (2) reached for a single query");
                });
    }

    @Test
    void aQueryPastItsDeadlineTimesOut() {
        LogqlEngine engine = new LogqlEngine(store, new GoLineTemplates(java.time.InstantSource.fixed(java.time.Instant.EPOCH), io.sightline.query.template.TemplateLimits.defaults()), LogqlEngineConfig.defaults(),
                () -> nanos.addAndGet(SECOND));
        LogqlRequest request = new LogqlRequest("sum(count_over_time({service_name=~\"svc.\"} | logfmt [1m]))", 0,
                60 * SECOND, SECOND, 0, LogqlDirection.BACKWARD, 100, Duration.ofMillis(1500));
        assertThatThrownBy(() -> engine.execute(request)).isInstanceOfSatisfying(LogqlQueryException.class,
                e -> assertThat(e.kind()).isEqualTo(LogqlQueryException.Kind.TIMEOUT));
    }
}
