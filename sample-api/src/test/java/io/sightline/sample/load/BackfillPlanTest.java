package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {

    private static final long END = 1_800_000_000_000_000_000L;
    private static final long DAY = 86_400_000_000_000L;

    @Test
    void recordsSpreadEvenlyOverTheSpanOldestFirst() {
        BackfillPlan plan = new BackfillPlan(END, DAY, 10_000_000, 3);
        assertThat(plan.timeOf(0)).isEqualTo(END - DAY);
        assertThat(plan.timeOf(5_000_000)).isEqualTo(END - DAY / 2);
        assertThat(plan.timeOf(9_999_999)).isLessThan(END).isGreaterThan(END - 9_000_000);
        long previous = Long.MIN_VALUE;
        for (long k = 0; k < 10_000_000; k += 9_973) {
            assertThat(plan.timeOf(k)).isGreaterThan(previous);
            previous = plan.timeOf(k);
        }
    }

    @Test
    void unevenDivisionStaysExactAndInsideTheSpan() {
        // 7 ns over 3 records: 0, 2, 4 (floor(k * 7 / 3))
        BackfillPlan plan = new BackfillPlan(100, 7, 3, 0);
        assertThat(LongStream.range(0, 3).map(plan::timeOf).toArray()).containsExactly(93, 95, 97);
    }

    @Test
    void theTokenGoesToTheMiddleOfEqualSlices() {
        BackfillPlan plan = new BackfillPlan(END, DAY, 1_000, 3);
        assertThat(plan.tokenPositions()).containsExactly(166, 500, 833);
        assertThat(LongStream.range(0, 1_000).filter(plan::carriesToken).count()).isEqualTo(3);
        assertThat(new BackfillPlan(END, DAY, 1_000, 0).carriesToken(500)).isFalse();
    }

    @Test
    void badShapesAreRefused() {
        assertThatThrownBy(() -> new BackfillPlan(END, 0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackfillPlan(END, DAY, 2, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
