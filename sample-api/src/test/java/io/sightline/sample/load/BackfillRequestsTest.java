package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillRequestsTest {

    private static final long END = 1_800_000_000_000_000_000L;
    private static final long HOUR = 3_600_000_000_000L;

    private static List<LogRecord> all(BackfillRequests requests) {
        List<LogRecord> records = new ArrayList<>();
        for (long i = 0; i < requests.requestCount(); i++) {
            ExportLogsServiceRequest r = requests.request(i);
            records.addAll(r.getResourceLogs(0).getScopeLogs(0).getLogRecordsList());
        }
        return records;
    }

    @Test
    void leanRecordsCarryTheirOwnTimesTheTokenExactlyAndTimeoutsAtTheAskedShare() {
        BackfillPlan plan = new BackfillPlan(END, 2 * HOUR, 20_000, 3);
        BackfillRequests requests = new BackfillRequests(7, 5, 500, plan,
                new LogBatchGenerator.Backfill(true, 1.0, "needleXQ7"));
        assertThat(requests.requestCount()).isEqualTo(40);

        List<LogRecord> records = all(requests);
        assertThat(records).hasSize(20_000);
        assertThat(records.stream().map(LogRecord::getTimeUnixNano).sorted().toList()).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 20_000).map(plan::timeOf).boxed().toList());
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getAttributesCount()).isZero();
            assertThat(r.getTraceId().isEmpty()).isTrue();
        });
        assertThat(records.stream().filter(r -> r.getBody().getStringValue().contains("needleXQ7")).count())
                .isEqualTo(3);
        List<LogRecord> timeouts = records.stream()
                .filter(r -> r.getBody().getStringValue().contains("timeout")).toList();
        assertThat(timeouts.size()).isBetween(140, 260); // 1% of 20,000 = 200, binomial sd ~14
        assertThat(timeouts).allSatisfy(r -> assertThat(r.getSeverityText()).isIn("WARN", "ERROR"));
    }

    @Test
    void theSameSeedBuildsTheSameRequestWhicheverOrderTheyAreBuiltIn() {
        BackfillPlan plan = new BackfillPlan(END, HOUR, 3_000, 0);
        LogBatchGenerator.Backfill shape = new LogBatchGenerator.Backfill(false, 0, null);
        BackfillRequests a = new BackfillRequests(1, 3, 1_000, plan, shape);
        BackfillRequests b = new BackfillRequests(1, 3, 1_000, plan, shape);
        assertThat(a.request(2)).isEqualTo(b.request(2));
        assertThat(a.request(1)).isEqualTo(b.request(1)).isNotEqualTo(a.request(0));
        // the full shape keeps the attributes; without --timeout-percent no body mentions a timeout
        assertThat(all(a)).allSatisfy(r -> {
            assertThat(r.getAttributesCount()).isBetween(10, 11);
            assertThat(r.getBody().getStringValue()).doesNotContain("timeout");
        });
    }

    @Test
    void eachServiceLogsAllAlongTheSpanAndTogetherTheyHoldEveryRecordOnce() {
        // 7 requests of 100 from 3 services: groups of 3, 3 and 1 requests
        BackfillPlan plan = new BackfillPlan(END, HOUR, 700, 0);
        BackfillRequests requests = new BackfillRequests(1, 3, 100, plan,
                new LogBatchGenerator.Backfill(true, 0, null));
        assertThat(requests.requestCount()).isEqualTo(7);
        List<Long> times = new ArrayList<>();
        for (long i = 0; i < 7; i++) {
            List<LogRecord> records = requests.request(i).getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
            assertThat(records).hasSize(100);
            records.forEach(r -> times.add(r.getTimeUnixNano()));
        }
        assertThat(times).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.range(0, 700).map(plan::timeOf).boxed().toList());
        // request 1 (service 1) takes records 1, 4, 7, ... of the first group's 300
        List<LogRecord> second = requests.request(1).getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
        assertThat(second.get(0).getTimeUnixNano()).isEqualTo(plan.timeOf(1));
        assertThat(second.get(99).getTimeUnixNano()).isEqualTo(plan.timeOf(298));
        // the last group has one request, which takes its 100 records in a row
        List<LogRecord> last = requests.request(6).getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
        assertThat(last.get(0).getTimeUnixNano()).isEqualTo(plan.timeOf(600));
        assertThat(last.get(99).getTimeUnixNano()).isEqualTo(plan.timeOf(699));
    }

    @Test
    void aPlanThatDoesNotFillWholeBatchesIsRefused() {
        BackfillPlan plan = new BackfillPlan(END, HOUR, 1_050, 1);
        assertThatThrownBy(() -> new BackfillRequests(1, 2, 500, plan, new LogBatchGenerator.Backfill(true, 0, "w")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
