package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void spacesRequestsByBatchOverRate() {
        SendSchedule s = new SendSchedule(1_000, 100, 10 * SECOND, 0); // 10 requests/s
        assertThat(s.paced()).isTrue();
        assertThat(s.dueNanos(0)).isZero();
        assertThat(s.dueNanos(1)).isEqualTo(100_000_000L);
        assertThat(s.dueNanos(7)).isEqualTo(700_000_000L);
    }

    @Test
    void dueTimesDoNotDriftOverALongRun() {
        // 3 records per request at 7 records/s: an interval of 428571428.57... ns that a
        // summed-interval schedule would round 24h * 2.33 = ~200k times.
        SendSchedule s = new SendSchedule(7, 3, Duration.ofDays(1).toNanos(), 0);
        long n = 201_600; // exactly 1 day: 201600 * 3 / 7 = 86400 s
        assertThat(s.dueNanos(n)).isEqualTo(86_400 * SECOND);
        assertThat(s.dueNanos(7)).isEqualTo(3 * SECOND);
    }

    @Test
    void highRatesGiveSubMillisecondIntervals() {
        SendSchedule s = new SendSchedule(200_000, 500, 10 * SECOND, 0); // 400 requests/s
        assertThat(s.dueNanos(1)).isEqualTo(2_500_000L);
        assertThat(s.dueBy(10 * SECOND)).isEqualTo(4_000);
    }

    @Test
    void theRunEndsAtItsDurationOrMaxRequests() {
        SendSchedule s = new SendSchedule(1_000, 100, SECOND, 0);
        assertThat(s.includes(9)).isTrue();
        assertThat(s.includes(10)).isFalse(); // due at exactly 1 s: outside [0, 1 s)
        assertThat(s.dueBy(SECOND)).isEqualTo(10);
        assertThat(s.dueBy(5 * SECOND)).isEqualTo(10);

        SendSchedule capped = new SendSchedule(1_000, 100, SECOND, 4);
        assertThat(capped.includes(3)).isTrue();
        assertThat(capped.includes(4)).isFalse();
        assertThat(capped.dueBy(SECOND)).isEqualTo(4);
    }

    @Test
    void dueByCountsRequestsStrictlyBeforeTheElapsedTime() {
        SendSchedule s = new SendSchedule(1_000, 100, 10 * SECOND, 0);
        assertThat(s.dueBy(0)).isZero();
        assertThat(s.dueBy(1)).isEqualTo(1);             // request 0 is due at 0
        assertThat(s.dueBy(100_000_000L)).isEqualTo(1);  // request 1 is due at exactly 100 ms
        assertThat(s.dueBy(100_000_001L)).isEqualTo(2);
        assertThat(s.dueBy(2_550_000_000L)).isEqualTo(26);
    }

    @Test
    void unpacedSchedulesAreBoundedByTimeAndCountOnly() {
        SendSchedule s = new SendSchedule(0, 500, SECOND, 0);
        assertThat(s.paced()).isFalse();
        assertThat(s.dueNanos(1_000_000)).isZero();
        assertThat(s.includes(1_000_000)).isTrue();
        assertThat(s.dueBy(SECOND)).isEqualTo(-1);
        assertThat(new SendSchedule(0, 500, SECOND, 3).includes(3)).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new SendSchedule(-1, 1, SECOND, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendSchedule(1, 0, SECOND, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendSchedule(1, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
