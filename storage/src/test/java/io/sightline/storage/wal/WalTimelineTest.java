package io.sightline.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WalTimelineTest {
    @Test
    void entriesAreDatedByTheFirstPointAtOrAfterThem() {
        WalTimeline timeline = new WalTimeline((a, b) -> true);
        timeline.record(9, 1_000, 0);
        timeline.record(19, 2_000, 100);
        timeline.record(29, 3_000, 300);
        assertThat(timeline.writtenByMillis(9)).as("written before opening").isEqualTo(-1);
        assertThat(timeline.writtenByMillis(10)).isEqualTo(2_000);
        assertThat(timeline.writtenByMillis(19)).isEqualTo(2_000);
        assertThat(timeline.writtenByMillis(20)).isEqualTo(3_000);
        assertThat(timeline.writtenByMillis(30)).isEqualTo(Long.MAX_VALUE);
        assertThat(timeline.bytesAfter(19)).isEqualTo(200);
        assertThat(timeline.bytesAfter(14)).as("a point's bytes shared by its entries").isEqualTo(250);
        assertThat(timeline.bytesAfter(29)).isZero();
        assertThat(timeline.bytesAfter(5)).isEqualTo(-1);
    }

    @Test
    void closeWritesMoveTheNewestPointOn() {
        WalTimeline timeline = new WalTimeline((a, b) -> true);
        timeline.record(-1, 0, 0);
        timeline.record(0, 1_000, 10);
        timeline.record(1, 1_010, 20);
        timeline.record(2, 1_020, 30);
        assertThat(timeline.writtenByMillis(1)).as("moved on to the newest close write").isEqualTo(1_020);
        assertThat(timeline.bytesAfter(0)).isEqualTo(20);
        assertThat(timeline.bytesAfter(1)).isEqualTo(10);
    }

    @Test
    void aFullTimelineThinsButKeepsCoveringEverythingSinceOpening() {
        WalTimeline timeline = new WalTimeline((a, b) -> true);
        timeline.record(-1, 0, 0);
        long spacing = timeline.spacingMillis();
        int points = WalTimeline.CAPACITY * 3;
        for (int i = 0; i < points; i++) {
            timeline.record(i, (i + 1) * 10 * spacing, (i + 1) * 100L);
        }
        assertThat(timeline.spacingMillis()).isGreaterThan(spacing);
        // Records came every 10 initial spacings; after thinning, old points are 10 current spacings apart.
        long resolution = 10 * timeline.spacingMillis();
        assertThat(timeline.writtenByMillis(0)).isBetween(10 * spacing, 10 * spacing + resolution);
        assertThat(timeline.writtenByMillis(points - 1)).isEqualTo(points * 10 * spacing);
        long trueBytesAfter = (points - 1 - points / 2) * 100L;
        assertThat(timeline.bytesAfter(points / 2)).isEqualTo(trueBytesAfter);
    }
}
