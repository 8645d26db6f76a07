package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sightline.query.logql.LogqlDirection;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.LogqlStats;

class LogContextTest {
    private final LogContext context = new LogContext("or\"ders", 1_000_000, 2, Duration.ofNanos(500_000));

    @Test
    void selectsTheServiceQuoted() {
        assertThat(context.selector()).isEqualTo("{service_name=\"or\\\"ders\"}");
    }

    @Test
    void beforeReachesBackTheSpanAndIncludesTheAnchorsNanosecond() {
        LogqlRequest before = context.before(Duration.ofSeconds(1));
        assertThat(before.startNanos()).isEqualTo(500_000);
        assertThat(before.endNanos()).isEqualTo(1_000_001);
        assertThat(before.direction()).isEqualTo(LogqlDirection.BACKWARD);
        assertThat(before.limit()).isEqualTo(3);
        assertThat(before.instant()).isFalse();
    }

    @Test
    void afterStartsPastTheAnchor() {
        LogqlRequest after = context.after(Duration.ofSeconds(1));
        assertThat(after.startNanos()).isEqualTo(1_000_001);
        assertThat(after.endNanos()).isEqualTo(1_500_001);
        assertThat(after.direction()).isEqualTo(LogqlDirection.FORWARD);
        assertThat(after.limit()).isEqualTo(2);
    }

    @Test
    void beforeNeverStartsBeforeTheEpoch() {
        assertThat(new LogContext("a", 10, 1, Duration.ofHours(1)).before(Duration.ofSeconds(1)).startNanos()).isZero();
    }

    @Test
    void mergeListsNewestFirstAndMarksTheAnchor() {
        LogqlResult.Streams before = streams(1_000_000, 900_000, 800_000);
        LogqlResult.Streams after = streams(1_100_000, 1_200_000);
        List<LogRow> rows = context.merge(before, after);
        assertThat(rows).extracting(LogRow::timeNanos).containsExactly(1_200_000L, 1_100_000L, 1_000_000L, 900_000L, 800_000L);
        assertThat(rows).filteredOn(context::isAnchor).extracting(LogRow::timeNanos).containsExactly(1_000_000L);
    }

    private static LogqlResult.Streams streams(long... times) {
        List<LogqlResult.LogEntry> entries = java.util.Arrays.stream(times)
                .mapToObj(t -> new LogqlResult.LogEntry(t, "line " + t, Map.of(), Map.of())).toList();
        return new LogqlResult.Streams(List.of(new LogqlResult.LogStream(Map.of("service_name", "orders", "level", "info"),
                entries)), LogqlStats.EMPTY);
    }
}
