package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void emptyHistogramReportsZero() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.percentileNanos(50)).isZero();
        assertThat(h.percentileNanos(100)).isZero();
        assertThat(h.maxNanos()).isZero();
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 50; v++) {
            h.record(v);
        }
        assertThat(h.percentileNanos(50)).isEqualTo(25);
        assertThat(h.percentileNanos(99)).isEqualTo(50);
        assertThat(h.percentileNanos(2)).isEqualTo(1);
        assertThat(h.maxNanos()).isEqualTo(50);
    }

    @Test
    void nearestRankOnAKnownDistribution() {
        LatencyHistogram h = new LatencyHistogram();
        // 90 fast requests at 1 ms, 9 at 10 ms, 1 at 500 ms
        for (int i = 0; i < 90; i++) {
            h.record(1_000_000);
        }
        for (int i = 0; i < 9; i++) {
            h.record(10_000_000);
        }
        h.record(500_000_000);
        assertThat(h.percentileNanos(50)).isBetween(1_000_000L, 1_015_625L);
        assertThat(h.percentileNanos(90)).isBetween(1_000_000L, 1_015_625L);
        assertThat(h.percentileNanos(95)).isBetween(10_000_000L, 10_156_250L);
        assertThat(h.percentileNanos(99)).isBetween(10_000_000L, 10_156_250L);
        assertThat(h.percentileNanos(99.5)).isEqualTo(500_000_000L); // capped at the exact max
        assertThat(h.percentileNanos(100)).isEqualTo(500_000_000L);
    }

    @Test
    void percentilesStayWithinOneSixtyFourthOfTheExactValue() {
        SplittableRandom random = new SplittableRandom(SEED);
        LatencyHistogram h = new LatencyHistogram();
        long[] values = new long[20_000];
        for (int i = 0; i < values.length; i++) {
            // log-uniform between 1 µs and ~1 min, like real latencies with a long tail
            values[i] = (long) Math.exp(Math.log(1_000) + random.nextDouble() * Math.log(60_000_000.0));
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {1, 10, 50, 90, 95, 99, 99.9, 100}) {
            long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            assertThat(h.percentileNanos(p))
                    .as("p%s with seed %d (replay with -Dtests.seed=%d)", p, SEED, SEED)
                    .isBetween(exact, exact + exact / LatencyHistogram.SUB_BUCKETS);
        }
        assertThat(h.maxNanos()).isEqualTo(values[values.length - 1]);
        assertThat(h.count()).isEqualTo(values.length);
    }

    @Test
    void bucketBoundsTileTheRange() {
        int last = LatencyHistogram.bucketIndex(LatencyHistogram.MAX_TRACKED_NANOS);
        for (int i = 0; i < last; i++) {
            long upper = LatencyHistogram.bucketUpperBound(i);
            assertThat(LatencyHistogram.bucketIndex(upper)).isEqualTo(i);
            assertThat(LatencyHistogram.bucketIndex(upper + 1)).isEqualTo(i + 1);
        }
        assertThat(LatencyHistogram.bucketUpperBound(last)).isEqualTo(LatencyHistogram.MAX_TRACKED_NANOS);
    }

    @Test
    void hugeAndNegativeValuesAreClamped() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(Long.MAX_VALUE);
        assertThat(h.percentileNanos(50)).isZero();
        assertThat(h.percentileNanos(100)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void addMergesCounts() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(10);
        b.record(20);
        b.record(30);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.maxNanos()).isEqualTo(30);
        assertThat(a.percentileNanos(50)).isEqualTo(20);
    }

    @Test
    void rejectsPercentilesOutsideTheRange() {
        LatencyHistogram h = new LatencyHistogram();
        assertThatThrownBy(() -> h.percentileNanos(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.percentileNanos(100.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
